package dev.demoportal.cli;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * Everything a command reads from or writes to the world, so tests run the commands in-process with
 * their own environment variables, config directory and captured output.
 *
 * @param env the environment variables ({@code DEMO_PORTAL_TOKEN}, CI identity variables, ...)
 * @param configDir where the sign-in is cached ({@code $XDG_CONFIG_HOME/demo-portal} or {@code ~/.config/demo-portal})
 * @param zone the zone times are shown and read in
 * @param sleeper waits between polls of the device flow
 */
public record CliContext(
        Map<String, String> env,
        PrintWriter out,
        PrintWriter err,
        Path configDir,
        HttpClient http,
        Clock clock,
        ZoneId zone,
        Sleeper sleeper) {

    /** Waits; a test may answer at once. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The real thing: the process's environment, standard output and error, the system clock. */
    public static CliContext system() {
        Map<String, String> env = System.getenv();
        return new CliContext(
                env,
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                configDir(env, Path.of(System.getProperty("user.home"))),
                httpClient(),
                Clock.systemUTC(),
                ZoneId.systemDefault(),
                d -> Thread.sleep(d.toMillis()));
    }

    /** An HTTP client for the portal and the identity provider: no redirects followed, short connect timeout. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** {@code $XDG_CONFIG_HOME/demo-portal}, else {@code ~/.config/demo-portal} (XDG base directory spec). */
    public static Path configDir(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        // the spec says a relative XDG_CONFIG_HOME is invalid and must be ignored
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "demo-portal");
        }
        return home.resolve(".config").resolve("demo-portal");
    }
}
