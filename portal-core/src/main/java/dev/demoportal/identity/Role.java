package dev.demoportal.identity;

/** What a person may do in the portal. Everyone but {@link #CUSTOMER} works for us. */
public enum Role {
    FIELD_ENGINEER("Field engineer"),
    MANAGER("Manager"),
    ADMIN("Administrator"),
    CUSTOMER("Customer");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The Spring Security authority, as {@code hasRole('X')} expects it. */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean internal() {
        return this != CUSTOMER;
    }
}
