package dev.demoportal.environment;

/** Whether an environment can be booked. */
public enum EnvironmentStatus {
    AVAILABLE("Available"),
    MAINTENANCE("In maintenance"),
    RETIRED("Retired");

    private final String label;

    EnvironmentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
