package dev.demoportal.provisioning.worker.kubernetes;

import dev.demoportal.provisioning.TemplateContents.HelmRelease;
import java.util.Map;

/** Renders one Helm release of a template into Kubernetes manifests (a multi-document YAML stream). */
@FunctionalInterface
public interface ChartRenderer {

    /**
     * @param release the release as the template declares it
     * @param namespace the sandbox namespace it goes into
     * @param values the release's values with the placeholders filled in
     */
    String render(HelmRelease release, String namespace, Map<String, String> values);
}
