package dev.demoportal.base.api;

import dev.demoportal.base.DomainException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns everything an API call can throw into problem details with a stable {@code code}. Domain
 * errors keep their own code and message; anything unexpected is logged with an id the caller can
 * quote, and no stack trace leaves the server.
 */
@RestControllerAdvice(basePackages = "dev.demoportal")
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e, HttpServletResponse response) throws Exception {
        abortIfCommitted(e, response);
        ProblemDetail problem = Problems.of(HttpStatus.valueOf(e.httpStatus()), e.code(), e.getMessage());
        e.problemProperties().forEach(problem::setProperty);
        return ResponseEntity.status(e.httpStatus()).body(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletResponse response) throws Exception {
        abortIfCommitted(e, response);
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(Problems.of(HttpStatus.FORBIDDEN, "auth.forbidden", "Your role does not allow this."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "request.invalid_parameter",
                        "Parameter '" + e.getName() + "' has an invalid value."));
    }

    /**
     * Anything unexpected is a 500 with an error id. Once the response is committed (a streamed
     * export failed half-way) no problem can be sent any more: the exception goes on to the server,
     * which closes the connection, so the client sees a broken download rather than a short one.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletResponse response) throws Exception {
        abortIfCommitted(e, response);
        String id = UUID.randomUUID().toString();
        log.error("Unexpected API error {}", id, e);
        return ResponseEntity.internalServerError()
                .body(Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal",
                        "Something went wrong on our side. Quote error id " + id + " when you report it."));
    }

    private static void abortIfCommitted(Exception e, HttpServletResponse response) throws Exception {
        if (response.isCommitted()) {
            // the server logs the exception with its stack trace when it closes the connection
            log.warn("API response failed after it had begun, so the connection is closed: {}", e.toString());
            throw e;
        }
    }

    /** Spring MVC's own errors (bad JSON, unsupported method, ...) get a code derived from the status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", "request." + codeFor(status));
        }
        return response;
    }

    private static String codeFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? String.valueOf(status.value()) : known.name().toLowerCase();
    }
}
