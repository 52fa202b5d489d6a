package dev.demoportal.provisioning.worker.pipeline;

import dev.demoportal.provisioning.SandboxSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One pipeline that carries out a layer for the sandboxes of some regions and templates.
 *
 * @param system {@code circleci} or {@code github-actions}
 * @param regions portal region codes (na, emea, apj) it serves; empty: every region
 * @param templates template slugs it serves; empty: every template
 * @param project CircleCI: the project slug ({@code gh/acme/infra}, {@code circleci/<org-id>/<project-id>});
 *     GitHub: the repository ({@code acme/infra})
 * @param branch the branch (CircleCI) or ref (GitHub) the pipeline runs on
 * @param workflow GitHub: the workflow file name or id ({@code sandbox-layer.yml}); CircleCI: unused
 *     (every workflow of the pipeline is followed)
 * @param token secret reference to the API token: {@code env:NAME} (an environment variable, e.g.
 *     from a Kubernetes Secret) or {@code file:/path} (a mounted Secret); never the token itself
 * @param parameters pipeline parameter (CircleCI) or workflow input (GitHub) name to value, with
 *     placeholders {@code {sandbox-id}}, {@code {name}}, {@code {region}}, {@code {aws-region}},
 *     {@code {organisation}}, {@code {template}}, {@code {action}}, {@code {expires-at}},
 *     {@code {customer-group}}, {@code {param.KEY}} (a template parameter), {@code {output.KEY}}
 *     (an output of an earlier step); empty: the portal's default names ({@code portal_sandbox_id},
 *     {@code portal_sandbox_name}, {@code portal_region}, {@code portal_aws_region},
 *     {@code portal_organisation}, {@code portal_template}, {@code portal_action})
 * @param correlationParameter the parameter or input that carries the portal's run key, which finds
 *     the run again if the trigger's answer was lost (GitHub: put it in the workflow's {@code run-name})
 * @param outputs name of the JSON file the pipeline publishes as an artifact ({@code <outputs>.json};
 *     GitHub: inside an artifact named {@code <outputs>}); its values become step outputs (e.g.
 *     {@code accessUrl}); empty: outputs are not read
 */
public record PipelineTarget(
        CiSystem system,
        List<String> regions,
        List<String> templates,
        String project,
        @DefaultValue("main") String branch,
        @Nullable String workflow,
        String token,
        Map<String, String> parameters,
        @DefaultValue("portal_run_key") String correlationParameter,
        @DefaultValue("portal-outputs") String outputs) {

    /** The CI systems the driver speaks to. */
    public enum CiSystem {
        CIRCLECI("circleci", "CircleCI"),
        GITHUB_ACTIONS("github-actions", "GitHub Actions");

        private final String code;
        private final String title;

        CiSystem(String code, String title) {
            this.code = code;
            this.title = title;
        }

        public String code() {
            return code;
        }

        public String title() {
            return title;
        }
    }

    static final Map<String, String> DEFAULT_PARAMETERS;

    static {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("portal_sandbox_id", "{sandbox-id}");
        defaults.put("portal_sandbox_name", "{name}");
        defaults.put("portal_region", "{region}");
        defaults.put("portal_aws_region", "{aws-region}");
        defaults.put("portal_organisation", "{organisation}");
        defaults.put("portal_template", "{template}");
        defaults.put("portal_action", "{action}");
        DEFAULT_PARAMETERS = java.util.Collections.unmodifiableMap(defaults);
    }

    public PipelineTarget {
        regions = regions == null ? List.of() : List.copyOf(regions);
        templates = templates == null ? List.of() : List.copyOf(templates);
        parameters = parameters == null || parameters.isEmpty()
                ? DEFAULT_PARAMETERS
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        outputs = outputs == null ? "" : outputs.strip();
    }

    /** True when it serves this sandbox's region and template. */
    boolean serves(SandboxSpec spec) {
        return (regions.isEmpty() || regions.contains(spec.regionCode()))
                && (templates.isEmpty() || templates.contains(spec.templateSlug()));
    }

    /** A short description for logs and receipts (never the token). */
    String describe() {
        return system.title() + " " + project + (workflow == null ? "" : " " + workflow) + "@" + branch;
    }

    /** Refuses a target the driver cannot run, at start-up rather than at the first sandbox. */
    void check(String where) {
        if (system == null) {
            throw new IllegalStateException(where + ".system is required: circleci or github-actions");
        }
        if (project == null || project.isBlank()) {
            throw new IllegalStateException(where + ".project is required");
        }
        if (system == CiSystem.GITHUB_ACTIONS && (workflow == null || workflow.isBlank())) {
            throw new IllegalStateException(where + ".workflow is required for GitHub Actions (the workflow file)");
        }
        if (system == CiSystem.GITHUB_ACTIONS && !project.matches("[\\w.-]+/[\\w.-]+")) {
            throw new IllegalStateException(where + ".project must be owner/repository for GitHub Actions");
        }
        SecretReference.check(token, where + ".token");
        PipelineParameters.check(parameters, where);
        if (correlationParameter == null || correlationParameter.isBlank()) {
            throw new IllegalStateException(where + ".correlation-parameter must not be empty");
        }
    }
}
