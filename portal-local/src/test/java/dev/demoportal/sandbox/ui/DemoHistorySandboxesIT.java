package dev.demoportal.sandbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H3;
import dev.demoportal.ApiClient;
import dev.demoportal.DemoHistoryTest;
import dev.demoportal.DemoSignIn;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.sandbox.SandboxFilter;
import dev.demoportal.sandbox.SandboxProperties;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxSummary;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Local mode's demo history (six weeks of sandboxes written by {@code DemoHistory}) as every role
 * meets it: every history sandbox's page opens, and the API answers for it. The history must be
 * data the product could have written: job specs as the sandbox service hands them to
 * provisioning, and no failed sandbox left holding quota past its clean-up deadline.
 */
@DemoHistoryTest
class DemoHistorySandboxesIT extends ViewTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    SandboxService sandboxes;

    @Autowired
    SandboxProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    private List<SandboxSummary> history() {
        return sandboxes.sandboxes(SandboxFilter.ALL, 0, 1000).stream()
                .filter(s -> s.name().startsWith("history-"))
                .toList();
    }

    @Test
    void everyHistorySandboxPageOpensForEveryRole() {
        Set<UUID> seen = new TreeSet<>();
        for (Person person : Person.values()) {
            openUiAs(person);
            List<SandboxSummary> visible = history();
            if (person == Person.CAROL || person == Person.DAVE || person == Person.MARIA) {
                assertThat(visible).as("history sandboxes %s sees", person).isNotEmpty();
            }
            for (SandboxSummary s : visible) {
                seen.add(s.id());
                UI.getCurrent().navigate("sandboxes/" + s.id());
                SandboxPageView page = _get(SandboxPageView.class);
                assertThat(_get(page.header, H3.class).getText())
                        .as("page of %s for %s", s.name(), person)
                        .isEqualTo(s.templateName());
                // its provisioning jobs are drawn, one box per job, and the trail has its timeline
                assertThat(page.jobs.getChildren().count())
                        .as("jobs of %s", s.name())
                        .isPositive();
                assertThat(page.timeline.getChildren().count())
                        .as("timeline of %s", s.name())
                        .isGreaterThan(3);
            }
        }
        assertThat(seen)
                .hasSize(
                        jdbc.queryForObject("select count(*) from sandbox where name like 'history-%'", Integer.class));
    }

    @Test
    void theApiAnswersForEveryHistorySandbox() {
        ApiClient api = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        List<String> failures = new ArrayList<>();
        for (String user : List.of("carol", "dave", "alice")) {
            String token = signIn.accessToken(user);
            JsonNode list = ApiClient.json(api.get("/api/v1/sandbox-requests", token));
            int history = 0;
            for (JsonNode request : list) {
                if (!request.get("name").asString().startsWith("history-")) {
                    continue;
                }
                history++;
                HttpResponse<String> one =
                        api.get("/api/v1/sandbox-requests/" + request.get("id").asString(), token);
                if (one.statusCode() != 200) {
                    failures.add(user + " " + request.get("name").asString() + ": " + one.statusCode());
                } else {
                    assertThat(ApiClient.json(one).get("steps").isArray()).isTrue();
                }
            }
            assertThat(history).as("history requests %s sees", user).isPositive();
        }
        assertThat(failures).isEmpty();
    }

    /**
     * The specs of history jobs read exactly like those the sandbox service writes: the same
     * fields, naming the sandbox, its organisation, template, region and parameters.
     */
    @Test
    void historyJobSpecsAreWhatTheProductWrites() {
        // a job the product scheduled itself: the seeded auto-approved request's provisioning
        String productSpec = jdbc.queryForObject("""
                select j.spec::text from provisioning_job j join sandbox s on s.id = j.sandbox_id
                where s.name not like 'history-%' order by j.created_at limit 1""", String.class);
        Set<String> productFields = new TreeSet<>();
        ApiClient.JSON.readTree(productSpec).propertyNames().forEach(productFields::add);
        assertThat(productFields).contains("sandboxId", "name", "parameters");
        // an expiry as the product's mapper writes it (the seeded job was scheduled before it had one)
        JsonNode expiryAsWritten = ApiClient.JSON
                .valueToTree(new SandboxSpec(
                        UUID.randomUUID(), "x", "o", "t", "emea", "eu-west-1", "g", clock.instant(), Map.of()))
                .get("expiresAt");

        List<Map<String, Object>> jobs = jdbc.queryForList("""
                select j.kind, j.spec::text as spec, s.id::text as sandbox, s.name, o.slug as organisation,
                       t.slug as template, s.region_code, r.aws_region, t.parameters::text as parameters,
                       s.expires_at, s.lifetime_hours
                from provisioning_job j join sandbox s on s.id = j.sandbox_id
                join organisation o on o.id = s.organisation_id join sandbox_template t on t.id = s.template_id
                join region r on r.code = s.region_code
                where s.name like 'history-%'""");
        assertThat(jobs).isNotEmpty();
        for (Map<String, Object> job : jobs) {
            JsonNode spec = ApiClient.JSON.readTree((String) job.get("spec"));
            Set<String> fields = new TreeSet<>();
            spec.propertyNames().forEach(fields::add);
            String what = job.get("kind") + " job of " + job.get("name");
            assertThat(fields).as(what).isEqualTo(productFields);
            assertThat(spec.get("sandboxId").asString()).as(what).isEqualTo(job.get("sandbox"));
            assertThat(spec.get("name").asString()).as(what).isEqualTo(job.get("name"));
            assertThat(spec.get("organisationSlug").asString()).as(what).isEqualTo(job.get("organisation"));
            assertThat(spec.get("templateSlug").asString()).as(what).isEqualTo(job.get("template"));
            assertThat(spec.get("regionCode").asString()).as(what).isEqualTo(job.get("region_code"));
            assertThat(spec.get("lifetimeHours").asInt()).as(what).isEqualTo(job.get("lifetime_hours"));
            assertThat(spec.get("awsRegion").asString()).as(what).isEqualTo(job.get("aws_region"));
            assertThat(spec.get("customerGroup").asString()).as(what).isEqualTo("sandbox-" + job.get("organisation"));
            assertThat(spec.get("parameters")).as(what).isEqualTo(ApiClient.JSON.readTree((String)
                    job.get("parameters")));
            if (job.get("kind").equals("PROVISION")) {
                assertThat(spec.get("expiresAt").isNull())
                        .as(what + ": not ready yet when approved")
                        .isTrue();
            } else {
                assertThat(spec.get("expiresAt").getNodeType()).as(what).isEqualTo(expiryAsWritten.getNodeType());
            }
            if (job.get("kind").equals("TEARDOWN")) {
                assertThat(ApiClient.JSON.treeToValue(spec, SandboxSpec.class).expiresAt())
                        .as(what)
                        .isEqualTo(((java.sql.Timestamp) job.get("expires_at")).toInstant());
            }
        }
    }

    /** Failed history sandboxes past their clean-up deadline were torn down, as the worker does. */
    @Test
    void noHistorySandboxHoldsQuotaPastItsCleanUpDeadline() {
        openUiAs(Person.MARIA);
        List<SandboxSummary> all = history();
        assertThat(all).allSatisfy(s -> {
            if (s.status() == SandboxStatus.FAILED) {
                assertThat(s.failedAt()).as(s.name()).isAfter(clock.instant().minus(properties.failedCleanupAfter()));
            }
        });
        assertThat(all).extracting(SandboxSummary::status).isSubsetOf(SandboxStatus.TORN_DOWN, SandboxStatus.FAILED);
        // and the timeline says why it went
        UUID cleanedUp = jdbc.queryForObject("""
                select s.id from sandbox s join provisioning_job j on j.sandbox_id = s.id and j.status = 'FAILED'
                where s.name like 'history-%' and s.status = 'TORN_DOWN' limit 1""", UUID.class);
        assertThat(sandboxes.timeline(cleanedUp))
                .extracting(dev.demoportal.sandbox.TimelineEntry::label)
                .containsSubsequence(
                        "Provisioning started",
                        "Failed at region-platform / namespace: Simulated failure (demo history)",
                        "Not retried within 24 hours of failing; teardown started",
                        "Torn down");
        // a failure the history tore down left its failed provisioning job and a teardown job behind
        assertThat(jdbc.queryForObject("""
                select count(*) from sandbox s where s.name like 'history-%' and s.status = 'TORN_DOWN'
                  and exists (select 1 from provisioning_job j where j.sandbox_id = s.id and j.status = 'FAILED')
                  and exists (select 1 from provisioning_job j where j.sandbox_id = s.id and j.kind = 'TEARDOWN'
                              and j.status = 'SUCCEEDED')""", Integer.class)).isPositive();
    }
}
