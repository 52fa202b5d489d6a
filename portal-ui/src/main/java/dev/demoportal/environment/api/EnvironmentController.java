package dev.demoportal.environment.api;

import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentLink;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/environments")
class EnvironmentController {

    /** An environment as pipelines see it; field names are part of the stable API. */
    record EnvironmentJson(String slug, String name, String region, String regionName, int tenantSlots,
            String status, String description, List<EnvironmentLink> links) {

        static EnvironmentJson of(EnvironmentView e) {
            return new EnvironmentJson(e.slug(), e.name(), e.region().code(), e.region().name(), e.tenantSlots(),
                    e.status().name(), e.description(), e.links());
        }
    }

    private final EnvironmentService environments;

    EnvironmentController(EnvironmentService environments) {
        this.environments = environments;
    }

    @GetMapping
    @Operation(summary = "Shared demo environments, ordered by region and name")
    List<EnvironmentJson> list(
            @Parameter(description = "only this region (code, e.g. emea)") @RequestParam(required = false) @Nullable String region,
            @Parameter(description = "include retired environments") @RequestParam(defaultValue = "false") boolean includeRetired) {
        return environments.allEnvironments(new EnvironmentFilter(region, null, includeRetired)).stream()
                .map(EnvironmentJson::of).toList();
    }

    @GetMapping("/{slug}")
    @Operation(summary = "One shared demo environment")
    EnvironmentJson one(@PathVariable String slug) {
        return EnvironmentJson.of(environments.environment(slug));
    }
}
