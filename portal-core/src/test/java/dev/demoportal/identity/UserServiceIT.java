package dev.demoportal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.demoportal.AuditRows;
import dev.demoportal.AuditRows.AuditRow;
import dev.demoportal.MutableClock;
import dev.demoportal.TestClockConfiguration;
import dev.demoportal.TestUsers;
import dev.demoportal.base.NotFound;
import dev.demoportal.testing.PortalDatabaseTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
@PortalDatabaseTest
@Import(TestClockConfiguration.class)
class UserServiceIT {

    private static final String ISSUER = "https://idp.example/realms/demo";

    @Autowired
    UserService users;

    @Autowired
    ClaimMapper claims;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    AuditRows audit;

    @Autowired
    void audit(JdbcTemplate jdbc) {
        this.audit = new AuditRows(jdbc);
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    private static String subject() {
        return "sub-" + UUID.randomUUID();
    }

    private static MappedIdentity identity(String subject, String email, Set<Role> roles, String organisation) {
        return new MappedIdentity(ISSUER, subject, email, "Person " + subject.substring(4, 10), roles, organisation);
    }

    private long userRows(String subject) {
        return jdbc.queryForObject(
                "select count(*) from portal_user where issuer = ? and subject = ?", Long.class, ISSUER, subject);
    }

    private Map<String, Object> userRow(UUID id) {
        return jdbc.queryForMap("""
                select email, display_name, array_to_string(roles, ',') as roles, organisation_id, created_at,
                       last_login_at, version
                from portal_user where id = ?""", id);
    }

    private Map<String, Object> organisationRow(UUID id) {
        return jdbc.queryForMap("select slug, name from organisation where id = ?", id);
    }

    private long organisations() {
        return jdbc.queryForObject("select count(*) from organisation", Long.class);
    }

    private UUID insertOrganisation(String slug, String name, String... domains) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.parse("2025-01-01T00:00:00Z"));
        jdbc.update(
                "insert into organisation (id, slug, name, created_at, updated_at) values (?, ?, ?, ?, ?)",
                id,
                slug,
                name,
                now,
                now);
        for (String domain : domains) {
            jdbc.update("insert into organisation_email_domain (domain, organisation_id) values (?, ?)", domain, id);
        }
        return id;
    }

    @Test
    void firstSignInCreatesTheUserAndRecordsTheSignIn() {
        String subject = subject();
        MappedIdentity ada = claims.map(
                ISSUER,
                Map.of(
                        "sub",
                        subject,
                        "name",
                        "Ada Lovelace",
                        "email",
                        "Ada@Example.com",
                        "groups",
                        List.of("field-engineers", "everyone")));

        UserAccount account = users.signIn(ada);

        assertThat(account.displayName()).isEqualTo("Ada Lovelace");
        assertThat(account.email()).isEqualTo("ada@example.com");
        assertThat(account.roles()).containsExactly(Role.FIELD_ENGINEER);
        assertThat(account.organisation()).isNull();
        assertThat(userRows(subject)).isEqualTo(1);
        Map<String, Object> row = userRow(account.id());
        assertThat(row)
                .containsEntry("email", "ada@example.com")
                .containsEntry("display_name", "Ada Lovelace")
                .containsEntry("roles", "FIELD_ENGINEER");
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo(TestClockConfiguration.START);

        List<AuditRow> trail = audit.about("user", account.id().toString());
        assertThat(trail).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("user.signed_in");
            assertThat(r.actorId()).isEqualTo(account.id());
            assertThat(r.actorName()).isEqualTo("Ada Lovelace");
            assertThat(r.occurredAt()).isEqualTo(clock.instant());
            assertThat(r.details()).containsEntry("firstTime", true).containsEntry("roles", List.of("FIELD_ENGINEER"));
        });
    }

    @Test
    void laterSignInTakesTheRolesTheIdpSendsNow() {
        String subject = subject();
        UserAccount first = users.signIn(identity(subject, "grace@example.com", Set.of(Role.FIELD_ENGINEER), null));
        clock.advance(Duration.ofDays(3));

        UserAccount second =
                users.signIn(identity(subject, "grace@example.com", Set.of(Role.MANAGER, Role.ADMIN), null));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.roles()).containsExactlyInAnyOrder(Role.MANAGER, Role.ADMIN);
        assertThat(userRows(subject)).isEqualTo(1);
        Map<String, Object> row = userRow(first.id());
        assertThat(row.get("roles")).isEqualTo("ADMIN,MANAGER");
        assertThat(((Timestamp) row.get("last_login_at")).toInstant()).isEqualTo(clock.instant());
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isBefore(clock.instant());

        List<AuditRow> trail = audit.about("user", first.id().toString());
        assertThat(trail).extracting(AuditRow::action).containsExactly("user.signed_in", "user.signed_in");
        assertThat(trail.get(1).details())
                .containsEntry("firstTime", false)
                .containsEntry("roles", List.of("ADMIN", "MANAGER"));
    }

    @Test
    void droppingEveryPortalGroupInTheIdpLocksTheUserOutAtNextSignIn() {
        String subject = subject();
        users.signIn(identity(subject, "henry@example.com", Set.of(Role.ADMIN), null));

        assertThatThrownBy(() -> users.signIn(identity(subject, "henry@example.com", Set.of(), null)))
                .isInstanceOfSatisfying(
                        SignInRefused.class, e -> assertThat(e.code()).isEqualTo("identity.no_role"));
    }

    @Test
    void customerNamingAnUnknownOrganisationCreatesIt() {
        long before = organisations();

        UserAccount alice =
                users.signIn(identity(subject(), "alice@acme.example", Set.of(Role.CUSTOMER), "Acme Widgets"));

        assertThat(alice.organisation()).isNotNull();
        assertThat(alice.organisation().name()).isEqualTo("Acme Widgets");
        assertThat(alice.organisation().slug()).isEqualTo("acme-widgets");
        assertThat(organisations()).isEqualTo(before + 1);
        assertThat(userRow(alice.id()).get("organisation_id"))
                .isEqualTo(alice.organisation().id());
        assertThat(audit.about("organisation", alice.organisation().id().toString()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.action()).isEqualTo("organisation.created");
                    assertThat(r.organisationId())
                            .isEqualTo(alice.organisation().id());
                    assertThat(r.actorId()).isNull();
                    assertThat(r.details())
                            .containsEntry("slug", "acme-widgets")
                            .containsEntry("name", "Acme Widgets");
                });
        assertThat(audit.about("user", alice.id().toString()))
                .singleElement()
                .satisfies(r -> assertThat(r.organisationId())
                        .isEqualTo(alice.organisation().id()));

        UserAccount bob = users.signIn(identity(subject(), "bob@acme.example", Set.of(Role.CUSTOMER), "ACME WIDGETS"));
        UserAccount carl =
                users.signIn(identity(subject(), "carl@acme.example", Set.of(Role.CUSTOMER), "acme-widgets"));

        assertThat(bob.organisation()).as("found by name, ignoring case").isEqualTo(alice.organisation());
        assertThat(carl.organisation()).as("found by slug").isEqualTo(alice.organisation());
        assertThat(organisations()).isEqualTo(before + 1);
    }

    @Test
    void accountsAndMembersNamesThePeopleAskedForFirstThenTheOrganisationsOthersOnce() {
        String org = "Members " + UUID.randomUUID().toString().substring(0, 8);
        UserAccount dana = users.signIn(identity(subject(), "dana@members.example", Set.of(Role.CUSTOMER), org));
        UserAccount eli = users.signIn(identity(subject(), "eli@members.example", Set.of(Role.CUSTOMER), org));
        UserAccount staff = users.signIn(identity(subject(), "fay@staff.example", Set.of(Role.FIELD_ENGINEER), null));
        UUID organisation = dana.organisation().id();

        assertThat(users.accountsAndMembers(List.of(eli.id()), organisation))
                .extracting(UserAccount::id)
                .as("the one asked for first, the other member after it, nobody twice")
                .containsExactly(eli.id(), dana.id());
        assertThat(users.accountsAndMembers(List.of(staff.id()), organisation))
                .extracting(UserAccount::id)
                .as("someone outside the organisation, then its members")
                .first()
                .isEqualTo(staff.id());
        assertThat(users.accountsAndMembers(List.of(staff.id()), organisation))
                .extracting(UserAccount::id)
                .containsExactlyInAnyOrder(staff.id(), dana.id(), eli.id());
        assertThat(users.accountsAndMembers(List.of(UUID.randomUUID()), organisation))
                .extracting(UserAccount::id)
                .as("an unknown id is left out")
                .containsExactlyInAnyOrder(dana.id(), eli.id());
    }

    @Test
    void organisationNamedWithAccentsGetsAnAsciiSlug() {
        UserAccount customer =
                users.signIn(identity(subject(), "eve@sg.example", Set.of(Role.CUSTOMER), "Société Générale"));

        assertThat(organisationRow(customer.organisation().id()))
                .containsEntry("slug", "societe-generale")
                .containsEntry("name", "Société Générale");
    }

    @Test
    void organisationsWhoseNamesDifferOnlyInPunctuationAreOne() {
        UserAccount first =
                users.signIn(identity(subject(), "a@initech.example", Set.of(Role.CUSTOMER), "Initech, Inc."));

        UserAccount second =
                users.signIn(identity(subject(), "b@initech.example", Set.of(Role.CUSTOMER), "Initech Inc"));

        assertThat(second.organisation()).isEqualTo(first.organisation());
    }

    @Test
    void customerIsPlacedByAnOrganisationsEmailDomain() {
        UUID globex = insertOrganisation("globex", "Globex Corporation", "globex.example");
        long organisationsBefore = organisations();

        UserAccount customer = users.signIn(identity(subject(), "hank@globex.example", Set.of(Role.CUSTOMER), null));

        assertThat(customer.organisation()).isEqualTo(new OrganisationRef(globex, "globex", "Globex Corporation"));
        assertThat(userRow(customer.id()).get("organisation_id")).isEqualTo(globex);
        assertThat(organisations()).isEqualTo(organisationsBefore);
        assertThat(audit.about("organisation", globex.toString())).isEmpty();
    }

    @Test
    void organisationClaimWinsOverEmailDomain() {
        insertOrganisation("umbrella", "Umbrella", "umbrella.example");

        UserAccount customer =
                users.signIn(identity(subject(), "ada@umbrella.example", Set.of(Role.CUSTOMER), "Umbrella Research"));

        assertThat(customer.organisation().name()).isEqualTo("Umbrella Research");
    }

    @Test
    void customerIsPlacedByAConfiguredEmailDomain() {
        UserAccount first = users.signIn(identity(subject(), "ivy@partner.example", Set.of(Role.CUSTOMER), null));
        UserAccount second = users.signIn(identity(subject(), "jon@partner.example", Set.of(Role.CUSTOMER), null));

        assertThat(first.organisation()).isNotNull();
        assertThat(first.organisation().name()).isEqualTo("Partner Corp");
        assertThat(first.organisation().slug()).isEqualTo("partner-corp");
        assertThat(second.organisation()).isEqualTo(first.organisation());
        assertThat(audit.about("organisation", first.organisation().id().toString()))
                .singleElement()
                .satisfies(r -> assertThat(r.details()).containsEntry("reason", "e-mail domain partner.example"));
    }

    @Test
    void anUnverifiedAddressIsNotPlacedByItsDomain() {
        insertOrganisation("hooli", "Hooli", "hooli.example");
        String fromDatabase = subject();
        String fromConfiguration = subject();

        assertThatThrownBy(() -> users.signIn(new MappedIdentity(
                        ISSUER, fromDatabase, "gavin@hooli.example", false, "Gavin", Set.of(Role.CUSTOMER), null)))
                .isInstanceOfSatisfying(
                        SignInRefused.class, e -> assertThat(e.code()).isEqualTo("identity.email_unverified"));
        assertThatThrownBy(() -> users.signIn(new MappedIdentity(
                        ISSUER, fromConfiguration, "ivy@partner.example", false, "Ivy", Set.of(Role.CUSTOMER), null)))
                .isInstanceOfSatisfying(
                        SignInRefused.class, e -> assertThat(e.code()).isEqualTo("identity.email_unverified"));

        assertThat(userRows(fromDatabase)).isZero();
        assertThat(userRows(fromConfiguration)).isZero();
    }

    @Test
    void anUnverifiedAddressDoesNotMatterWhenTheProviderNamesTheOrganisation() {
        UserAccount customer = users.signIn(new MappedIdentity(
                ISSUER, subject(), "erlich@aviato.example", false, "Erlich", Set.of(Role.CUSTOMER), "Aviato"));

        assertThat(customer.organisation().name()).isEqualTo("Aviato");
    }

    @Test
    void customerWithoutOrganisationIsRefusedAndNotStored() {
        String subject = subject();
        long organisationsBefore = organisations();
        long auditBefore = audit.count();

        assertThatThrownBy(() -> users.signIn(identity(subject, "kim@nowhere.example", Set.of(Role.CUSTOMER), null)))
                .isInstanceOfSatisfying(
                        SignInRefused.class, e -> assertThat(e.code()).isEqualTo("identity.no_organisation"));

        assertThat(userRows(subject)).isZero();
        assertThat(organisations()).isEqualTo(organisationsBefore);
        assertThat(audit.count()).isEqualTo(auditBefore);
    }

    @Test
    void customerWithoutEmailOrOrganisationIsRefused() {
        String subject = subject();

        assertThatThrownBy(() -> users.signIn(identity(subject, null, Set.of(Role.CUSTOMER), null)))
                .isInstanceOfSatisfying(
                        SignInRefused.class, e -> assertThat(e.code()).isEqualTo("identity.no_organisation"));
        assertThat(userRows(subject)).isZero();
    }

    @Test
    void someoneWithoutAPortalRoleIsRefusedAndNotStored() {
        String subject = subject();
        long auditBefore = audit.count();

        assertThatThrownBy(() -> users.signIn(identity(subject, "lee@example.com", Set.of(), null)))
                .isInstanceOfSatisfying(
                        SignInRefused.class, e -> assertThat(e.code()).isEqualTo("identity.no_role"));

        assertThat(userRows(subject)).isZero();
        assertThat(audit.count()).isEqualTo(auditBefore);
    }

    @Test
    void customerWhoIsAlsoStaffIsRefused() {
        String subject = subject();

        assertThatThrownBy(() -> users.signIn(identity(
                        subject, "max@acme.example", Set.of(Role.CUSTOMER, Role.FIELD_ENGINEER), "Acme Widgets")))
                .isInstanceOfSatisfying(
                        SignInRefused.class, e -> assertThat(e.code()).isEqualTo("identity.mixed_roles"));

        assertThat(userRows(subject)).isZero();
    }

    @Test
    void bearerTokenOfAnUnchangedUserWritesNothing() {
        String subject = subject();
        MappedIdentity nina = identity(subject, "nina@acme.example", Set.of(Role.CUSTOMER), "Acme Widgets");
        UserAccount signedIn = users.signIn(nina);
        Map<String, Object> rowBefore = userRow(signedIn.id());
        long auditBefore = audit.count();
        clock.advance(Duration.ofMinutes(5));

        UserAccount resolved = users.resolveBearer(nina);

        assertThat(resolved).isEqualTo(signedIn);
        assertThat(audit.count()).isEqualTo(auditBefore);
        assertThat(userRow(signedIn.id()))
                .as("not even last_login_at or version move")
                .isEqualTo(rowBefore);
    }

    @Test
    void bearerTokenWithNewFactsUpdatesTheUserAndRecordsTheChange() {
        String subject = subject();
        UserAccount signedIn = users.signIn(identity(subject, "olga@example.com", Set.of(Role.FIELD_ENGINEER), null));

        UserAccount resolved = users.resolveBearer(identity(subject, "olga@example.com", Set.of(Role.MANAGER), null));

        assertThat(resolved.roles()).containsExactly(Role.MANAGER);
        assertThat(userRow(signedIn.id()).get("roles")).isEqualTo("MANAGER");
        assertThat(audit.about("user", signedIn.id().toString()))
                .extracting(AuditRow::action)
                .containsExactly("user.signed_in", "user.profile_changed");
    }

    @Test
    void bearerTokenOfAnUnknownUserCreatesThemWithoutASignIn() {
        String subject = subject();

        UserAccount resolved = users.resolveBearer(identity(subject, "pat@example.com", Set.of(Role.MANAGER), null));

        assertThat(userRows(subject)).isEqualTo(1);
        assertThat(audit.about("user", resolved.id().toString()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.action()).isEqualTo("user.profile_changed");
                    assertThat(r.details()).containsEntry("firstTime", true);
                });
    }

    @Test
    void meIsTheSignedInUserFreshFromTheDatabase() {
        String subject = subject();
        UserAccount account =
                users.signIn(identity(subject, "quinn@acme.example", Set.of(Role.CUSTOMER), "Acme Widgets"));
        TestUsers.signInAs(account.id(), account.displayName(), Role.CUSTOMER);
        users.signIn(identity(subject, "quinn.new@acme.example", Set.of(Role.CUSTOMER), "Acme Widgets"));

        UserAccount me = users.me();

        assertThat(me.id()).isEqualTo(account.id());
        assertThat(me.email()).isEqualTo("quinn.new@acme.example");
        assertThat(me.roles()).containsExactly(Role.CUSTOMER);
        assertThat(me.organisation()).isEqualTo(account.organisation());
    }

    @Test
    void meOfAUserWhoseRowIsGoneIsNotFound() {
        TestUsers.signInAs(UUID.randomUUID(), "Ghost", Role.MANAGER);

        assertThatThrownBy(() -> users.me())
                .isInstanceOfSatisfying(
                        NotFound.class, e -> assertThat(e.code()).isEqualTo("user.not_found"));
    }
}
