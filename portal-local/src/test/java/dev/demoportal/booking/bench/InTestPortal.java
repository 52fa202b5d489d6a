package dev.demoportal.booking.bench;

import dev.demoportal.PortalApplication;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Local mode started in this JVM for the session benchmarks' smoke runs (Vaadin development mode,
 * from the test class path; no demo history, no worker), on a free port and a fresh embedded
 * PostgreSQL in a temporary folder. The benchmarks themselves start the production jar as a
 * separate process ({@link PortalProcess}); building and starting that is too heavy for the suite.
 */
final class InTestPortal implements AutoCloseable {

    private final Path data;
    private final ConfigurableApplicationContext context;
    private final SessionsDriverBenchmark.Portal target;

    private InTestPortal(Path data, ConfigurableApplicationContext context, SessionsDriverBenchmark.Portal target) {
        this.data = data;
        this.context = context;
        this.target = target;
    }

    static InTestPortal start(String name) throws IOException {
        Path data = Files.createTempDirectory(name + "-pg");
        int port = PortalProcess.freePort();
        System.setProperty("server.port", String.valueOf(port));
        ConfigurableApplicationContext context = SpringApplication.run(
                PortalApplication.class,
                "--spring.profiles.active=local",
                "--portal.local.data-directory=" + data,
                "--portal.local.idp-port=0",
                "--portal.local.demo-history=false",
                "--portal.worker.embedded=false",
                "--vaadin.devmode.devTools.enabled=false",
                "--logging.level.root=WARN");
        String issuer = context.getEnvironment().getRequiredProperty("portal.local.idp-issuer");
        return new InTestPortal(
                data,
                context,
                new SessionsDriverBenchmark.Portal(
                        URI.create("http://localhost:" + port + "/"),
                        URI.create(issuer.endsWith("/") ? issuer : issuer + "/"),
                        ProcessHandle.current().pid()));
    }

    /** Where the benchmark finds it: the portal, its sign-in provider and this JVM's pid. */
    SessionsDriverBenchmark.Portal target() {
        return target;
    }

    @Override
    public void close() throws IOException {
        System.clearProperty("server.port");
        context.close();
        try (var paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
