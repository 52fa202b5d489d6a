package dev.demoportal.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code demo sandbox request|list|kubeconfig|secrets}. */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = "Customer sandboxes: request one, list them, get access.",
        subcommands = {
            SandboxCommands.Request.class,
            SandboxCommands.ListRequests.class,
            SandboxCommands.Kubeconfig.class,
            SandboxCommands.Secrets.class
        })
final class SandboxCommands implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.@Nullable CommandSpec spec;

    @Override
    public void run() {
        if (spec != null) {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(
            name = "request",
            mixinStandardHelpOptions = true,
            description = "Ask for a sandbox of a template in a region (it may wait for approval).")
    static final class Request extends DemoCommand {

        @Option(names = "--template", required = true, description = "The template's slug, e.g. cicd-trial.")
        String template = "";

        @Option(names = "--region", required = true, description = "The region's code, e.g. emea.")
        String region = "";

        @Option(
                names = "--lifetime",
                paramLabel = "DURATION",
                description = "How long it lives, in whole hours: 72h, 3d (default: ${DEFAULT-VALUE}).",
                defaultValue = "72h")
        String lifetime = "72h";

        @Option(names = "--use-case", required = true, description = "What the customer will try.")
        String useCase = "";

        @Option(
                names = {"--organisation", "--organization"},
                description = "The customer organisation's slug (staff; customers leave it out).")
        @Nullable
        String organization;

        @Override
        int execute() {
            Duration duration = Times.duration(lifetime);
            if (duration.toMinutesPart() != 0 || duration.toHours() < 1) {
                throw new IllegalArgumentException("--lifetime is whole hours, e.g. 72h or 3d");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("template", template);
            body.put("region", region);
            body.put("lifetime", duration.toString());
            body.put("useCase", useCase);
            body.put("organisation", organization);
            JsonNode request = api().post("api/v1/sandbox-requests", body);
            if (json()) {
                printJson(request);
            } else {
                ctx().out()
                        .println("Requested sandbox " + text(request, "id") + " (" + text(request, "template") + " in "
                                + text(request, "region") + " for " + text(request, "organisation") + "): "
                                + text(request, "status") + ".");
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Sandbox requests you may see, newest first.")
    static final class ListRequests extends DemoCommand {

        @Option(names = "--status", description = "Only these, e.g. READY or REQUESTED.")
        @Nullable
        String status;

        @Option(
                names = "--limit",
                description = "At most this many (1-500, default: ${DEFAULT-VALUE}).",
                defaultValue = "100")
        int limit = 100;

        @Override
        int execute() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", String.valueOf(limit));
            if (status != null) {
                query.put("status", status);
            }
            JsonNode list = api().get("api/v1/sandbox-requests?" + Api.query(query));
            if (json()) {
                printJson(list);
                return ExitCodes.OK;
            }
            if (list.isEmpty()) {
                ctx().out().println("No sandboxes.");
                return ExitCodes.OK;
            }
            Table table = new Table("ID", "STATUS", "TEMPLATE", "REGION", "ORGANISATION", "EXPIRES");
            for (JsonNode r : list) {
                String expires = text(r, "expiresAt");
                table.row(
                        text(r, "id"),
                        text(r, "status"),
                        text(r, "template"),
                        text(r, "region"),
                        text(r, "organisation"),
                        expires.isEmpty() ? "-" : Times.show(java.time.Instant.parse(expires), ctx().zone()));
            }
            table.print(ctx().out());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "kubeconfig",
            mixinStandardHelpOptions = true,
            description = {
                "The kubeconfig of a ready sandbox of your organisation: its namespace only, its token",
                "expiring with the sandbox. Printed, or written to a file only you may read. Each fetch is",
                "recorded in the portal's audit trail."
            })
    static final class Kubeconfig extends DemoCommand {

        @Parameters(index = "0", paramLabel = "<id>", description = "The sandbox's id (see `demo sandbox list`).")
        String id = "";

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write it to FILE (readable by you only) instead of printing it.")
        @Nullable
        Path output;

        @Override
        int execute() {
            UUID sandbox = sandboxId(id);
            String yaml = api().text("api/v1/sandboxes/" + sandbox + "/kubeconfig", "application/yaml");
            if (output != null) {
                write(output, yaml);
                if (json()) {
                    Map<String, String> written = new LinkedHashMap<>();
                    written.put("sandbox", sandbox.toString());
                    written.put("file", output.toAbsolutePath().toString());
                    printJson(Api.JSON.valueToTree(written));
                } else {
                    ctx().out()
                            .println("Wrote the kubeconfig of sandbox " + sandbox + " to " + output
                                    + "; use it with: kubectl --kubeconfig " + output + " get pods");
                }
            } else if (json()) {
                Map<String, String> shown = new LinkedHashMap<>();
                shown.put("sandbox", sandbox.toString());
                shown.put("kubeconfig", yaml);
                printJson(Api.JSON.valueToTree(shown));
            } else {
                ctx().out().print(yaml.endsWith("\n") ? yaml : yaml + "\n");
                ctx().out().flush();
            }
            return ExitCodes.OK;
        }

        /** A credential: created readable by its owner only where the file system knows permissions. */
        private static void write(Path file, String yaml) {
            try {
                Files.deleteIfExists(file);
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                Files.writeString(file, yaml, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.FAILED, "cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    @Command(
            name = "secrets",
            mixinStandardHelpOptions = true,
            description = {
                "The secrets of a ready sandbox of your organisation (admin password, kubeconfig, Vault",
                "path, ...): all of them as NAME=value lines, or one value with --name (for scripts:",
                "PASSWORD=$(demo sandbox secrets <id> --name adminPassword)). Each reveal is recorded",
                "in the portal's audit trail."
            })
    static final class Secrets extends DemoCommand {

        @Parameters(index = "0", paramLabel = "<id>", description = "The sandbox's id (see `demo sandbox list`).")
        String id = "";

        @Option(names = "--name", paramLabel = "NAME", description = "Only this secret, its value alone.")
        @Nullable
        String name;

        @Override
        int execute() {
            UUID sandbox = sandboxId(id);
            if (name != null) {
                JsonNode secret = api().get("api/v1/sandboxes/" + sandbox + "/secrets/" + Api.encode(name.strip()));
                if (json()) {
                    printJson(secret);
                } else {
                    String value = text(secret, "value");
                    ctx().out().print(value.endsWith("\n") ? value : value + "\n");
                }
                return ExitCodes.OK;
            }
            JsonNode all = api().get("api/v1/sandboxes/" + sandbox + "/secrets");
            if (json()) {
                printJson(all);
                return ExitCodes.OK;
            }
            if (all.path("secrets").isEmpty()) {
                ctx().out().println("Sandbox " + sandbox + " has no secrets.");
                return ExitCodes.OK;
            }
            all.path("secrets").properties().forEach(secret -> {
                String value = secret.getValue().asString();
                // a multi-line value (a kubeconfig) is shown below its name, indented
                ctx().out()
                        .println(
                                value.contains("\n")
                                        ? secret.getKey() + ":\n  "
                                                + value.strip().replace("\n", "\n  ")
                                        : secret.getKey() + "=" + value);
            });
            ctx().out().flush();
            return ExitCodes.OK;
        }
    }

    static UUID sandboxId(String id) {
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("<id> is a sandbox id, e.g. 1a2b3c4d-... (see `demo sandbox list`)");
        }
    }

    static String text(JsonNode node, String field) {
        return DemoCommand.text(node, field);
    }
}
