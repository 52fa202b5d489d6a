package dev.demoportal.identity.api;

import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.Pages;
import dev.demoportal.identity.CiIdentityService;
import dev.demoportal.identity.CiIssuerSummary;
import dev.demoportal.identity.CiRuleSummary;
import dev.demoportal.identity.NewCiIssuer;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import java.util.Map;
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

/** Admins: trusted CI identity providers and the rules that map their tokens to service accounts. */
@RestController
@RequestMapping("/api/v1/ci-issuers")
class CiIssuerController {

    record NewRule(Map<String, String> claims, UUID serviceAccount) {}

    private final CiIdentityService ci;

    CiIssuerController(CiIdentityService ci) {
        this.ci = ci;
    }

    @ApiProblem("validation.failed")
    @PostMapping
    @Operation(summary = "Trust a CI identity provider: {name, issuer, jwksUri?, audience} (admins)")
    ResponseEntity<CiIssuerSummary> trust(@RequestBody NewCiIssuer body) {
        CiIssuerSummary created = ci.trust(body);
        return ResponseEntity.created(URI.create("/api/v1/ci-issuers/" + created.id()))
                .body(created);
    }

    @ApiProblem("validation.failed")
    @GetMapping
    @Operation(summary = "Trusted CI identity providers with their rules (admins)")
    ResponseEntity<List<CiIssuerSummary>> list(
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(ci.list(), offset, limit);
    }

    @ApiProblem("ci_identity.issuer_not_found")
    @DeleteMapping("/{id}")
    @Operation(summary = "Stop trusting a CI identity provider, with its rules (admins)")
    ResponseEntity<Void> distrust(@PathVariable UUID id) {
        ci.distrust(id);
        return ResponseEntity.noContent().build();
    }

    @ApiProblem({"validation.failed", "ci_identity.issuer_not_found", "service_account.not_found"})
    @PostMapping("/{id}/rules")
    @Operation(summary = "Map tokens whose claims have these values to a service account (admins)")
    ResponseEntity<CiRuleSummary> addRule(@PathVariable UUID id, @RequestBody NewRule body) {
        CiRuleSummary rule = ci.addRule(id, body.claims(), body.serviceAccount());
        return ResponseEntity.created(URI.create("/api/v1/ci-issuers/" + id + "/rules/" + rule.id()))
                .body(rule);
    }

    @ApiProblem("ci_identity.rule_not_found")
    @DeleteMapping("/{id}/rules/{ruleId}")
    @Operation(summary = "Remove a rule (admins)")
    ResponseEntity<Void> removeRule(@PathVariable UUID id, @PathVariable UUID ruleId) {
        ci.removeRule(ruleId);
        return ResponseEntity.noContent().build();
    }
}
