package dev.demoportal.environment.api;

import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.Pages;
import dev.demoportal.environment.CurrentHolders;
import dev.demoportal.environment.DeploymentService;
import dev.demoportal.environment.DeploymentSummary;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentLink;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/environments")
class EnvironmentController {

    /** An environment as pipelines see it; field names are part of the stable API. */
    record EnvironmentJson(
            String slug,
            String name,
            String region,
            String regionName,
            int tenantSlots,
            String status,
            String description,
            List<EnvironmentLink> links,
            List<HolderJson> holders,
            DeploymentController.@Nullable DeploymentJson deployment,
            List<DeploymentController.DeploymentJson> slotDeployments,
            long version) {

        static EnvironmentJson of(
                EnvironmentSummary e, List<HolderJson> holders, Map<Integer, DeploymentSummary> deployed, Instant now) {
            DeploymentSummary own = deployed.get(0);
            return new EnvironmentJson(
                    e.slug(),
                    e.name(),
                    e.region().code(),
                    e.region().name(),
                    e.tenantSlots(),
                    e.status().name(),
                    e.description(),
                    e.links(),
                    holders,
                    own == null ? null : DeploymentController.DeploymentJson.of(own, now),
                    deployed.entrySet().stream()
                            .filter(d -> d.getKey() > 0)
                            .sorted(Map.Entry.comparingByKey())
                            .map(d -> DeploymentController.DeploymentJson.of(d.getValue(), now))
                            .toList(),
                    e.version());
        }
    }

    /** Who holds a slot right now; field names are part of the stable API. */
    record HolderJson(int slot, UUID bookingId, Person holder, Instant from, Instant until, String purpose) {

        record Person(String name, @Nullable String email) {}

        static HolderJson of(CurrentHolders.Holding h) {
            return new HolderJson(
                    h.slot(), h.bookingId(), new Person(h.name(), h.email()), h.from(), h.until(), h.purpose());
        }
    }

    private final EnvironmentService environments;
    private final ObjectProvider<CurrentHolders> holders;
    private final DeploymentService deployments;
    private final Clock clock;

    EnvironmentController(
            EnvironmentService environments,
            ObjectProvider<CurrentHolders> holders,
            DeploymentService deployments,
            Clock clock) {
        this.environments = environments;
        this.holders = holders;
        this.deployments = deployments;
        this.clock = clock;
    }

    private Map<UUID, List<HolderJson>> holders() {
        CurrentHolders source = holders.getIfAvailable();
        if (source == null) {
            return Map.of();
        }
        return source.now().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> e.getValue().stream().map(HolderJson::of).toList()));
    }

    @ApiProblem("validation.failed")
    @GetMapping
    @Operation(summary = "Shared demo environments, ordered by region and name")
    ResponseEntity<List<EnvironmentJson>> list(
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit,
            @Parameter(description = "only this region (code, e.g. emea)") @RequestParam(required = false) @Nullable
                    String region,
            @Parameter(description = "include retired environments") @RequestParam(defaultValue = "false")
                    boolean includeRetired) {
        Map<UUID, List<HolderJson>> holders = holders();
        List<EnvironmentSummary> all =
                environments.allEnvironments(new EnvironmentFilter(region, null, includeRetired));
        Map<UUID, Map<Integer, DeploymentSummary>> deployed =
                deployments.current(all.stream().map(EnvironmentSummary::id).toList());
        Instant now = clock.instant();
        return Pages.of(
                all.stream()
                        .map(e -> EnvironmentJson.of(
                                e,
                                holders.getOrDefault(e.id(), List.of()),
                                deployed.getOrDefault(e.id(), Map.of()),
                                now))
                        .toList(),
                offset,
                limit);
    }

    @ApiProblem("environment.not_found")
    @GetMapping("/{slug}")
    @Operation(summary = "One shared demo environment")
    EnvironmentJson one(@PathVariable String slug) {
        EnvironmentSummary environment = environments.environment(slug);
        return EnvironmentJson.of(
                environment,
                holders().getOrDefault(environment.id(), List.of()),
                deployments.current(environment.id()),
                clock.instant());
    }
}
