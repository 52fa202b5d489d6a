package dev.demoportal.provisioning.worker;

import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LayerDriver;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The driver chosen for each layer, from {@code portal.provisioning.drivers.*}. */
public class LayerDrivers {

    private final Map<Layer, LayerDriver> byLayer = new EnumMap<>(Layer.class);

    public LayerDrivers(List<LayerDriver> drivers) {
        for (LayerDriver driver : drivers) {
            if (byLayer.put(driver.layer(), driver) != null) {
                throw new IllegalStateException(
                        "Two drivers for layer " + driver.layer().code());
            }
        }
        for (Layer layer : Layer.values()) {
            if (!byLayer.containsKey(layer)) {
                throw new IllegalStateException("No driver for layer " + layer.code());
            }
        }
    }

    public LayerDriver of(Layer layer) {
        return byLayer.get(layer);
    }

    /** Driver names by layer code, as recorded on each job. */
    public Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        byLayer.forEach((layer, driver) -> names.put(layer.code(), driver.name()));
        return names;
    }

    public List<LayerDriver> all() {
        return List.copyOf(byLayer.values());
    }
}
