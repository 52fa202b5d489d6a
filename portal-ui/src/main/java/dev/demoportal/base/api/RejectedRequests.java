package dev.demoportal.base.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers requests Spring Security's firewall rejects (a {@code ;}, an encoded slash or {@code ..}
 * in the path, ...): under {@code /api/} with a problem, {@code 400 request.rejected}, like every
 * other API error; elsewhere with a plain 400. Never the sign-in redirect an error page behind the
 * UI's security would give.
 */
class RejectedRequests implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.debug("Rejected request {} {}: {}", request.getMethod(), request.getRequestURI(), rejected.getMessage());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            Problems.send(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "request.rejected",
                            "The request was refused before it reached the API: its path or headers hold characters or "
                                    + "sequences the portal does not accept (such as ';', an encoded '/' or '..')."));
            return;
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("Bad request\n");
    }
}
