package dev.demoportal.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code demo}: the Demo Portal from a terminal or a pipeline. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = Demo.Version.class,
        description = "The Demo Portal from a terminal or a pipeline: claim and book demo environments, "
                + "request sandboxes, report deployments.",
        subcommands = {
            LoginCommands.Login.class,
            LoginCommands.Logout.class,
            LoginCommands.Who.class,
            BookingCommands.Claim.class,
            BookingCommands.Release.class,
            BookingCommands.Book.class,
            SandboxCommands.class,
            DeployReport.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:the portal refused or failed the request (its problem is shown), or there was nothing to do",
            "2:wrong command line",
            "3:not signed in, sign-in expired or denied, or the token was refused (401)",
            "4:the portal or the identity provider cannot be reached",
            "5:not available yet"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  DEMO_PORTAL_URL    the portal (instead of --portal)",
            "  DEMO_PORTAL_TOKEN  an API token (dpt_...) to act with",
            "  ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN (GitHub Actions), CIRCLE_OIDC_TOKEN_V2",
            "                     a CI job's own OIDC token, sent as it is",
            "  DEMO_PORTAL_AUDIENCE  the audience GitHub Actions' token is asked for",
            "                     (default: demo-portal)",
            "  XDG_CONFIG_HOME    the sign-in is kept in $XDG_CONFIG_HOME/demo-portal",
            "                     (default: ~/.config/demo-portal), readable by you only",
            "Docs: docs/cli.md"
        })
public final class Demo implements Runnable {

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Print the portal's answer as JSON (errors as problem details on stderr).")
    boolean json;

    @Option(
            names = "--portal",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description =
                    "The portal, e.g. https://portal.example.com (default: DEMO_PORTAL_URL, then the one of `demo login`).")
    @Nullable
    String portal;

    @Spec
    @Nullable
    CommandSpec spec;

    final CliContext ctx;

    Demo(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run() {
        // `demo` alone: what it can do
        if (spec != null) {
            spec.commandLine().usage(ctx.out());
        }
    }

    public static void main(String[] args) {
        System.exit(run(CliContext.system(), args));
    }

    /** Runs one command line; returns its exit code. Never throws and never prints a stack trace. */
    public static int run(CliContext ctx, String... args) {
        Demo demo = new Demo(ctx);
        CommandLine commandLine = new CommandLine(demo)
                .setOut(ctx.out())
                .setErr(ctx.err())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cl, parsed) -> failed(demo, e));
        try {
            return commandLine.execute(args);
        } finally {
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    private static int failed(Demo demo, Exception e) {
        var err = demo.ctx.err();
        if (e instanceof ApiProblem problem) {
            err.println(demo.json ? problem.problem().toString() : problem.describe());
            return problem.exitCode();
        }
        if (e instanceof CliFailure failure) {
            err.println("error: " + failure.getMessage());
            return failure.exitCode();
        }
        if (e instanceof IllegalArgumentException) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("error: "
                + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        if (demo.ctx.env().containsKey("DEMO_DEBUG")) {
            e.printStackTrace(err);
        }
        return ExitCodes.FAILED;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Demo.class.getPackage().getImplementationVersion();
            return new String[] {"demo " + (version != null ? version : "(development build)")};
        }
    }
}
