package dev.demoportal.base.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the API's problem details (RFC 9457). Every problem carries {@code code}, a stable
 * identifier clients may switch on; {@code title} and {@code detail} are for people and may be
 * reworded.
 */
@Component
public class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://demoportal.dev/problems/" + code));
        problem.setProperty("code", code);
        return problem;
    }

    /** 401 for API calls without valid credentials (never a redirect to the sign-in page). */
    public void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        String detail = e.getMessage() != null && request.getHeader("Authorization") != null
                ? "The bearer token was not accepted: " + e.getMessage()
                : "Sign in, or send an OAuth 2.0 access token from the portal's issuer as 'Authorization: Bearer …'.";
        write(response, of(HttpStatus.UNAUTHORIZED, "auth.required", detail), request);
    }

    /** 403 for authenticated callers without the role the call needs. */
    public void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, of(HttpStatus.FORBIDDEN, "auth.forbidden", "Your role does not allow this."), request);
    }

    private static void write(HttpServletResponse response, ProblemDetail problem, HttpServletRequest request)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", request.getRequestURI());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(problem.getStatus());
        response.setCharacterEncoding("UTF-8");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
