package dev.demoportal.provisioning.worker.simulated;

import dev.demoportal.provisioning.ResetJobSpec;
import dev.demoportal.provisioning.SlotResetDriver;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reset steps in the simulated cloud (local mode, tests): each step is recorded as {@code
 * resetjob/<region>/<namespace>/<name>} with its image and completes at once. A step whose image
 * ends in {@code :fail} fails, so local mode can show a failed reset and an out-of-service slot.
 */
public class SimulatedResetDriver implements SlotResetDriver {

    /** The tag of an image whose step the simulated driver fails. */
    public static final String FAILING_TAG = ":fail";

    private final SimulatedCloud cloud;

    public SimulatedResetDriver(SimulatedCloud cloud) {
        this.cloud = cloud;
    }

    public static String id(ResetJobSpec step) {
        return "resetjob/" + step.regionCode() + "/" + step.namespace() + "/" + step.name();
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public void run(ResetJobSpec step) {
        Map<String, String> attributes = new LinkedHashMap<>(step.labels());
        attributes.put("image", step.image());
        attributes.put("command", String.join(" ", step.command()));
        cloud.ensure(id(step), attributes);
        if (step.image().endsWith(FAILING_TAG)) {
            throw new IllegalStateException("simulated Job " + step.name() + " failed (image " + step.image() + ")");
        }
    }
}
