package dev.demoportal.identity.api;

import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.Idempotency;
import dev.demoportal.base.api.Pages;
import dev.demoportal.identity.ApiTokenService;
import dev.demoportal.identity.CreatedApiToken;
import dev.demoportal.identity.NewApiToken;
import dev.demoportal.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own API tokens. */
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

    /** {@code lifetime} ISO-8601 ({@code P30D}); {@code roles} some of the caller's (all when left out). */
    record NewToken(
            String name, Duration lifetime, @Nullable List<Role> roles) {}

    private final ApiTokenService tokens;

    TokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @ApiProblem("validation.failed")
    @PostMapping
    @Operation(summary = "Create an API token for yourself; the token is in this answer only")
    ResponseEntity<TokenJson> create(@RequestBody NewToken body, HttpServletRequest request) {
        CreatedApiToken created = tokens.create(new NewApiToken(body.name(), body.lifetime(), roles(body.roles())));
        Idempotency.replayWith(request, TokenJson.of(created.view()));
        return ResponseEntity.created(
                        URI.create("/api/v1/tokens/" + created.view().id()))
                .body(TokenJson.created(created));
    }

    @ApiProblem("validation.failed")
    @GetMapping
    @Operation(summary = "Your API tokens, newest first (revoked and expired ones too); never the tokens themselves")
    ResponseEntity<List<TokenJson>> list(
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(tokens.mine().stream().map(TokenJson::of).toList(), offset, limit);
    }

    @ApiProblem("api_token.not_found")
    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke one of your tokens (admins: anyone's) at once")
    TokenJson revoke(@PathVariable UUID id) {
        return TokenJson.of(tokens.revoke(id));
    }

    static @Nullable Set<Role> roles(@Nullable List<Role> roles) {
        return roles == null || roles.isEmpty() ? null : EnumSet.copyOf(roles);
    }
}
