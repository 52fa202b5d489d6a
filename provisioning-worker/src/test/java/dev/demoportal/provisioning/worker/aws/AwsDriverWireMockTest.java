package dev.demoportal.provisioning.worker.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The aws driver against WireMock stubs of the real wire protocols: Route 53 (REST-XML), IAM and
 * STS (Query), EKS (REST-JSON). Asserts the requests AWS would receive: the record, the role and
 * its trust policy, and that a re-run only looks. WireMock enforces no IAM permissions: that the
 * worker's role may do these calls is checked by the deployment's policy, not here.
 */
class AwsDriverWireMockTest {

    private static final String ZONE = "Z0TESTZONE";
    private static final String ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/ABC123";
    private static final UUID SANDBOX = UUID.fromString("6f1c2d3e-0000-4000-8000-000000000001");

    private WireMockServer aws;
    private AwsDrivers drivers;
    private final List<String> log = new ArrayList<>();

    private final SandboxSpec spec = new SandboxSpec(
            SANDBOX, "sb-acme-shop", "acme", "web-shop", "emea", "eu-west-1", "acme-sandbox-users", null, Map.of());

    @BeforeEach
    void start() {
        aws = new WireMockServer(wireMockConfig().dynamicPort());
        aws.start();
        // static credentials exist only in tests; the worker uses the default provider chain
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTONLY", "test-secret"));
        AwsSettings settings = new AwsSettings(
                ZONE,
                "sandbox.example.com",
                Duration.ofSeconds(60),
                "demoportal-sandbox-",
                "sandbox-workload",
                "demoportal/sandbox/",
                URI.create(aws.baseUrl()));
        drivers = new AwsDrivers(
                new AwsClients(credentials, URI.create(aws.baseUrl())),
                settings,
                Map.of(
                        "emea",
                        new RegionSettings(
                                "demo-emea",
                                "arn:aws:iam::123456789012:role/demoportal-provisioning",
                                "gateway",
                                "gw.emea.example.com")));
        stubStsAndEks();
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    private StepContext step(String name, JobKind kind) {
        return new StepContext(UUID.randomUUID(), kind, name, 1, spec, Map.of(), log::add);
    }

    private void stubStsAndEks() {
        aws.stubFor(post(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=AssumeRole"))
                .willReturn(xml(200, """
                        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <AssumeRoleResult>
                            <Credentials>
                              <AccessKeyId>ASIATESTONLY</AccessKeyId>
                              <SecretAccessKey>assumed-test-secret</SecretAccessKey>
                              <SessionToken>assumed-test-token</SessionToken>
                              <Expiration>2099-01-01T00:00:00Z</Expiration>
                            </Credentials>
                            <AssumedRoleUser>
                              <AssumedRoleId>AROATEST:demoportal-worker-emea</AssumedRoleId>
                              <Arn>arn:aws:sts::123456789012:assumed-role/demoportal-provisioning/demoportal-worker-emea</Arn>
                            </AssumedRoleUser>
                          </AssumeRoleResult>
                          <ResponseMetadata><RequestId>req-sts</RequestId></ResponseMetadata>
                        </AssumeRoleResponse>""")));
        aws.stubFor(get(urlPathEqualTo("/clusters/demo-emea"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"cluster": {"name": "demo-emea", "arn": "arn:aws:eks:eu-west-1:123456789012:cluster/demo-emea",
                          "endpoint": "https://ABC123.gr7.eu-west-1.eks.amazonaws.com", "status": "ACTIVE",
                          "certificateAuthority": {"data": "LS0tLS1CRUdJTi1URVNULUNBLS0tLS0="},
                          "identity": {"oidc": {"issuer": "https://%s"}}}}""".formatted(ISSUER))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/xml")
                .withBody(body);
    }

    private void stubRecordAbsent() {
        aws.stubFor(
                get(urlPathEqualTo("/2013-04-01/hostedzone/" + ZONE + "/rrset")).willReturn(xml(200, """
                <ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                  <ResourceRecordSets></ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>1</MaxItems>
                </ListResourceRecordSetsResponse>""")));
    }

    private void stubRecordPresent() {
        aws.stubFor(
                get(urlPathEqualTo("/2013-04-01/hostedzone/" + ZONE + "/rrset")).willReturn(xml(200, """
                <ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                  <ResourceRecordSets>
                    <ResourceRecordSet><Name>sb-acme-shop.sandbox.example.com.</Name><Type>CNAME</Type><TTL>60</TTL>
                      <ResourceRecords><ResourceRecord><Value>gw.emea.example.com</Value></ResourceRecord></ResourceRecords>
                    </ResourceRecordSet>
                  </ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>1</MaxItems>
                </ListResourceRecordSetsResponse>""")));
    }

    private void stubChangeAccepted() {
        aws.stubFor(post(urlPathMatching("/2013-04-01/hostedzone/" + ZONE + "/rrset/?"))
                .willReturn(xml(200, """
                <ChangeResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                  <ChangeInfo><Id>/change/C0TEST</Id><Status>PENDING</Status><SubmittedAt>2026-03-02T09:00:00Z</SubmittedAt></ChangeInfo>
                </ChangeResourceRecordSetsResponse>""")));
    }

    private void stubIam(String action, int status, String body) {
        aws.stubFor(post(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=" + action + "&"))
                .willReturn(xml(status, body)));
    }

    private static String roleXml(String wrapper, String trustPolicy) {
        return """
                <%1$sResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><%1$sResult><Role>
                  <Path>/</Path><RoleName>demoportal-sandbox-sb-acme-shop</RoleName><RoleId>AROATESTROLE</RoleId>
                  <Arn>arn:aws:iam::123456789012:role/demoportal-sandbox-sb-acme-shop</Arn>
                  <CreateDate>2026-03-02T09:00:00Z</CreateDate>
                  <AssumeRolePolicyDocument>%2$s</AssumeRolePolicyDocument>
                </Role></%1$sResult><ResponseMetadata><RequestId>req-iam</RequestId></ResponseMetadata></%1$sResponse>""".formatted(wrapper, URLEncoder.encode(trustPolicy, StandardCharsets.UTF_8));
    }

    private static String iamError(String code, String type) {
        return """
                <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                  <Error><Type>%s</Type><Code>%s</Code><Message>test message for %s</Message></Error>
                  <RequestId>req-err</RequestId></ErrorResponse>""".formatted(type, code, code);
    }

    private static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(
                        p -> p[0], p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
    }

    private List<LoggedRequest> iamCalls(String action) {
        return aws.findAll(postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action + "&")));
    }

    @Test
    void createsTheDnsRecordAndOnARerunOnlyLooks() {
        stubRecordAbsent();
        stubChangeAccepted();

        StepResult result = drivers.global().apply(step("dns-record", JobKind.PROVISION));

        assertThat(result.output())
                .containsEntry("hostName", "sb-acme-shop.sandbox.example.com")
                .containsEntry("accessUrl", "https://sb-acme-shop.sandbox.example.com/");
        List<LoggedRequest> changes =
                aws.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/" + ZONE + "/rrset/?")));
        assertThat(changes)
                .singleElement()
                .satisfies(change -> assertThat(change.getBodyAsString())
                        .contains("<Action>UPSERT</Action>")
                        .contains("<Name>sb-acme-shop.sandbox.example.com</Name>")
                        .contains("<Type>CNAME</Type>")
                        .contains("<TTL>60</TTL>")
                        .contains("<Value>gw.emea.example.com</Value>"));
        assertThat(aws.findAll(getRequestedFor(urlPathEqualTo("/2013-04-01/hostedzone/" + ZONE + "/rrset"))))
                .singleElement()
                .satisfies(list -> {
                    assertThat(list.queryParameter("name").firstValue()).isEqualTo("sb-acme-shop.sandbox.example.com");
                    assertThat(list.queryParameter("type").firstValue()).isEqualTo("CNAME");
                });

        aws.resetRequests();
        stubRecordPresent();
        drivers.global().apply(step("dns-record", JobKind.PROVISION));

        assertThat(aws.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/.*"))))
                .isEmpty();
        assertThat(log).last().asString().contains("already exists");
    }

    @Test
    void createsTheWorkloadRoleTrustingOnlyTheSandboxServiceAccountAndOnARerunOnlyLooks() {
        stubIam("GetRole", 404, iamError("NoSuchEntity", "Sender"));
        String[] trustSent = new String[1];
        stubIam("CreateRole", 200, roleXml("CreateRole", "{}"));

        StepResult result = drivers.global().apply(step("workload-role", JobKind.PROVISION));

        assertThat(result.output())
                .containsEntry("workloadRoleArn", "arn:aws:iam::123456789012:role/demoportal-sandbox-sb-acme-shop");
        Map<String, String> create = form(iamCalls("CreateRole").getFirst());
        assertThat(create)
                .containsEntry("RoleName", "demoportal-sandbox-sb-acme-shop")
                .containsEntry("Tags.member.1.Key", "demoportal:sandbox-id")
                .containsEntry("Tags.member.1.Value", SANDBOX.toString());
        trustSent[0] = create.get("AssumeRolePolicyDocument");
        JsonNode trust = JsonMapper.builder().build().readTree(trustSent[0]);
        JsonNode statement = trust.get("Statement").get(0);
        assertThat(statement.get("Effect").asString()).isEqualTo("Allow");
        assertThat(statement.get("Action").asString()).isEqualTo("sts:AssumeRoleWithWebIdentity");
        assertThat(statement.get("Principal").get("Federated").asString())
                .isEqualTo("arn:aws:iam::123456789012:oidc-provider/" + ISSUER);
        JsonNode condition = statement.get("Condition").get("StringEquals");
        assertThat(condition.get(ISSUER + ":sub").asString())
                .isEqualTo("system:serviceaccount:sb-acme-shop:sandbox-workload");
        assertThat(condition.get(ISSUER + ":aud").asString()).isEqualTo("sts.amazonaws.com");
        // the role's region was reached through the provisioning role
        assertThat(form(aws.findAll(
                                postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=AssumeRole&")))
                        .getFirst()))
                .containsEntry("RoleArn", "arn:aws:iam::123456789012:role/demoportal-provisioning");

        aws.resetRequests();
        stubIam("GetRole", 200, roleXml("GetRole", trustSent[0]));
        drivers.global().apply(step("workload-role", JobKind.PROVISION));

        assertThat(iamCalls("CreateRole")).isEmpty();
        assertThat(iamCalls("UpdateAssumeRolePolicy")).isEmpty();
        assertThat(iamCalls("GetRole")).hasSize(1);
    }

    @Test
    void tearsDownRecordAndRoleToleratingWhatIsAlreadyGoneThenVerifies() {
        stubRecordPresent();
        stubChangeAccepted();
        stubIam("ListAttachedRolePolicies", 200, """
                <ListAttachedRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                  <ListAttachedRolePoliciesResult><AttachedPolicies/><IsTruncated>false</IsTruncated></ListAttachedRolePoliciesResult>
                  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListAttachedRolePoliciesResponse>""");
        stubIam("ListRolePolicies", 200, """
                <ListRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                  <ListRolePoliciesResult><PolicyNames/><IsTruncated>false</IsTruncated></ListRolePoliciesResult>
                  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListRolePoliciesResponse>""");
        stubIam("DeleteRole", 200, """
                <DeleteRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteRoleResponse>""");

        drivers.global().apply(step("workload-role", JobKind.TEARDOWN));
        drivers.global().apply(step("dns-record", JobKind.TEARDOWN));

        assertThat(form(iamCalls("DeleteRole").getFirst()))
                .containsEntry("RoleName", "demoportal-sandbox-sb-acme-shop");
        assertThat(aws.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/" + ZONE + "/rrset/?"))))
                .singleElement()
                .satisfies(change -> assertThat(change.getBodyAsString())
                        .contains("<Action>DELETE</Action>")
                        .contains("<Value>gw.emea.example.com</Value>"));

        // a second teardown: both already gone, nothing is deleted, and verification passes
        aws.resetRequests();
        stubRecordAbsent();
        stubIam("ListAttachedRolePolicies", 404, iamError("NoSuchEntity", "Sender"));
        stubIam("GetRole", 404, iamError("NoSuchEntity", "Sender"));
        drivers.global().apply(step("workload-role", JobKind.TEARDOWN));
        drivers.global().apply(step("dns-record", JobKind.TEARDOWN));
        assertThat(iamCalls("DeleteRole")).isEmpty();
        assertThat(aws.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/.*"))))
                .isEmpty();
        assertThat(drivers.global().verifyGone(spec))
                .containsExactly(
                        "route53:" + ZONE + ":sb-acme-shop.sandbox.example.com CNAME",
                        "iam:role/demoportal-sandbox-sb-acme-shop");
    }

    @Test
    void verificationFailsWhileSomethingIsLeft() {
        stubRecordAbsent();
        stubIam("GetRole", 200, roleXml("GetRole", "{}"));

        assertThatThrownBy(() -> drivers.global().verifyGone(spec))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("IAM role demoportal-sandbox-sb-acme-shop is still present")
                .satisfies(e -> assertThat(((StepFailure) e).isTransient()).isTrue());
    }

    @Test
    void throttlingAndServerErrorsAreTransientAccessDeniedIsPermanent() {
        stubIam("GetRole", 400, iamError("Throttling", "Sender"));
        assertThatThrownBy(() -> drivers.global().apply(step("workload-role", JobKind.PROVISION)))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.isTransient()).isTrue());

        stubIam("GetRole", 503, iamError("ServiceUnavailable", "Receiver"));
        assertThatThrownBy(() -> drivers.global().apply(step("workload-role", JobKind.PROVISION)))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.isTransient()).isTrue());

        stubIam("GetRole", 403, iamError("AccessDenied", "Sender"));
        assertThatThrownBy(() -> drivers.global().apply(step("workload-role", JobKind.PROVISION)))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.isTransient()).isFalse();
                    assertThat(f.getMessage()).contains("AccessDenied");
                });
    }

    @Test
    void clusterAccessAssumesTheRegionRoleAndRequiresAnActiveCluster() {
        StepResult result = drivers.regionCore().apply(step("cluster-access", JobKind.PROVISION));

        assertThat(result.output())
                .containsEntry("clusterName", "demo-emea")
                .containsEntry("clusterEndpoint", "https://ABC123.gr7.eu-west-1.eks.amazonaws.com")
                .containsEntry("oidcIssuer", "https://" + ISSUER);
        // EKS was called with the assumed role's credentials, not the worker's own
        assertThat(aws.findAll(getRequestedFor(urlPathEqualTo("/clusters/demo-emea")))
                        .getFirst()
                        .getHeader("Authorization"))
                .contains("Credential=ASIATESTONLY/");

        aws.stubFor(get(urlPathEqualTo("/clusters/demo-emea"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"cluster": {"name": "demo-emea", "status": "UPDATING", "endpoint": "https://x",
                          "identity": {"oidc": {"issuer": "https://%s"}}}}""".formatted(ISSUER))));
        assertThatThrownBy(() -> drivers.regionCore().apply(step("cluster-access", JobKind.PROVISION)))
                .isInstanceOfSatisfying(
                        StepFailure.class, f -> assertThat(f.isTransient()).isTrue());

        aws.stubFor(get(urlPathEqualTo("/clusters/demo-emea"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                        .withBody("{\"message\": \"No cluster found for name: demo-emea.\"}")));
        assertThatThrownBy(() -> drivers.regionCore().apply(step("cluster-access", JobKind.PROVISION)))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.isTransient()).isFalse();
                    assertThat(f.getMessage()).contains("not found");
                });
    }

    @Test
    void anUnconfiguredRegionFailsPermanentlyWithTheSettingToFix() {
        SandboxSpec apj = new SandboxSpec(
                SANDBOX,
                "sb-acme-shop",
                "acme",
                "web-shop",
                "apj",
                "ap-southeast-2",
                "acme-sandbox-users",
                null,
                Map.of());

        assertThatThrownBy(() -> drivers.regionCore()
                        .apply(new StepContext(
                                UUID.randomUUID(), JobKind.PROVISION, "cluster-access", 1, apj, Map.of(), log::add)))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.isTransient()).isFalse();
                    assertThat(f.getMessage()).contains("portal.provisioning.regions.apj");
                });
    }
}
