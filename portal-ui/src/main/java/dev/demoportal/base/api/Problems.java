package dev.demoportal.base.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the API's problem details (RFC 9457). Every problem carries {@code code}, a stable
 * identifier clients may switch on; {@code title} and {@code detail} are for people and may be
 * reworded. Also writes the problems that arise before Spring MVC runs (security, request limits,
 * the firewall).
 */
@Component
public class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://demoportal.dev/problems/" + code));
        problem.setProperty("code", code);
        return problem;
    }

    /** 401 for API calls without valid credentials (never a redirect to the sign-in page). */
    public void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof ApiAuthenticationFailed failed) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            send(request, response, of(HttpStatus.UNAUTHORIZED, failed.code(), failed.getMessage()));
            return;
        }
        String authorization = request.getHeader("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        askToAuthenticate(
                request,
                response,
                bearer && e.getMessage() != null ? "The bearer token was not accepted: " + e.getMessage() : null);
    }

    /**
     * 403 for authenticated callers without the role the call needs, or, for a browser session,
     * without its CSRF token. Anonymous callers are asked to authenticate (401) instead: the CSRF
     * check runs before authorization and would otherwise answer them "forbidden".
     */
    public void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated() || TRUST.isAnonymous(caller)) {
            askToAuthenticate(request, response, null);
        } else if (e instanceof CsrfException) {
            send(
                    request,
                    response,
                    of(
                            HttpStatus.FORBIDDEN,
                            "auth.csrf",
                            "This call comes from a browser session "
                                    + "without its CSRF token. Send the token in the X-CSRF-TOKEN header, or call the API with a "
                                    + "bearer token."));
        } else {
            send(request, response, of(HttpStatus.FORBIDDEN, "auth.forbidden", "Your role does not allow this."));
        }
    }

    private static void askToAuthenticate(
            HttpServletRequest request, HttpServletResponse response, @Nullable String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        send(
                request,
                response,
                of(
                        HttpStatus.UNAUTHORIZED,
                        "auth.required",
                        detail != null
                                ? detail
                                : "Sign in, or send an API token, an OAuth 2.0 access token from the portal's issuer or a trusted CI "
                                        + "system's OIDC token as 'Authorization: Bearer …'."));
    }

    /** Writes {@code problem} as the whole response, for code that runs outside Spring MVC (filters). */
    public static void send(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
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
