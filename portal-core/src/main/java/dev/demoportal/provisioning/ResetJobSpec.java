package dev.demoportal.provisioning;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One step of a slot's reset as the driver runs it: a Job {@code name} in {@code namespace} on the
 * region's cluster, running {@code image} with {@code command} (the image's entrypoint when empty),
 * which must complete within {@code timeout}.
 *
 * @param labels what the Job is for (environment, slot, reset), for people looking at the cluster
 */
public record ResetJobSpec(
        String regionCode,
        String awsRegion,
        String namespace,
        String name,
        String image,
        List<String> command,
        @Nullable String serviceAccount,
        Duration timeout,
        Map<String, String> labels) {

    public ResetJobSpec {
        command = List.copyOf(command);
        labels = Map.copyOf(labels);
    }
}
