package dev.demoportal.base.api;

import dev.demoportal.base.NotFound;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers API paths that match no endpoint with a problem instead of letting them fall through to
 * the web UI's HTML page. Specific mappings always win over this pattern.
 */
@Hidden
@RestController
class UnknownApiRoute {

    @RequestMapping("/api/**")
    void unknown(HttpServletRequest request) {
        throw new NotFound(
                "api.not_found",
                "There is no API endpoint " + request.getMethod() + " " + request.getRequestURI()
                        + ". See /v3/api-docs for the API's description.");
    }
}
