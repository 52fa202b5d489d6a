package dev.demoportal.identity.api;

import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.Idempotency;
import dev.demoportal.base.api.Pages;
import dev.demoportal.identity.ApiTokenService;
import dev.demoportal.identity.CreatedApiToken;
import dev.demoportal.identity.NewApiToken;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.ServiceAccountService;
import dev.demoportal.identity.ServiceAccountSummary;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins: service accounts and their tokens. */
@RestController
@RequestMapping("/api/v1/service-accounts")
class ServiceAccountController {

    record NewServiceAccount(String name, List<Role> roles) {}

    record ServiceAccountJson(UUID id, String name, List<String> roles, Instant createdAt) {
        static ServiceAccountJson of(ServiceAccountSummary a) {
            return new ServiceAccountJson(
                    a.id(),
                    a.name(),
                    a.roles().stream().map(Role::name).sorted().toList(),
                    a.createdAt());
        }
    }

    private final ServiceAccountService accounts;
    private final ApiTokenService tokens;

    ServiceAccountController(ServiceAccountService accounts, ApiTokenService tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @ApiProblem("validation.failed")
    @PostMapping
    @Operation(summary = "Create a service account with staff roles (admins)")
    ResponseEntity<ServiceAccountJson> create(@RequestBody NewServiceAccount body) {
        ServiceAccountSummary created = accounts.create(
                body.name(),
                body.roles() == null || body.roles().isEmpty()
                        ? EnumSet.noneOf(Role.class)
                        : EnumSet.copyOf(body.roles()));
        return ResponseEntity.created(URI.create("/api/v1/service-accounts/" + created.id()))
                .body(ServiceAccountJson.of(created));
    }

    @ApiProblem("validation.failed")
    @GetMapping
    @Operation(summary = "Service accounts by name (admins)")
    ResponseEntity<List<ServiceAccountJson>> list(
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(accounts.list().stream().map(ServiceAccountJson::of).toList(), offset, limit);
    }

    @ApiProblem({"validation.failed", "service_account.not_found"})
    @PostMapping("/{id}/tokens")
    @Operation(summary = "Create an API token for a service account (admins); the token is in this answer only")
    ResponseEntity<TokenJson> createToken(
            @PathVariable UUID id, @RequestBody TokenController.NewToken body, HttpServletRequest request) {
        CreatedApiToken created = tokens.createForServiceAccount(
                id, new NewApiToken(body.name(), body.lifetime(), TokenController.roles(body.roles())));
        Idempotency.replayWith(request, TokenJson.of(created.view()));
        return ResponseEntity.created(
                        URI.create("/api/v1/tokens/" + created.view().id()))
                .body(TokenJson.created(created));
    }

    @ApiProblem({"validation.failed", "service_account.not_found"})
    @GetMapping("/{id}/tokens")
    @Operation(summary = "A service account's tokens (admins)")
    ResponseEntity<List<TokenJson>> tokens(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(tokens.ofServiceAccount(id).stream().map(TokenJson::of).toList(), offset, limit);
    }
}
