package dev.demoportal.provisioning;

/** The infrastructure layers a plan runs through, in provisioning order (teardown reverses it). */
public enum Layer {
    GLOBAL("global"),
    REGION_CORE("region-core"),
    REGION_PLATFORM("region-platform");

    private final String code;

    Layer(String code) {
        this.code = code;
    }

    /** The stable name used in the database, the API and metric tags. */
    public String code() {
        return code;
    }

    public static Layer of(String code) {
        for (Layer layer : values()) {
            if (layer.code.equals(code)) {
                return layer;
            }
        }
        throw new IllegalArgumentException("Unknown layer " + code);
    }
}
