package dev.demoportal.booking;

/** The channel other components LISTEN on for board changes (payload: the environment id). */
public final class BoardChanges {

    public static final String CHANNEL = BoardNotifier.CHANNEL;

    private BoardChanges() {}
}
