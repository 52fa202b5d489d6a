package dev.demoportal.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One application process of its own (a JVM started from the test's class path), as a Kubernetes
 * pod would run it: its log goes to {@code target/replicas/<name>.log}, readiness is its
 * {@code /readyz}, and {@link #kill()} is SIGKILL (no shutdown hook, no graceful hand-back).
 */
final class Replica implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final int port;
    private final Process process;
    private final Path log;

    private Replica(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} from this test's class path; secrets go in {@code env}, never on the command line. */
    static Replica start(String name, String mainClass, int port, List<String> args, Map<String, String> env)
            throws IOException {
        return start(name, List.of("-cp", System.getProperty("java.class.path"), mainClass), port, args, env);
    }

    /** Starts an executable jar, as its image would. */
    static Replica startJar(String name, Path jar, int port, List<String> args, Map<String, String> env)
            throws IOException {
        return start(name, List.of("-jar", jar.toString()), port, args, env);
    }

    private static Replica start(String name, List<String> launch, int port, List<String> args, Map<String, String> env)
            throws IOException {
        Path dir = Path.of("target", "replicas");
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(launch);
        command.add("--server.port=" + port);
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new Replica(name, port, builder.start(), log);
    }

    String base() {
        return "http://localhost:" + port;
    }

    /** Waits until {@code /readyz} answers 200; fails early with the log's tail if the process died. */
    Replica awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base() + "/readyz"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " not ready after " + timeout + ":\n" + tail());
    }

    /** SIGKILL: the process gets no chance to finish or hand anything back. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() {
        return process.isAlive();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
