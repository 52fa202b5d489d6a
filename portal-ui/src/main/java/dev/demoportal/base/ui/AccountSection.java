package dev.demoportal.base.ui;

import com.vaadin.flow.component.Component;

/**
 * A section another feature adds to My account (calendar feeds), so the account page depends on
 * no feature that itself depends on identity. Spring beans; shown in {@link #order()}.
 */
public interface AccountSection {

    /** A fresh component for the signed-in person's account page. */
    Component create();

    default int order() {
        return 0;
    }
}
