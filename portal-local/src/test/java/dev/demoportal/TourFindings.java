package dev.demoportal;

import com.microsoft.playwright.Page;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the tour noted, each with who was touring and on which page, so that one run lists every
 * problem. Screenshots go to {@code target/e2e/}: one per person and kind of problem.
 */
final class TourFindings {

    private record Finding(String who, String where, String what) {
        @Override
        public String toString() {
            return who + " · " + where + " · " + what;
        }
    }

    private final Set<Finding> findings = new LinkedHashSet<>();
    private final Set<String> screenshotted = new LinkedHashSet<>();
    private volatile String who = "start-up";
    private volatile String where = "";

    void who(String who) {
        this.who = who;
    }

    /** The username of who is touring ("alice" of "alice (field engineer)"). */
    String person() {
        return who.split(" ")[0];
    }

    void where(String where) {
        this.where = where;
    }

    String where() {
        return where;
    }

    /** Where the tour is now, for log lines written meanwhile. */
    String now() {
        return who + " · " + where;
    }

    void note(String what) {
        add(who, where, what);
    }

    void add(String who, String where, String what) {
        findings.add(new Finding(who, where, what));
    }

    /** Notes the problems of {@code page}, with a picture of the first of each kind for this person. */
    void noteOn(Page page, List<String> problems) {
        for (String problem : problems) {
            note(problem);
            String kind = kind(problem);
            if (screenshotted.add(who + kind)) {
                String name = "tour-" + person() + "-" + kind.replaceAll("[^A-Za-z0-9]+", "-");
                screenshot(page, name);
            }
        }
    }

    void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "e2e", name + ".png")));
    }

    boolean isEmpty() {
        return findings.isEmpty();
    }

    /** Every finding, after a count per kind. */
    String report() {
        Map<String, Long> kinds = findings.stream()
                .collect(Collectors.groupingBy(f -> kind(f.what()), LinkedHashMap::new, Collectors.counting()));
        return findings.size() + " problems on the tour. By kind:\n"
                + kinds.entrySet().stream()
                        .map(k -> String.format("  %4d × %s", k.getValue(), k.getKey()))
                        .collect(Collectors.joining("\n"))
                + "\nEach (user · page · what):\n"
                + findings.stream().map(Finding::toString).collect(Collectors.joining("\n"));
    }

    /** "raw timestamp" of "raw timestamp: …". */
    private static String kind(String what) {
        return what.replaceAll("[:\"(].*", "").strip();
    }
}
