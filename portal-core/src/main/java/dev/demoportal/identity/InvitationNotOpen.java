package dev.demoportal.identity;

import dev.demoportal.base.Conflict;
import dev.demoportal.identity.InvitationSummary.State;

/** An invitation was asked to move where it cannot from where it is ({@link State#next()}): it is no longer open. */
public class InvitationNotOpen extends Conflict {

    private final State from;
    private final State to;

    public InvitationNotOpen(State from, State to) {
        super("invitation.not_open", "It is no longer open.");
        this.from = from;
        this.to = to;
    }

    public State from() {
        return from;
    }

    public State to() {
        return to;
    }
}
