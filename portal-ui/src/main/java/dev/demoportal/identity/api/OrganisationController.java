package dev.demoportal.identity.api;

import dev.demoportal.base.NotFound;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.Pages;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;
import dev.demoportal.identity.OrganisationService.OrganisationSummary;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer organisations without the browser, as on the Organisations page: staff list them;
 * field engineers and admins create them and add the e-mail domains whose people belong to them.
 * Audited as {@code organisation.created} / {@code organisation.renamed} / {@code organisation.domain_added}.
 */
@RestController
@RequestMapping("/api/v1/organisations")
class OrganisationController {

    record NewOrganisation(@Nullable String name) {}

    record NewDomain(@Nullable String domain) {}

    /** An organisation: its slug (what other calls name it by), name, e-mail domains and member count. */
    record OrganisationJson(String slug, String name, List<String> emailDomains, long members) {
        static OrganisationJson of(OrganisationSummary o) {
            return new OrganisationJson(
                    o.organisation().slug(), o.organisation().name(), o.emailDomains(), o.members());
        }
    }

    private final OrganisationService organisations;

    OrganisationController(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @GetMapping
    @ApiProblem("validation.failed")
    @Operation(summary = "Field engineers, managers and admins: every organisation, by name")
    ResponseEntity<List<OrganisationJson>> organisations(
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(
                organisations.summaries().stream().map(OrganisationJson::of).toList(), offset, limit);
    }

    @GetMapping("/{slug}")
    @ApiProblem("organisation.not_found")
    @Operation(summary = "Field engineers, managers and admins: one organisation")
    OrganisationJson organisation(@PathVariable String slug) {
        return OrganisationJson.of(summary(slug));
    }

    @PostMapping
    @ApiProblem("validation.failed")
    @Operation(summary = "Field engineers and admins: create an organisation {name}; its slug is made from the name")
    ResponseEntity<OrganisationJson> create(@RequestBody NewOrganisation body) {
        OrganisationRef created = organisations.createNew(body.name() == null ? "" : body.name());
        return ResponseEntity.created(URI.create("/api/v1/organisations/" + created.slug()))
                .body(OrganisationJson.of(summary(created.slug())));
    }

    @PutMapping("/{slug}")
    @ApiProblem({"validation.failed", "organisation.not_found"})
    @Operation(
            summary = "Field engineers and admins: rename an organisation {name}; its slug stays, so every link and "
                    + "mapping that names it keeps working")
    OrganisationJson rename(@PathVariable String slug, @RequestBody NewOrganisation body) {
        OrganisationSummary organisation = summary(slug);
        organisations.rename(organisation.organisation().id(), body.name() == null ? "" : body.name());
        return OrganisationJson.of(summary(slug));
    }

    @PostMapping("/{slug}/email-domains")
    @ApiProblem({"validation.failed", "organisation.not_found"})
    @Operation(
            summary = "Field engineers and admins: people who sign in with an address at {domain} belong to the "
                    + "organisation")
    OrganisationJson addDomain(@PathVariable String slug, @RequestBody NewDomain body) {
        OrganisationSummary organisation = summary(slug);
        organisations.addEmailDomain(organisation.organisation().id(), body.domain() == null ? "" : body.domain());
        return OrganisationJson.of(summary(slug));
    }

    private OrganisationSummary summary(String slug) {
        return organisations.summaries().stream()
                .filter(o -> o.organisation().slug().equals(slug))
                .findFirst()
                .orElseThrow(() -> new NotFound("organisation.not_found", "No such organisation."));
    }
}
