package dev.demoportal.identity;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import dev.demoportal.identity.IdentityEvents.CiIdentityChanged;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trusted CI identities: pipelines call the API with the OIDC token their CI system gives every
 * job (GitHub Actions, CircleCI, GitLab, ...), so no static secret lives in any pipeline. An admin
 * trusts an issuer and maps tokens with given claims (repository, branch, project id) to a service
 * account. The security layer checks signature, issuer, audience and lifetime, then asks
 * {@link #match} who the token stands for.
 */
@Service
public class CiIdentityService {

    private final CiIssuerRepository issuers;
    private final CiIdentityRuleRepository rules;
    private final PortalUserRepository users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CiIdentityService(
            CiIssuerRepository issuers,
            CiIdentityRuleRepository rules,
            PortalUserRepository users,
            ApplicationEventPublisher events,
            Clock clock) {
        this.issuers = issuers;
        this.rules = rules;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public CiIssuerSummary trust(NewCiIssuer request) {
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(InputRules.checkText("name", request.name()));
        errors.addAll(InputRules.checkText("audience", request.audience()));
        String name = strip(request.name());
        String issuer = strip(request.issuer());
        String jwks = request.jwksUri() == null || request.jwksUri().isBlank()
                ? null
                : request.jwksUri().strip();
        String audience = strip(request.audience());
        if (name.isEmpty() || name.length() > 80) {
            errors.add(new FieldError("name", "Give the issuer a name of 1 to 80 characters."));
        } else if (issuers.existsByNameIgnoreCase(name)) {
            errors.add(new FieldError("name", "An issuer of this name exists."));
        }
        checkUrl("issuer", issuer, errors);
        if (errors.stream().noneMatch(e -> e.field().equals("issuer")) && issuers.existsByIssuer(issuer)) {
            errors.add(new FieldError("issuer", "This issuer is trusted already; add a rule to it instead."));
        }
        if (jwks != null) {
            checkUrl("jwksUri", jwks, errors);
        }
        if (audience.isEmpty() || audience.length() > 200) {
            errors.add(new FieldError(
                    "audience",
                    "Name the audience the CI system puts into its tokens for the "
                            + "portal (GitHub Actions: the 'audience' you request; CircleCI: your organisation id)."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        CiIssuer saved = issuers.save(new CiIssuer(name, issuer, jwks, audience, me(), clock.instant()));
        CiIssuerSummary view = saved.toView(List.of());
        events.publishEvent(new CiIdentityChanged(CurrentActor.actor(), "issuer_trusted", view, Map.of("name", name)));
        return view;
    }

    /** Tokens of {@code issuerId} whose claims have these values act as the service account. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public CiRuleSummary addRule(UUID issuerId, Map<String, String> claims, UUID serviceAccountId) {
        CiIssuer issuer = issuer(issuerId);
        List<FieldError> errors = new ArrayList<>();
        if (claims == null || claims.isEmpty()) {
            errors.add(new FieldError("claims", "Name at least one claim and its value, e.g. repository."));
        } else {
            claims.forEach((k, v) -> {
                errors.addAll(InputRules.checkText("claims." + k, v));
                if (k.isBlank() || v == null || v.isBlank() || "*".equals(v.strip())) {
                    errors.add(new FieldError(
                            "claims." + k,
                            "Give each claim a value (a '*' alone would match " + "any pipeline of the issuer)."));
                }
            });
        }
        PortalUser account = serviceAccountId == null
                ? null
                : users.findById(serviceAccountId)
                        .filter(PortalUser::isServiceAccount)
                        .orElse(null);
        if (account == null) {
            errors.add(new FieldError("serviceAccount", "There is no such service account."));
        }
        if (!errors.isEmpty() || account == null) {
            throw new ValidationFailed(errors);
        }
        Map<String, String> values = new LinkedHashMap<>();
        claims.forEach((k, v) -> values.put(k.strip(), v.strip()));
        CiIdentityRule rule = rules.save(new CiIdentityRule(issuer.id(), values, account.id(), me(), clock.instant()));
        CiRuleSummary view = rule.toView(account.toAccount().displayName());
        events.publishEvent(new CiIdentityChanged(
                CurrentActor.actor(),
                "rule_added",
                issuer.toView(List.of()),
                Map.of("claims", values, "serviceAccount", view.serviceAccountName())));
        return view;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void removeRule(UUID ruleId) {
        CiIdentityRule rule = rules.findById(ruleId)
                .orElseThrow(() -> new NotFound("ci_identity.rule_not_found", "There is no such rule."));
        rules.delete(rule);
        events.publishEvent(new CiIdentityChanged(
                CurrentActor.actor(),
                "rule_removed",
                issuer(rule.issuerId()).toView(List.of()),
                Map.of("rule", ruleId.toString())));
    }

    /** Stops trusting an issuer; its rules go with it. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void distrust(UUID issuerId) {
        CiIssuer issuer = issuer(issuerId);
        rules.deleteAll(rules.findAllByOrderByCreatedAt().stream()
                .filter(r -> r.issuerId().equals(issuerId))
                .toList());
        issuers.delete(issuer);
        events.publishEvent(
                new CiIdentityChanged(CurrentActor.actor(), "issuer_removed", issuer.toView(List.of()), Map.of()));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<CiIssuerSummary> list() {
        return trusted();
    }

    /**
     * Every trusted issuer with its rules, for the security layer, which asks before anyone is signed
     * in (so no role check here); it caches the answer and reloads it when {@link CiIdentityChanged}.
     */
    @Transactional(readOnly = true)
    public List<CiIssuerSummary> trusted() {
        List<CiIdentityRule> all = rules.findAllByOrderByCreatedAt();
        Set<UUID> accountIds =
                all.stream().map(CiIdentityRule::serviceAccountId).collect(Collectors.toSet());
        Map<UUID, String> names = users.findAllById(accountIds).stream()
                .collect(Collectors.toMap(PortalUser::id, u -> u.toAccount().displayName()));
        Map<UUID, List<CiRuleSummary>> byIssuer = all.stream()
                .collect(Collectors.groupingBy(
                        CiIdentityRule::issuerId,
                        LinkedHashMap::new,
                        Collectors.mapping(
                                r -> r.toView(names.getOrDefault(r.serviceAccountId(), "?")), Collectors.toList())));
        return issuers.findAllByOrderByName().stream()
                .map(i -> i.toView(byIssuer.getOrDefault(i.id(), List.of())))
                .toList();
    }

    /**
     * The service account a verified token of {@code issuer} stands for: the first rule it matches,
     * or {@code auth.no_matching_rule}.
     */
    @Transactional(readOnly = true)
    public ApiCaller match(CiIssuerSummary issuer, Map<String, Object> claims) {
        CiRuleSummary rule = issuer.rules().stream()
                .filter(r -> r.matches(claims))
                .findFirst()
                .orElseThrow(() -> new CallerRejected(
                        "auth.no_matching_rule",
                        "The token of " + issuer.name()
                                + " was verified, but no rule maps its claims (such as " + describe(claims)
                                + ") to a service account. Ask an admin to add a rule for this pipeline."));
        UserAccount account = users.findWithOrganisationById(rule.serviceAccountId())
                .map(PortalUser::toAccount)
                .orElseThrow(() -> new CallerRejected("auth.no_matching_rule", "The rule's service account is gone."));
        return new ApiCaller(account, account.roles(), null);
    }

    private static String describe(Map<String, Object> claims) {
        return claims.entrySet().stream()
                .filter(e -> Set.of("sub", "repository", "ref", "project_id", "oidc.circleci.com/project-id")
                        .contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private CiIssuer issuer(UUID id) {
        return issuers.findById(id)
                .orElseThrow(() -> new NotFound("ci_identity.issuer_not_found", "There is no such trusted issuer."));
    }

    private static UUID me() {
        return CurrentActor.userId().orElseThrow(() -> new NotFound("user.not_found", "Not signed in."));
    }

    private static String strip(@Nullable String s) {
        return s == null ? "" : s.strip();
    }

    /** https, or http to this machine only (a test issuer): keys fetched over plain http could be anyone's. */
    private static void checkUrl(String field, String value, List<FieldError> errors) {
        try {
            URI uri = URI.create(value);
            boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
            if (uri.getHost() == null
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)) {
                errors.add(new FieldError(field, "Use an https:// address."));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "This is not an address."));
        }
    }
}
