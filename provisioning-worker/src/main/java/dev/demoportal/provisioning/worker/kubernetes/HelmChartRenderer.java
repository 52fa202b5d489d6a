package dev.demoportal.provisioning.worker.kubernetes;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.TemplateContents.HelmRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

/**
 * Renders a release with Helm itself ({@code helm template}, through helm-java, which embeds Helm's
 * Go code): a chart directory on the worker, an {@code oci://} reference, or a chart in an HTTP
 * chart repository, added to a repository configuration of the worker's own.
 */
public class HelmChartRenderer implements ChartRenderer {

    private final Path repositoryConfig;

    public HelmChartRenderer() {
        try {
            this.repositoryConfig =
                    Files.createTempDirectory("demo-portal-helm").resolve("repositories.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String render(HelmRelease release, String namespace, Map<String, String> values) {
        TemplateCommand command;
        if (release.chart().startsWith("/")) {
            command = new Helm(Path.of(release.chart())).template();
        } else if (release.repository() != null) {
            String repo = "r"
                    + HexFormat.of()
                            .formatHex(release.repository().getBytes(StandardCharsets.UTF_8))
                            .substring(0, 16);
            addRepository(repo, release.repository());
            command = Helm.template(repo + "/" + release.chart()).withRepositoryConfig(repositoryConfig);
        } else {
            command = Helm.template(release.chart());
        }
        command = command.withName(release.name()).withNamespace(namespace);
        if (release.version() != null) {
            command = command.withVersion(release.version());
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            command = command.set(value.getKey(), value.getValue());
        }
        try {
            return command.call();
        } catch (RuntimeException e) {
            // a chart that cannot be fetched may answer later; one that cannot render will not,
            // but both are worth the runner's few retries before the job fails
            throw StepFailure.transientFailure(
                    "helm template of release " + release.name() + " (" + release.describe() + ") failed: "
                            + e.getMessage(),
                    e);
        }
    }

    private synchronized void addRepository(String name, String url) {
        try {
            if (Files.exists(repositoryConfig)
                    && Files.readString(repositoryConfig).contains(url)) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Helm.repo()
                .add()
                .withRepositoryConfig(repositoryConfig)
                .withName(name)
                .withUrl(URI.create(url))
                .call();
    }
}
