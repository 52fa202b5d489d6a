package dev.demoportal.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

/** One run of {@code demo} in-process: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Map<String, String> env, Path configDir, Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(
                env,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                configDir,
                CliContext.httpClient(),
                clock,
                ZoneId.of("UTC"),
                d -> {});
        int code = Demo.run(ctx, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
