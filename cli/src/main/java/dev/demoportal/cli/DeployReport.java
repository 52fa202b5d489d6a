package dev.demoportal.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code demo deploy-report}: what a pipeline deployed, to an environment or one slot of it. Meant
 * for pipelines: it acts with DEMO_PORTAL_TOKEN or the CI job's own OIDC token, and takes the
 * commit and the run's URL from GitHub Actions' or CircleCI's variables when not given.
 */
@Command(
        name = "deploy-report",
        description = {
            "Report a deployment to an environment (or one of its slots), for pipelines.",
            "Acts with DEMO_PORTAL_TOKEN, a CI OIDC token from the environment, or the signed-in user.",
            "--commit and --pipeline-url default to GitHub Actions' or CircleCI's variables."
        })
final class DeployReport extends DemoCommand {

    /** What the API accepts as {@code status}. */
    enum Status {
        DEPLOYING,
        HEALTHY,
        FAILED
    }

    // its own help option: the standard mixin's --version would clash with the deployed version's
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "<env>", description = "The environment's slug, e.g. emea-demo-1.")
    String environment = "";

    @Option(names = "--version", required = true, description = "What was deployed, e.g. 2.14.0.")
    String version = "";

    @Option(
            names = "--status",
            description = "DEPLOYING, HEALTHY or FAILED (default: ${DEFAULT-VALUE}).",
            defaultValue = "HEALTHY")
    Status status = Status.HEALTHY;

    @Option(names = "--slot", description = "To this tenant slot only (default: the whole environment).")
    @Nullable
    Integer slot;

    @Option(names = "--commit", description = "The commit (7-64 hex digits; default: GITHUB_SHA or CIRCLE_SHA1).")
    @Nullable
    String commit;

    @Option(
            names = "--pipeline-url",
            paramLabel = "URL",
            description = "The run (default: the GitHub Actions run, or CIRCLE_BUILD_URL).")
    @Nullable
    String pipelineUrl;

    @Option(names = "--at", paramLabel = "TIME", description = "When the pipeline saw this state (default: now).")
    @Nullable
    String at;

    @Override
    int execute() {
        Map<String, String> env = ctx().env();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("commit", commit != null ? commit : first(env.get("GITHUB_SHA"), env.get("CIRCLE_SHA1")));
        body.put("pipelineUrl", pipelineUrl != null ? pipelineUrl : runUrl(env));
        body.put("status", status.name());
        body.put("at", at == null ? null : Times.instant(at, ctx().zone()).toString());
        String path = "api/v1/environments/" + Api.encode(environment) + (slot != null ? "/slots/" + slot : "")
                + "/deployment";
        JsonNode report = api().put(path, body);
        if (json()) {
            printJson(report);
        } else {
            ctx().out()
                    .println("Reported " + text(report, "version") + " " + text(report, "status") + " on " + environment
                            + (slot != null ? " slot " + slot : "") + ".");
        }
        return ExitCodes.OK;
    }

    /** The URL of this CI run, if the CI system says. */
    static @Nullable String runUrl(Map<String, String> env) {
        String server = env.get("GITHUB_SERVER_URL");
        String repository = env.get("GITHUB_REPOSITORY");
        String run = env.get("GITHUB_RUN_ID");
        if (server != null && repository != null && run != null) {
            return server + "/" + repository + "/actions/runs/" + run;
        }
        return env.get("CIRCLE_BUILD_URL");
    }

    private static @Nullable String first(@Nullable String a, @Nullable String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
