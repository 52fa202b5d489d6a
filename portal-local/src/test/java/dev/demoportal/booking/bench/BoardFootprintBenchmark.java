package dev.demoportal.booking.bench;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.KaribuConfig;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import dev.demoportal.PortalApplication;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.booking.ui.BoardView;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What one open board keeps on the server, without a browser: the portal starts in this JVM in local
 * mode with its demo data, Frank (a field engineer) signs in, and Karibu-Testing opens {@code n}
 * Vaadin UIs in one session with nothing in them (the floor: what Vaadin itself keeps per UI), then
 * {@code n} UIs with the board. After each step the live heap is taken from HotSpot's class
 * histogram (which runs a full GC first); the difference divided by {@code n} is the cost of one UI,
 * and the classes that grew most are what a board retains. Each UI's changes are collected once
 * opened, as writing its first response does. Development mode keeps a stack trace per component
 * created and attached (Vaadin's component tracker); {@code -Dvaadin.devmode.componentTracker.enabled=false}
 * leaves that out, as production mode does. Run by {@code benchmarks/board-footprint.sh}.
 */
public final class BoardFootprintBenchmark {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private BoardFootprintBenchmark() {}

    /**
     * @param n UIs of each kind
     * @param top classes of the board's histogram to print
     * @param portalArgs more arguments for the portal
     */
    public record Options(int n, int top, List<String> portalArgs) {}

    /** {@code [n] [portal arguments...]}. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        run(new Options(n, 10, args.length > 1 ? List.of(args).subList(1, args.length) : List.of()), System.out);
    }

    public static void run(Options options, PrintStream out) throws Exception {
        Path data = Files.createTempDirectory("board-footprint-pg");
        List<String> portalArgs = new ArrayList<>(List.of(
                "--spring.profiles.active=local",
                "--portal.local.data-directory=" + data,
                "--portal.local.idp-port=0",
                "--server.port=0",
                "--portal.worker.embedded=false",
                "--vaadin.devmode.devTools.enabled=false",
                "--logging.level.root=WARN"));
        portalArgs.addAll(options.portalArgs());
        ConfigurableApplicationContext portal =
                SpringApplication.run(PortalApplication.class, portalArgs.toArray(String[]::new));
        boolean initDefaultRoute = KaribuConfig.getInitDefaultRoute();
        try {
            signInAsFrank(portal);
            MockVaadin.setMockRequestFactory(session -> new FakeRequest(session) {
                @Override
                public @Nullable Principal getUserPrincipal() {
                    return authentication();
                }

                @Override
                public boolean isUserInRole(String role) {
                    Authentication authentication = authentication();
                    return authentication != null
                            && authentication.getAuthorities().stream()
                                    .anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
                }
            });
            KaribuConfig.setInitDefaultRoute(false);
            MockVaadin.setup(
                    UI::new, new MockSpringServlet(new Routes().autoDiscoverViews("dev.demoportal"), portal, UI::new));
            VaadinSession session = VaadinSession.getCurrent();
            boolean production = session.getConfiguration().isProductionMode();

            // warm-up: classes loaded, caches filled, one of each kind
            List<UI> kept = new ArrayList<>();
            kept.add(openUi(session, false));
            kept.add(openUi(session, true));

            // each histogram's text waits in a file, so that it is not in the next one's heap
            long before = Histogram.total(Histogram.text());
            for (int i = 0; i < options.n(); i++) {
                kept.add(openUi(session, false));
            }
            Path emptyText = Files.createTempFile("board-footprint-empty", ".txt");
            Files.writeString(emptyText, Histogram.text());
            for (int i = 0; i < options.n(); i++) {
                kept.add(openUi(session, true));
            }
            Histogram boards = Histogram.parse(Histogram.text());
            Histogram empty = Histogram.parse(Files.readString(emptyText));
            Files.delete(emptyText);

            long floor = (empty.total() - before) / options.n();
            long board = (boards.total() - empty.total()) / options.n();
            long traces = boards.minus(empty).stream()
                    .filter(r -> r.name().equals("java.lang.Throwable"))
                    .mapToLong(Histogram.Row::instances)
                    .sum();
            out.printf(
                    "Board footprint: %d UIs of each kind in one session, Vaadin in %s mode, component tracker %s%n",
                    options.n(),
                    production ? "production" : "development",
                    "false".equals(System.getProperty("vaadin.devmode.componentTracker.enabled")) ? "off" : "on");
            out.printf(
                    "Component tracker (development mode only): %.1f stack traces kept per board%n",
                    (double) traces / options.n());
            out.println("| UI | live heap per UI | above the floor |");
            out.println("|---|---|---|");
            out.printf("| empty UI (floor) | %,d bytes | — |%n", floor);
            out.printf("| board | %,d bytes | %,d bytes |%n", board, board - floor);
            out.printf("Top %d classes a board retains (per board UI):%n", options.top());
            out.println("| class | instances | bytes |");
            out.println("|---|---|---|");
            boards.minus(empty).stream()
                    .sorted(Comparator.comparingLong(Histogram.Row::bytes).reversed())
                    .limit(options.top())
                    .forEach(r -> out.printf(
                            "| %s | %.1f | %,d |%n",
                            r.name(), (double) r.instances() / options.n(), r.bytes() / options.n()));
            if (kept.size() != 2 + 2 * options.n()) {
                throw new IllegalStateException("lost a UI");
            }
        } finally {
            MockVaadin.tearDown();
            KaribuConfig.setInitDefaultRoute(initDefaultRoute);
            SecurityContextHolder.clearContext();
            portal.close();
        }
    }

    /** A new UI in {@code session}, showing the board or nothing. */
    private static UI openUi(VaadinSession session, boolean board) {
        MockVaadin.INSTANCE.createUI$karibu_testing_v10(UI::new, session);
        UI ui = UI.getCurrent();
        if (board) {
            ui.navigate(BoardView.class);
            if (ui.getInternals().getActiveRouterTargetsChain().stream().noneMatch(BoardView.class::isInstance)) {
                throw new IllegalStateException("the board did not open");
            }
        }
        MockVaadin.clientRoundtrip(false);
        // as after the UI's first response was written: what it sent is no longer pending
        ui.getInternals().getStateTree().collectChanges(change -> {});
        return ui;
    }

    private static void signInAsFrank(ConfigurableApplicationContext portal) {
        String issuer = portal.getEnvironment().getRequiredProperty("portal.local.idp-issuer");
        UserAccount frank = portal.getBean(UserService.class)
                .signIn(new MappedIdentity(
                        issuer, "frank", "frank@demoportal.dev", "Frank Field", Set.of(Role.FIELD_ENGINEER), null));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new ViewTestSupport.SignedIn(frank.id(), frank.displayName()),
                null,
                frank.roles().stream()
                        .map(r -> new SimpleGrantedAuthority(r.authority()))
                        .toList()));
        SecurityContextHolder.setContext(context);
    }

    private static @Nullable Authentication authentication() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated() ? authentication : null;
    }

    /** HotSpot's class histogram of live objects ({@code GC.class_histogram}, after a full GC). */
    record Histogram(Map<String, Row> rows, long total) {

        record Row(String name, long instances, long bytes) {}

        /** The histogram as HotSpot prints it. */
        static String text() throws Exception {
            return (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
        }

        static long total(String text) {
            return parse(text).total();
        }

        static Histogram parse(String text) {
            Map<String, Row> rows = new HashMap<>();
            long total = -1;
            for (String line : text.split("\n")) {
                Matcher row = ROW.matcher(line);
                if (row.matches()) {
                    rows.merge(
                            row.group(3),
                            new Row(row.group(3), Long.parseLong(row.group(1)), Long.parseLong(row.group(2))),
                            (a, b) -> new Row(a.name(), a.instances() + b.instances(), a.bytes() + b.bytes()));
                }
                Matcher sum = TOTAL.matcher(line.strip());
                if (sum.matches()) {
                    total = Long.parseLong(sum.group(2));
                }
            }
            if (total < 0) {
                throw new IllegalStateException("no total in the class histogram");
            }
            return new Histogram(rows, total);
        }

        /** What grew from {@code earlier} to this one, class by class. */
        List<Row> minus(Histogram earlier) {
            List<Row> grown = new ArrayList<>();
            rows.forEach((name, row) -> {
                Row was = earlier.rows().getOrDefault(name, new Row(name, 0, 0));
                grown.add(new Row(name, row.instances() - was.instances(), row.bytes() - was.bytes()));
            });
            return grown;
        }
    }
}
