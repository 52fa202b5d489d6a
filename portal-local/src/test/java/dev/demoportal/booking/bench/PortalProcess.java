package dev.demoportal.booking.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;

/**
 * The portal under measurement as a separate process: the local-mode jar (production mode when built
 * with {@code -Pproduction}, as {@code ./portal local} does) started with a heap of its own, free
 * ports and, unless a database is given, a fresh embedded PostgreSQL in a temporary folder; and what
 * {@code jcmd} and {@code /proc} tell about a portal process. Shared by the load drivers ({@link
 * SessionsDriverBenchmark}, {@link SessionsSoakBenchmark}) and the production-mode page benchmark.
 */
public final class PortalProcess implements AutoCloseable {

    private final Process process;
    private final @Nullable Path data;
    private final SessionsDriverBenchmark.Portal portal;
    private final Path log;

    private PortalProcess(Process process, @Nullable Path data, SessionsDriverBenchmark.Portal portal, Path log) {
        this.process = process;
        this.data = data;
        this.portal = portal;
        this.log = log;
    }

    /**
     * Starts {@code jar} in local mode without demo history and without the embedded worker (a portal
     * pod runs none) and waits until the portal and its sign-in provider answer.
     *
     * @param heap {@code -Xms}/{@code -Xmx}, e.g. {@code 1g}
     * @param arguments more Spring arguments (e.g. {@code --spring.datasource.url=…} for a database
     *     of its own instead of a fresh embedded one)
     */
    public static PortalProcess start(Path jar, String heap, List<String> arguments)
            throws IOException, InterruptedException {
        boolean ownDatabase = arguments.stream().anyMatch(a -> a.startsWith("--spring.datasource.url="));
        Path data = ownDatabase ? null : Files.createTempDirectory("portal-process-pg");
        Path log = Files.createTempFile("portal-process", ".log");
        int port = freePort();
        int idpPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heap,
                "-Xmx" + heap,
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--portal.local.idp-port=" + idpPort,
                "--portal.local.demo-history=false",
                "--portal.worker.embedded=false",
                "--logging.level.root=WARN"));
        if (data != null) {
            command.add("--portal.local.data-directory=" + data);
        }
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        URI base = URI.create("http://localhost:" + port + "/");
        URI provider = URI.create("http://localhost:" + idpPort + "/");
        PortalProcess started = new PortalProcess(
                process, data, new SessionsDriverBenchmark.Portal(base, provider, process.pid()), log);
        try {
            waitUntilAnswering(base, process, Duration.ofMinutes(15));
            waitUntilAnswering(provider.resolve(".well-known/openid-configuration"), process, Duration.ofMinutes(1));
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    public SessionsDriverBenchmark.Portal portal() {
        return portal;
    }

    /** The portal's output (WARN and above). */
    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (data != null) {
            deleteQuietly(data);
        }
    }

    private static final Pattern HEAP_USED = Pattern.compile("total (?:reserved )?(\\d+)K.*? used (\\d+)K");

    /** The heap of process {@code pid} in use after full GCs ({@code jcmd GC.run} twice, then {@code GC.heap_info}), bytes. */
    public static long heapAfterGc(long pid) throws IOException, InterruptedException {
        for (int i = 0; i < 2; i++) {
            jcmd(pid, "GC.run");
        }
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IOException("no heap figure from jcmd GC.heap_info");
        }
        return Long.parseLong(used.group(2)) * 1024;
    }

    /** The heap's capacity, e.g. {@code heap 1024 MiB}. */
    public static String heapCapacity(long pid) throws IOException, InterruptedException {
        Matcher total = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        return total.find() ? "heap " + Long.parseLong(total.group(1)) / 1024 + " MiB" : "heap ?";
    }

    /**
     * Live instances of each of {@code classNames} in process {@code pid} ({@code jcmd
     * GC.class_histogram}, which counts only reachable objects after a full GC); 0 for a class with none.
     */
    /** The portal's class histogram of live objects ({@code jcmd GC.class_histogram}, a full GC first), as jcmd prints it. */
    public static String classHistogram(long pid) throws IOException, InterruptedException {
        return jcmd(pid, "GC.class_histogram");
    }

    public static Map<String, Long> liveInstances(long pid, List<String> classNames)
            throws IOException, InterruptedException {
        Map<String, Long> counts = new LinkedHashMap<>();
        classNames.forEach(name -> counts.put(name, 0L));
        // "   1:   123456   7890123  com.example.Type (module@version)"
        Pattern row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(\\S+)");
        for (String line : classHistogram(pid).split("\n")) {
            Matcher m = row.matcher(line);
            if (m.find() && counts.containsKey(m.group(2))) {
                counts.put(m.group(2), Long.parseLong(m.group(1)));
            }
        }
        return counts;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        if (pid == ProcessHandle.current().pid()) {
            // the smoke runs' portal is this JVM: ask it directly, as jcmd would, without the attach
            // mechanism (an attach to a failsafe JVM once went unanswered and hung the run)
            return diagnosticCommand(command);
        }
        Path output = Files.createTempFile("jcmd", ".txt");
        try {
            Process jcmd = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            String.valueOf(pid),
                            command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            // a JVM that does not answer the attach (seen once in a failsafe run) must not hang the benchmark
            if (!jcmd.waitFor(2, TimeUnit.MINUTES)) {
                jcmd.destroyForcibly();
                throw new IOException("jcmd " + command + " did not answer within 2 minutes");
            }
            String text = Files.readString(output);
            if (jcmd.exitValue() != 0) {
                throw new IOException("jcmd " + command + " failed: " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** A diagnostic command ({@code GC.run}, {@code GC.heap_info}, …) run in this JVM, as jcmd runs it. */
    private static String diagnosticCommand(String command) throws IOException {
        // the MBean's operation names are the commands without dots, in camel case: GC.heap_info → gcHeapInfo
        StringBuilder operation = new StringBuilder();
        boolean upper = false;
        for (char c : command.toCharArray()) {
            if (c == '.' || c == '_') {
                upper = true;
            } else {
                operation.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        try {
            Object answer = ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            operation.toString(),
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
            return answer == null ? "" : answer.toString();
        } catch (JMException e) {
            throw new IOException("diagnostic command " + command + " failed", e);
        }
    }

    /** CPU time of process {@code pid} (user + system, from /proc) per wall-clock second over {@code seconds}, ms. */
    public static double cpuMillisPerSecond(long pid, int seconds) throws IOException, InterruptedException {
        long ticks = cpuTicks(pid);
        long wall = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long used = cpuTicks(pid) - ticks;
        // Linux reports in clock ticks of 1/100 s (USER_HZ) on every architecture the JDK runs on
        return used * 10.0 / ((System.nanoTime() - wall) / 1e9);
    }

    /** CPU time of process {@code pid} so far (user + system), in clock ticks of 1/100 s. */
    public static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // fields after the command name (which may hold spaces) in parentheses: utime is the 14th field
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The machine's load averages over 1, 5 and 15 minutes, as {@code /proc/loadavg} has them. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitUntilAnswering(URI uri, Process process, Duration limit)
            throws IOException, InterruptedException {
        HttpClient probe =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        try (probe) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException("the portal exited with " + process.exitValue());
                }
                try {
                    probe.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException(uri + " did not answer within " + limit);
                    }
                    Thread.sleep(500);
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
