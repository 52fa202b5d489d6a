package dev.demoportal;

import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user must never meet on a page, read from what the browser shows: an error page instead
 * of the view, exception text, a raw timestamp instead of a time in the viewer's zone, an empty
 * page, or the "something went wrong" notification of the session's error handler.
 */
final class PageProblems {

    /** 2026-12-06T01:37:15Z, with or without seconds, fractions, an offset or a zone in brackets. */
    static final Pattern RAW_TIMESTAMP = Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?(?:\\[[\\w/+-]+])?"
                    // java.sql.Timestamp and PostgreSQL's text form: 2026-12-06 01:37:15.123456+00
                    + "|\\b\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:[+-]\\d{2}(?::?\\d{2})?)?");

    /** A java.time.Duration as toString() writes it: PT24H, PT1H30M, PT0.5S. */
    static final Pattern RAW_DURATION = Pattern.compile("\\bP(?:\\d+D)?T(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?\\b");

    /** Exception names, stack frames and their "Caused by", SQL errors. */
    static final Pattern EXCEPTION_TEXT = Pattern.compile(
            "\\b\\w*(?:Exception|Throwable)\\b|\\bCaused by:|\\bat (?:[\\w$]+\\.)+[\\w$<>]+\\(|\\bSQL ?[Ss]tate\\b"
                    + "|\\bERROR: [a-z]");

    /** Texts of error pages: Vaadin's (development and production mode), Spring Boot's, the portal's own. */
    static final Map<String, String> ERROR_PAGES = Map.of(
            "There was an exception while trying to navigate to", "Vaadin navigation error page",
            "Could not navigate to", "Vaadin navigation error page",
            "Internal Server Error", "server error page",
            "Whitelabel Error Page", "Spring Boot error page",
            "This page is not available to you", "the portal's not-available page",
            "Something went wrong on our side", "the error handler's notification (an unexpected exception)");

    /**
     * Everything visible on the page, also inside shadow roots, overlays (dialogs, notifications)
     * and the values of visible inputs.
     */
    private static final String VISIBLE_TEXT = """
            () => {
              const out = [];
              const visible = el => !!el && (el.checkVisibility({visibilityProperty: true, opacityProperty: true})
                  || (getComputedStyle(el).display === 'contents' && visible(el.parentElement)));
              const walk = root => {
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
                for (let n = walker.currentNode; n; n = walker.nextNode()) {
                  if (n.nodeType === Node.TEXT_NODE) {
                    const parent = n.parentElement || (n.parentNode && n.parentNode.host);
                    const text = n.textContent.trim();
                    if (text && parent && !['SCRIPT', 'STYLE', 'TEMPLATE'].includes(parent.tagName) && visible(parent)) {
                      out.push(text);
                    }
                    continue;
                  }
                  if ((n.tagName === 'INPUT' || n.tagName === 'TEXTAREA') && n.value && visible(n)) {
                    out.push(n.value);
                  }
                  if (n.shadowRoot) {
                    walk(n.shadowRoot);
                  }
                }
              };
              walk(document.body);
              return out.join('\\n');
            }""";

    /** The view inside the app layout: its text and whether it draws anything (a chart, an image). */
    private static final String MAIN_CONTENT = """
            () => {
              const layout = document.querySelector('vaadin-app-layout');
              const content = layout && [...layout.children].find(c => !c.hasAttribute('slot'));
              if (!content) {
                return -1;
              }
              return content.innerText.trim().length + content.querySelectorAll('canvas, svg, img').length;
            }""";

    private PageProblems() {}

    static String visibleText(Page page) {
        return (String) page.evaluate(VISIBLE_TEXT);
    }

    /** The problems of the page as it shows now, each a short sentence. */
    static List<String> of(Page page) {
        List<String> problems = new ArrayList<>(inText(visibleText(page)));
        if (page.locator(".v-system-error").count() > 0) {
            problems.add("Vaadin's system error: "
                    + oneLine(page.locator(".v-system-error").first().innerText()));
        }
        Object content = page.evaluate(MAIN_CONTENT);
        // an error page has no app layout either; that is one problem, not two
        if (problems.isEmpty() && content instanceof Number n && n.intValue() <= 0) {
            problems.add(
                    n.intValue() < 0 ? "blank page: no app layout or no view in it" : "blank page: the view is empty");
        }
        return problems;
    }

    /** The problems in a visible text. */
    static List<String> inText(String text) {
        List<String> problems = new ArrayList<>();
        ERROR_PAGES.forEach((marker, what) -> {
            if (text.contains(marker)) {
                problems.add(what + ": \"" + around(text, text.indexOf(marker)) + "\"");
            }
        });
        find(EXCEPTION_TEXT, text, "exception text", problems);
        find(RAW_TIMESTAMP, text, "raw timestamp", problems);
        find(RAW_DURATION, text, "raw duration", problems);
        return problems;
    }

    private static void find(Pattern pattern, String text, String what, List<String> problems) {
        Matcher m = pattern.matcher(text);
        List<String> seen = new ArrayList<>();
        while (m.find() && seen.size() < 3) {
            seen.add("\"" + around(text, m.start()) + "\"");
        }
        if (!seen.isEmpty()) {
            problems.add(what + ": " + String.join(", ", seen));
        }
    }

    /** The line around {@code index}, shortened to a readable quote. */
    private static String around(String text, int index) {
        int start = text.lastIndexOf('\n', index) + 1;
        int end = text.indexOf('\n', index);
        String line = text.substring(start, end < 0 ? text.length() : end);
        return line.length() <= 160
                ? line
                : line.substring(Math.max(0, index - start - 60), Math.min(line.length(), index - start + 100));
    }

    static String oneLine(String s) {
        return oneLine(s, 200);
    }

    static String oneLine(String s, int max) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }
}
