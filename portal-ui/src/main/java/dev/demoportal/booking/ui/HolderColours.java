package dev.demoportal.booking.ui;

import dev.demoportal.booking.Holder;

/**
 * One colour per holder, the same on every page and every day: an index into Lumo's seven user
 * colours ({@code --vaadin-user-color-N}), which the board's avatars use too.
 */
final class HolderColours {

    static final int COUNT = 7;

    private HolderColours() {}

    static int index(Holder holder) {
        return Math.floorMod(holder.id().hashCode(), COUNT);
    }

    /** The CSS class that paints a timeline block or legend swatch in the holder's colour. */
    static String className(Holder holder) {
        return "dp-holder-" + index(holder);
    }
}
