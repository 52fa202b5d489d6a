package dev.demoportal.environment.api;

import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.environment.AccessSettings;
import dev.demoportal.environment.AccessSettings.SubjectKind;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** How holding a slot of an environment grants access on its region's cluster (admins change it). */
@RestController
@RequestMapping("/api/v1/environments/{slug}/access")
class AccessSettingsController {

    /** Field names are part of the stable API; {@code namespaceTemplate} null means no access leases. */
    record AccessSettingsJson(
            @Nullable String namespaceTemplate,
            @Nullable String subjectKind,
            @Nullable String subjectTemplate,
            @Nullable String clusterRole) {

        static AccessSettingsJson of(AccessSettings s) {
            return new AccessSettingsJson(
                    s.namespaceTemplate(), s.subjectKind().name(), s.subjectTemplate(), s.clusterRole());
        }
    }

    private final EnvironmentService environments;

    AccessSettingsController(EnvironmentService environments) {
        this.environments = environments;
    }

    @ApiProblem("environment.not_found")
    @GetMapping
    @Operation(summary = "The environment's access-lease settings")
    AccessSettingsJson get(@PathVariable String slug) {
        return AccessSettingsJson.of(
                environments.accessSettings(environments.environment(slug).id()));
    }

    @ApiProblem({"validation.failed", "environment.not_found", "environment.changed"})
    @PutMapping
    @Operation(
            summary = "Admins: set where slots live ({environment}, {slot}) and whom bindings name "
                    + "(USER or GROUP, {email}, {userId}); namespaceTemplate null turns leases off")
    AccessSettingsJson put(@PathVariable String slug, @RequestBody AccessSettingsJson body) {
        EnvironmentSummary environment = environments.environment(slug);
        SubjectKind kind = body.subjectKind() == null
                ? SubjectKind.USER
                : Arrays.stream(SubjectKind.values())
                        .filter(k -> k.name().equals(body.subjectKind().strip().toUpperCase(Locale.ROOT)))
                        .findFirst()
                        .orElseThrow(() -> ValidationFailed.of("subjectKind", "USER or GROUP"));
        AccessSettings settings = new AccessSettings(
                body.namespaceTemplate(),
                kind,
                body.subjectTemplate() == null ? "{email}" : body.subjectTemplate(),
                body.clusterRole() == null ? "edit" : body.clusterRole());
        return AccessSettingsJson.of(
                environments.updateAccessSettings(environment.id(), environment.version(), settings));
    }
}
