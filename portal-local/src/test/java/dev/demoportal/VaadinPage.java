package dev.demoportal;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reading and driving a Vaadin page of the portal in Playwright: its menu, its links and primary
 * buttons, its dialogs, navigating through its router, and waiting until it is idle.
 */
final class VaadinPage {

    /** An entry of the side navigation. */
    record MenuEntry(String label, String path) {}

    /** A primary button outside any dialog: its accessible name (aria-label, else its text) and text. */
    record PrimaryButton(String name, String text, boolean enabled) {}

    /** Vaadin's dialogs draw in an overlay of their own; the element itself has no box to be "visible". */
    static final String OPEN_DIALOG = "vaadin-dialog[opened], vaadin-confirm-dialog[opened]";

    private static final String MENU = """
            () => [...document.querySelectorAll('vaadin-side-nav vaadin-side-nav-item')]
                .map(i => ({label: i.innerText.trim(), path: i.getAttribute('path') || i.path || ''}))""";

    private static final String LINKS = """
            () => [...document.querySelectorAll('vaadin-app-layout a[href]')]
                .filter(a => !a.closest('vaadin-side-nav') && !a.hasAttribute('download') && a.target !== '_blank')
                .map(a => a.href)""";

    private static final String PRIMARY_BUTTONS = """
            () => [...document.querySelectorAll('vaadin-button[theme~="primary"]')]
                .filter(b => b.checkVisibility() && !b.closest('vaadin-dialog, vaadin-confirm-dialog, [role="dialog"]'))
                .map(b => ({name: (b.getAttribute('aria-label') || b.innerText).trim(), text: b.innerText.trim(),
                            enabled: !b.hasAttribute('disabled')}))""";

    /** A click on a link of the page's own: the router navigates without reloading, as for a user. */
    private static final String FOLLOW = """
            href => {
              const a = document.createElement('a');
              a.href = href;
              a.setAttribute('router-link', '');
              document.body.appendChild(a);
              a.click();
              a.remove();
            }""";

    /**
     * True once every Vaadin client has had no request in flight for a tenth of a second; at once
     * on a page that is no Vaadin page at all (a server's error page).
     */
    private static final String QUIET = """
            () => {
              if (!window.Vaadin) {
                return document.readyState === 'complete';
              }
              const clients = window.Vaadin.Flow && window.Vaadin.Flow.clients;
              if (!clients || Object.keys(clients).length === 0) {
                return false;
              }
              const busy = Object.values(clients).some(c => typeof c.isActive === 'function' && c.isActive());
              const now = performance.now();
              if (busy || window.__quietSince === undefined) {
                window.__quietSince = busy ? undefined : now;
                return false;
              }
              return now - window.__quietSince >= 100;
            }""";

    /** Whether another element lies over a button's centre and takes its click. */
    private static final String COVERED_BY = """
            b => {
              const r = b.getBoundingClientRect();
              const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
              return !hit || hit === b || b.contains(hit) ? '' : hit.outerHTML.slice(0, 160);
            }""";

    private VaadinPage() {}

    /**
     * Waits until Vaadin has been idle for a moment: the view drawn, pushes and the round trip that
     * asks the browser for its time zone done. An error page has no app layout, so none is waited for.
     */
    static void settle(Page page) {
        page.evaluate("() => { window.__quietSince = undefined; }");
        page.waitForFunction(QUIET, null, new Page.WaitForFunctionOptions().setPollingInterval(50));
    }

    /** Goes to {@code url} through the page's router, as a click on a link does, and waits for it. */
    static void follow(Page page, String url) {
        page.evaluate(FOLLOW, url);
        page.waitForURL(url);
        settle(page);
    }

    static List<MenuEntry> menu(Page page) {
        return list(page, MENU).stream()
                .map(m -> new MenuEntry(Objects.toString(m.get("label"), ""), Objects.toString(m.get("path"), "")))
                .toList();
    }

    /** The portal's own pages the view links to (no downloads, API calls or other sites), as paths. */
    static List<String> links(Page page, String base) {
        List<String> paths = new ArrayList<>();
        for (Object href : (List<?>) page.evaluate(LINKS)) {
            String url = String.valueOf(href);
            if (!url.startsWith(base)) {
                continue;
            }
            String path = path(url);
            if (!path.isEmpty()
                    && !path.startsWith("api/")
                    && !path.startsWith("webjars/")
                    && !path.startsWith("oauth2/")
                    && !path.startsWith("login")
                    && !path.startsWith("logout")) {
                paths.add(path);
            }
        }
        return paths;
    }

    static List<PrimaryButton> primaryButtons(Page page) {
        return list(page, PRIMARY_BUTTONS).stream()
                .map(b -> new PrimaryButton(
                        String.valueOf(b.get("name")),
                        String.valueOf(b.get("text")),
                        Boolean.TRUE.equals(b.get("enabled"))))
                .toList();
    }

    /** ": under its centre is …" when another element lies over {@code button}; else "". */
    static String coveredBy(Locator button) {
        try {
            Object over = button.evaluate(COVERED_BY);
            return over == null || over.toString().isEmpty() ? "" : ": under its centre is " + over;
        } catch (PlaywrightException e) {
            return "";
        }
    }

    /** What Playwright says went wrong, without its own stack trace. */
    static String failure(PlaywrightException e) {
        return String.valueOf(e.getMessage())
                .lines()
                .filter(l -> !l.strip().startsWith("at "))
                .collect(Collectors.joining(" "));
    }

    /** The path and query of {@code url}, without the leading slash: "sandboxes/all". */
    static String path(String url) {
        URI uri = URI.create(url);
        String path = uri.getRawPath();
        return (path.startsWith("/") ? path.substring(1) : path)
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Page page, String script) {
        return (List<Map<String, Object>>) page.evaluate(script);
    }
}
