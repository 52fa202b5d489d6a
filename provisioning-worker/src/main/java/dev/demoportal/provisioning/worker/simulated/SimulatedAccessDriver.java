package dev.demoportal.provisioning.worker.simulated;

import dev.demoportal.provisioning.AccessBinding;
import dev.demoportal.provisioning.AccessBindingDriver;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Access-lease bindings in the simulated cloud (local mode, tests): recorded like the other
 * simulated resources, as {@code rolebinding/<region>/<namespace>/<name>}, with their subject.
 */
public class SimulatedAccessDriver implements AccessBindingDriver {

    private final SimulatedCloud cloud;

    public SimulatedAccessDriver(SimulatedCloud cloud) {
        this.cloud = cloud;
    }

    public static String id(AccessBinding binding) {
        return "rolebinding/" + binding.regionCode() + "/" + binding.namespace() + "/" + binding.name();
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public void grant(AccessBinding binding) {
        Map<String, String> attributes = new LinkedHashMap<>(binding.labels());
        attributes.put("subject", (binding.group() ? "Group:" : "User:") + binding.subject());
        attributes.put("clusterRole", binding.clusterRole());
        cloud.ensure(id(binding), attributes);
    }

    @Override
    public void revoke(AccessBinding binding) {
        cloud.remove(id(binding));
    }

    @Override
    public boolean exists(AccessBinding binding) {
        return cloud.exists(id(binding));
    }
}
