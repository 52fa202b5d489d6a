package dev.demoportal;

import static dev.demoportal.ApiClient.assertProblem;
import static dev.demoportal.ApiClient.json;
import static dev.demoportal.ApiClient.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.base.SystemTask;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.testing.PortalDatabaseTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The API as a pipeline lives with it (issue 17): API tokens from creation to revocation and never
 * stored in clear, CI systems' OIDC tokens from a second in-process issuer (GitHub- and
 * CircleCI-shaped) mapped to a service account, Idempotency-Key replays and conflicts, rate limits,
 * and paging past 500 rows.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portal.local.enabled=true",
            "portal.local.idp-port=0",
            "portal.local.demo-data=false",
            // small enough to reach in a test: 60 calls, then one an hour
            "portal.api.rate-limit.capacity=60",
            "portal.api.rate-limit.refill=1",
            "portal.api.rate-limit.refill-period=PT1H"
        })
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineApiIT {

    private static final String AUDIENCE = "demo-portal";
    private static final String CIRCLECI_ORG = "5d5a2a4c-1c8e-4b8f-9a65-0c9a8e3f1d11";
    private static final String CIRCLECI_PROJECT = "7b1f5f7e-2f2a-4a9e-8e57-55c3a1d0b0aa";

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EnvironmentService environments;

    private ApiClient api;
    private String alice;
    private String adam;
    private final FakeCiIssuer github = new FakeCiIssuer("/github");
    private final FakeCiIssuer circleci = new FakeCiIssuer("/org/" + CIRCLECI_ORG);
    private final String environment =
            "pipeline-" + UUID.randomUUID().toString().substring(0, 8);
    private String serviceAccountId;
    private String githubIssuerId;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        DemoSignIn signIn = new DemoSignIn(issuer);
        alice = signIn.accessToken("alice");
        adam = signIn.accessToken("adam");
        SystemTask.run(
                "test",
                List.of("ADMIN"),
                () -> environments.createEnvironment(new EnvironmentForm(
                        environment, "Pipeline env", "emea", 2, EnvironmentStatus.AVAILABLE, "", List.of())));

        // an admin sets up what a pipeline needs: a service account, trusted CI issuers, claim rules
        HttpResponse<String> account = api.post(
                "/api/v1/service-accounts",
                adam,
                Map.of("name", "Release pipeline " + environment, "roles", List.of("FIELD_ENGINEER")));
        assertThat(account.statusCode()).as(account.body()).isEqualTo(201);
        serviceAccountId = json(account).get("id").asString();

        HttpResponse<String> gh = api.post(
                "/api/v1/ci-issuers",
                adam,
                Map.of("name", "GitHub Actions (fake)", "issuer", github.issuer(), "audience", AUDIENCE));
        assertThat(gh.statusCode()).as(gh.body()).isEqualTo(201);
        githubIssuerId = json(gh).get("id").asString();
        assertThat(api.post(
                                "/api/v1/ci-issuers/" + githubIssuerId + "/rules",
                                adam,
                                Map.of(
                                        "claims",
                                        Map.of("repository", "acme/app", "ref", "refs/heads/*"),
                                        "serviceAccount",
                                        serviceAccountId))
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> cc = api.post(
                "/api/v1/ci-issuers",
                adam,
                Map.of(
                        "name",
                        "CircleCI (fake)",
                        "issuer",
                        circleci.issuer(),
                        "jwksUri",
                        circleci.jwksUri(),
                        "audience",
                        CIRCLECI_ORG));
        assertThat(cc.statusCode()).as(cc.body()).isEqualTo(201);
        assertThat(api.post(
                                "/api/v1/ci-issuers/" + json(cc).get("id").asString() + "/rules",
                                adam,
                                Map.of(
                                        "claims",
                                        Map.of("oidc.circleci.com/project-id", CIRCLECI_PROJECT),
                                        "serviceAccount",
                                        serviceAccountId))
                        .statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    void stopIssuers() {
        github.close();
        circleci.close();
    }

    // --- API tokens ---

    @Test
    void aPersonalTokenIsShownOnceUsedListedAndRevoked() {
        HttpResponse<String> created = api.post(
                "/api/v1/tokens",
                alice,
                Map.of("name", "laptop script", "lifetime", "P30D", "roles", List.of("FIELD_ENGINEER")));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = json(created);
        String token = body.get("token").asString();
        assertThat(token).matches("dpt_[0-9A-Za-z]{46}");
        assertThat(body.get("display").asString()).isEqualTo(token.substring(0, 12) + "…");
        assertThat(created.headers().firstValue("Location"))
                .hasValue("/api/v1/tokens/" + body.get("id").asString());

        JsonNode me = json(api.get("/api/v1/me", token));
        assertThat(me.get("email").asString()).isEqualTo("alice@demoportal.dev");

        JsonNode listed =
                find(json(api.get("/api/v1/tokens", alice)), body.get("id").asString());
        assertThat(listed.get("token").isNull()).isTrue();
        assertThat(listed.get("state").asString()).isEqualTo("ACTIVE");
        assertThat(listed.get("lastUsedAt").isNull()).as("last use is recorded").isFalse();

        HttpResponse<String> revoked = api.send(
                HttpRequest.newBuilder(
                                api.uri("/api/v1/tokens/" + body.get("id").asString()))
                        .DELETE(),
                alice);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("state").asString()).isEqualTo("REVOKED");
        assertProblem(api.get("/api/v1/me", token), 401, "auth.token_revoked");

        List<String> trail = jdbc.queryForList(
                "select action from audit_event where target_type = 'api_token' " + "and target_id = ? order by id",
                String.class,
                body.get("id").asString());
        assertThat(trail).containsExactly("identity.token_created", "identity.token_used", "identity.token_revoked");
        assertThat(jdbc.queryForObject(
                        "select details::text from audit_event where target_id = ? and action = "
                                + "'identity.token_created'",
                        String.class,
                        body.get("id").asString()))
                .doesNotContain(token);
    }

    @Test
    void anExpiredTokenIsRefusedWithItsOwnCode() {
        JsonNode created = json(api.post("/api/v1/tokens", alice, Map.of("name", "short-lived", "lifetime", "PT1H")));
        String token = created.get("token").asString();
        assertThat(api.get("/api/v1/me", token).statusCode()).isEqualTo(200);

        jdbc.update(
                "update api_token set created_at = now() - interval '2 hours', expires_at = now() - interval "
                        + "'1 second' where id = ?::uuid",
                created.get("id").asString());

        assertProblem(api.get("/api/v1/me", token), 401, "auth.token_expired");
    }

    @Test
    void tokensThatAreNotOursAreInvalid() {
        String real = json(api.post("/api/v1/tokens", alice, Map.of("name", "to be altered", "lifetime", "PT1H")))
                .get("token")
                .asString();
        // one character changed: the checksum no longer matches
        String altered = real.substring(0, 10) + (real.charAt(10) == 'a' ? 'b' : 'a') + real.substring(11);
        assertProblem(api.get("/api/v1/me", altered), 401, "auth.token_invalid");
        assertProblem(api.get("/api/v1/me", "dpt_nonsense"), 401, "auth.token_invalid");
    }

    @Test
    void aTokenCarriesNoRoleItsOwnerLacks() {
        HttpResponse<String> response = api.post(
                "/api/v1/tokens", alice, Map.of("name", "escalation", "lifetime", "PT1H", "roles", List.of("ADMIN")));

        assertProblem(response, 400, "validation.failed");
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("roles");
    }

    @Test
    void aServiceAccountTokenWithFewerRolesCannotUseTheOthers() {
        String account = json(api.post(
                        "/api/v1/service-accounts",
                        adam,
                        Map.of("name", "Ops bot " + environment, "roles", List.of("FIELD_ENGINEER", "ADMIN"))))
                .get("id")
                .asString();
        String narrow = json(api.post(
                        "/api/v1/service-accounts/" + account + "/tokens",
                        adam,
                        Map.of("name", "booking only", "lifetime", "P7D", "roles", List.of("FIELD_ENGINEER"))))
                .get("token")
                .asString();
        String wide = json(api.post(
                        "/api/v1/service-accounts/" + account + "/tokens",
                        adam,
                        Map.of("name", "everything", "lifetime", "P7D")))
                .get("token")
                .asString();

        assertProblem(api.get("/api/v1/service-accounts", narrow), 403, "auth.forbidden");
        assertThat(api.get("/api/v1/service-accounts", wide).statusCode()).isEqualTo(200);
        assertThat(strings(json(api.get("/api/v1/me", narrow)).get("roles"))).contains("FIELD_ENGINEER");
    }

    @Test
    void noTableHoldsATokenInClearNotEvenAfterAnIdempotentReplay() {
        Map<String, Object> request = Map.of("name", "scanned", "lifetime", "P1D");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = postWithKey("/api/v1/tokens", alice, request, key);
        HttpResponse<String> replay = postWithKey("/api/v1/tokens", alice, request, key);
        String token = json(first).get("token").asString();
        assertThat(api.get("/api/v1/me", token).statusCode()).isEqualTo(200);

        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(replay).get("id").asString())
                .isEqualTo(json(first).get("id").asString());
        assertThat(json(replay).get("token").isNull())
                .as("shown once, never replayed")
                .isTrue();

        String secret = token.substring(12); // what follows the prefix and the hint
        List<Map<String, Object>> columns = jdbc.queryForList("""
                select table_schema, table_name, column_name from information_schema.columns
                where table_schema not in ('pg_catalog', 'information_schema')
                  and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea')""");
        assertThat(columns).hasSizeGreaterThan(20);
        List<String> holding = new ArrayList<>();
        for (Map<String, Object> c : columns) {
            String column = "\"" + c.get("table_schema") + "\".\"" + c.get("table_name") + "\"";
            String field = "\"" + c.get("column_name") + "\"";
            Long hits = jdbc.queryForObject(
                    "select count(*) from " + column + " where strpos(" + field + "::text, ?) > 0", Long.class, secret);
            if (hits != null && hits > 0) {
                holding.add(column + "." + field);
            }
        }
        assertThat(holding).as("columns holding the token").isEmpty();
        // the scan itself finds what is there: the hash is in api_token
        assertThat(jdbc.queryForObject(
                        "select count(*) from api_token where strpos(token_hash, ?) > 0", Long.class, hashOf(token)))
                .isEqualTo(1L);
    }

    // --- CI identities ---

    @Test
    void aGithubActionsTokenOfAMappedRepositoryActsAsTheServiceAccount() {
        String token = github.token(AUDIENCE, FakeCiIssuer.github("acme/app", "refs/heads/main"));

        HttpResponse<String> me = api.get("/api/v1/me", token);

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me).get("id").asString()).isEqualTo(serviceAccountId);
        assertThat(strings(json(me).get("roles"))).containsExactly("FIELD_ENGINEER");
    }

    @Test
    void aCircleCiTokenOfAMappedProjectActsAsTheServiceAccount() {
        String token = circleci.token(CIRCLECI_ORG, FakeCiIssuer.circleci(CIRCLECI_ORG, CIRCLECI_PROJECT));

        assertThat(json(api.get("/api/v1/me", token)).get("id").asString()).isEqualTo(serviceAccountId);
    }

    @Test
    void ciTokensAreRefusedWithACodeForEachReason() {
        Map<String, Object> main = FakeCiIssuer.github("acme/app", "refs/heads/main");
        assertProblem(api.get("/api/v1/me", github.token("https://github.com/acme", main)), 401, "auth.wrong_audience");
        assertProblem(
                api.get("/api/v1/me", github.token(AUDIENCE, FakeCiIssuer.github("evil/app", "refs/heads/main"))),
                401,
                "auth.no_matching_rule");
        assertProblem(
                api.get("/api/v1/me", github.token(AUDIENCE, FakeCiIssuer.github("acme/app", "refs/tags/v1"))),
                401,
                "auth.no_matching_rule");
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        assertProblem(
                api.get(
                        "/api/v1/me",
                        github.token(github.issuer(), AUDIENCE, main, anHourAgo, anHourAgo.plusSeconds(600))),
                401,
                "auth.token_expired");
        assertProblem(
                api.get(
                        "/api/v1/me",
                        github.token(
                                "https://token.actions.githubusercontent.com",
                                AUDIENCE,
                                main,
                                Instant.now(),
                                Instant.now().plusSeconds(600))),
                401,
                "auth.unknown_issuer");
        // the right issuer's name on a token signed with another key
        assertProblem(
                api.get(
                        "/api/v1/me",
                        circleci.token(
                                github.issuer(),
                                AUDIENCE,
                                main,
                                Instant.now(),
                                Instant.now().plusSeconds(600))),
                401,
                "auth.token_invalid");
    }

    @Test
    void aPipelineBooksAndReleasesASlotWithOnlyItsCiToken() {
        String token = github.token(AUDIENCE, FakeCiIssuer.github("acme/app", "refs/heads/main"));
        String key = UUID.randomUUID().toString();
        Map<String, Object> claim = Map.of("duration", "PT1H", "purpose", "e2e run 4711");

        HttpResponse<String> claimed = postWithKey("/api/v1/environments/" + environment + "/claim", token, claim, key);
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(201);
        String booking = json(claimed).get("id").asString();
        assertThat(jdbc.queryForObject("select holder_id::text from booking where id = ?::uuid", String.class, booking))
                .isEqualTo(serviceAccountId);

        // the pipeline's retry after a lost answer books nothing more
        HttpResponse<String> retried = postWithKey("/api/v1/environments/" + environment + "/claim", token, claim, key);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retried.body()).isEqualTo(claimed.body());
        assertThat(jdbc.queryForObject(
                        "select count(*) from booking b join shared_environment e on e.id = b.environment_id "
                                + "where e.slug = ?",
                        Long.class,
                        environment))
                .isEqualTo(1L);

        HttpResponse<String> released = api.post("/api/v1/bookings/" + booking + "/release", token, "{}");
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(json(released).get("status").asString()).isEqualTo("RELEASED");
    }

    @Test
    void anIssuerNoLongerTrustedIsUnknownAtOnce() {
        FakeCiIssuer gitlab = new FakeCiIssuer("/gitlab");
        try {
            String id = json(api.post(
                            "/api/v1/ci-issuers",
                            adam,
                            Map.of("name", "GitLab (fake)", "issuer", gitlab.issuer(), "audience", AUDIENCE)))
                    .get("id")
                    .asString();
            api.post(
                    "/api/v1/ci-issuers/" + id + "/rules",
                    adam,
                    Map.of("claims", Map.of("project_path", "acme/app"), "serviceAccount", serviceAccountId));
            String token = gitlab.token(AUDIENCE, Map.of("sub", "project_path:acme/app", "project_path", "acme/app"));
            assertThat(api.get("/api/v1/me", token).statusCode()).isEqualTo(200);

            api.send(HttpRequest.newBuilder(api.uri("/api/v1/ci-issuers/" + id)).DELETE(), adam);

            assertProblem(api.get("/api/v1/me", token), 401, "auth.unknown_issuer");
        } finally {
            gitlab.close();
        }
    }

    // --- Idempotency-Key ---

    @Test
    void theSameKeyWithAnotherBodyIs422AndChangesNothing() {
        String key = UUID.randomUUID().toString();
        assertThat(postWithKey("/api/v1/tokens", alice, Map.of("name", "first", "lifetime", "PT1H"), key)
                        .statusCode())
                .isEqualTo(201);
        long before = jdbc.queryForObject("select count(*) from api_token", Long.class);

        assertProblem(
                postWithKey("/api/v1/tokens", alice, Map.of("name", "second", "lifetime", "PT1H"), key),
                422,
                "idempotency.key_reused");
        assertThat(jdbc.queryForObject("select count(*) from api_token", Long.class))
                .isEqualTo(before);
    }

    @Test
    void aDuplicateWhileTheFirstStillRunsIs409() {
        String key = UUID.randomUUID().toString();
        String me = json(api.get("/api/v1/me", alice)).get("id").asString();
        // the first request has claimed the key and not answered yet
        jdbc.update(
                "insert into api_idempotency_key (principal, key, request_hash, created_at, expires_at) "
                        + "values (?, ?, 'running', now(), now() + interval '1 day')",
                "user:" + me,
                key);

        HttpResponse<String> duplicate =
                postWithKey("/api/v1/tokens", alice, Map.of("name", "dup", "lifetime", "PT1H"), key);

        assertProblem(duplicate, 409, "idempotency.in_progress");
        assertThat(duplicate.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void keysAreKeptPerCaller() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("name", "same key " + key, "lifetime", "PT1H");
        String aliceToken = json(postWithKey("/api/v1/tokens", alice, body, key))
                .get("token")
                .asString();
        HttpResponse<String> adams = postWithKey("/api/v1/tokens", adam, body, key);

        assertThat(adams.statusCode()).isEqualTo(201);
        assertThat(adams.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(json(adams).get("token").asString()).isNotEqualTo(aliceToken);
    }

    @Test
    void anUnusableKeyIs400() {
        assertProblem(
                postWithKey("/api/v1/tokens", alice, Map.of("name", "x", "lifetime", "PT1H"), "x".repeat(256)),
                400,
                "idempotency.invalid_key");
    }

    // --- limits and paging ---

    @Test
    void aCallerOverTheLimitGets429WithRetryAfter() {
        String token = json(api.post("/api/v1/tokens", alice, Map.of("name", "busy loop", "lifetime", "PT1H")))
                .get("token")
                .asString();
        int ok = 0;
        HttpResponse<String> response = api.get("/api/v1/me", token);
        while (response.statusCode() == 200 && ok < 100) {
            ok++;
            response = api.get("/api/v1/me", token);
        }

        assertThat(ok).isEqualTo(60);
        assertProblem(response, 429, "rate_limit.exceeded");
        long retryAfter =
                Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        // per token: the owner's other credentials are not affected
        assertThat(api.get("/api/v1/me", alice).statusCode()).isEqualTo(200);
    }

    @Test
    void listsPageWithATotalAndNextLinksPastFiveHundred() {
        String owner = json(api.post(
                        "/api/v1/service-accounts",
                        adam,
                        Map.of("name", "Many tokens " + environment, "roles", List.of("FIELD_ENGINEER"))))
                .get("id")
                .asString();
        jdbc.update("""
                insert into api_token (id, owner_id, name, hint, token_hash, roles, created_by, created_at, expires_at)
                select gen_random_uuid(), ?::uuid, 'bulk ' || n, 'abcdefgh', md5(n::text || ?) || md5(?|| n::text),
                       array['FIELD_ENGINEER'], ?::uuid, now() - n * interval '1 second', now() + interval '1 day'
                from generate_series(1, 1234) n""", owner, owner, owner, owner);

        Set<String> seen = new HashSet<>();
        String next = "/api/v1/service-accounts/" + owner + "/tokens?limit=500";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = api.get(next, adam);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue("1234");
            json(page).forEach(t -> seen.add(t.get("id").asString()));
            next = page.headers()
                    .firstValue("Link")
                    .map(link -> link.replaceFirst("^<([^>]+)>; rel=\"next\"$", "$1"))
                    .orElse(null);
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(1234);
        assertProblem(
                api.get("/api/v1/service-accounts/" + owner + "/tokens?limit=501", adam), 400, "validation.failed");
    }

    @Test
    void sandboxRequestsPageThroughMoreThan1200RowsInTheDatabase() {
        String me = json(api.get("/api/v1/me", alice)).get("id").asString();
        String suffix = environment.substring("pipeline-".length());
        jdbc.update(
                "insert into organisation (id, slug, name, created_at, updated_at) values (gen_random_uuid(), ?, ?, "
                        + "now(), now())",
                "paging-" + suffix,
                "Paging " + suffix);
        jdbc.update("""
                insert into sandbox_template (id, slug, name, description, default_lifetime_hours, max_lifetime_hours,
                                              organisation_quota, created_at, updated_at)
                values (gen_random_uuid(), ?, ?, 'many requests', 24, 72, 1000, now(), now())""", "paging-" + suffix, "Paging " + suffix);
        jdbc.update("""
                insert into sandbox (id, name, template_id, region_code, organisation_id, requested_by, requested_at,
                                     lifetime_hours, use_case, status, created_at, updated_at)
                select gen_random_uuid(), 'page-' || ? || '-' || n, t.id, 'emea', o.id, ?::uuid,
                       now() - n * interval '1 minute', 24, 'paging', 'REQUESTED', now(), now()
                from generate_series(1, 1210) n, sandbox_template t, organisation o
                where t.slug = ? and o.slug = ?""", suffix, me, "paging-" + suffix, "paging-" + suffix);
        long total = jdbc.queryForObject("select count(*) from sandbox", Long.class);
        assertThat(total).isGreaterThanOrEqualTo(1210L);

        List<String> names = new ArrayList<>();
        String next = "/api/v1/sandbox-requests?limit=500";
        while (next != null) {
            HttpResponse<String> page = api.get(next, alice);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue(String.valueOf(total));
            json(page).forEach(r -> names.add(r.get("name").asString()));
            next = page.headers()
                    .firstValue("Link")
                    .map(link -> link.replaceFirst("^<([^>]+)>; rel=\"next\"$", "$1"))
                    .orElse(null);
        }

        assertThat(names).hasSize((int) total).doesNotHaveDuplicates();
        // newest first, across page boundaries
        List<String> ours =
                names.stream().filter(n -> n.startsWith("page-" + suffix + "-")).toList();
        assertThat(ours).hasSize(1210);
        assertThat(ours.get(0)).isEqualTo("page-" + suffix + "-1");
        assertThat(ours.get(1209)).isEqualTo("page-" + suffix + "-1210");
    }

    private HttpResponse<String> postWithKey(String path, String token, Map<String, ?> body, String key) {
        return api.send(
                HttpRequest.newBuilder(api.uri(path))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(body))),
                token);
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in " + items);
    }

    private static String hashOf(String token) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
