package dev.demoportal.shell;

import dev.demoportal.base.api.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The portal's answer to an error the servlet container handles (a file that is not there, a
 * request refused before it reached a view or an endpoint, a failure outside Vaadin's own error
 * handling), instead of the container's or the browser's bare error page. Pages get the portal's
 * own page, saying what {@link NotAvailableView} says; the API ({@code /api/**}) gets problem
 * details with a stable {@code code}. Nothing from the request is echoed, and no exception text
 * leaves the server: a failure is logged with an id the person can quote.
 */
@Controller
class ErrorPages implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<?> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        String id = null;
        if (status.is5xxServerError()) {
            id = UUID.randomUUID().toString().substring(0, 8);
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            log.error(
                    "Request failed with {}, error id {}",
                    status.value(),
                    id,
                    failure instanceof Throwable t ? t : null);
        }
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (path.startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail problem = problem(status, id);
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException unreadable) {
                // the request line was what the firewall refused; the problem says so without it
            }
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(page(id, request.getContextPath() + "/"));
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.NOT_FOUND : status;
    }

    private static ProblemDetail problem(HttpStatus status, @Nullable String id) {
        String detail = id != null
                ? "Something went wrong on our side. Quote error id " + id + " when you report it."
                : status == HttpStatus.NOT_FOUND
                        ? "There is no such API endpoint. See /v3/api-docs for the API's description."
                        : "The request was refused: " + status.value() + " " + status.getReasonPhrase() + ".";
        return Problems.of(status, "request." + status.name().toLowerCase(Locale.ROOT), detail);
    }

    private static String page(@Nullable String id, String start) {
        String heading = id != null ? "Something went wrong on our side" : NotAvailableView.HEADING;
        String text = id != null
                ? "Quote error id " + id + " when you report it, or try again in a moment."
                : NotAvailableView.EXPLANATION;
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Demo Portal</title>
                <link rel="icon" href="%sicons/icon.svg">
                <style>
                  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
                    font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1c2b3c;
                    background: #f3f5f7; }
                  main { max-width: 560px; margin: 24px; padding: 32px; background: #fff; border-radius: 12px;
                    border: 1px solid #dde3ea; }
                  header { display: flex; align-items: center; gap: 10px; font-weight: 600; color: #1a5fb4; }
                  h1 { font-size: 1.4rem; margin: 20px 0 8px; }
                  p { line-height: 1.5; color: #4a5a6c; }
                  a { color: #1a5fb4; font-weight: 500; }
                </style>
                </head>
                <body>
                <main>
                <header><img src="%sicons/icon.svg" alt="" width="28" height="28"> Demo Portal</header>
                <h1>%s</h1>
                <p>%s</p>
                <p><a href="%s">%s</a></p>
                </main>
                </body>
                </html>
                """.formatted(heading, start, start, heading, text, start, NotAvailableView.START_LINK);
    }
}
