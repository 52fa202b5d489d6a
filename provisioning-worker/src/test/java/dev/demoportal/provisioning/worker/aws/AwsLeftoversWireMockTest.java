package dev.demoportal.provisioning.worker.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.demoportal.provisioning.LeftoverScan;
import dev.demoportal.provisioning.SandboxSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The aws driver's leftover scans against WireMock fakes of the real wire protocols: Route 53
 * ListResourceRecordSets (REST-XML), IAM ListRoles and ListRoleTags (Query), Secrets Manager
 * ListSecrets (JSON). What carries the sandbox id, or sits under its host name, is found under
 * names the portal never used; what belongs to others is not. WireMock enforces no IAM: that the
 * worker's policy allows these reads is checked by AwsPoliciesTest.
 */
class AwsLeftoversWireMockTest {

    private static final String ZONE = "Z0TESTZONE";
    private static final UUID SANDBOX = UUID.fromString("6f1c2d3e-0000-4000-8000-000000000002");

    private WireMockServer aws;
    private AwsDrivers drivers;
    private final SandboxSpec spec = new SandboxSpec(
            SANDBOX, "sb-acme-shop", "acme", "web-shop", "emea", "eu-west-1", "acme-sandbox-users", null, Map.of());

    @BeforeEach
    void start() {
        aws = new WireMockServer(wireMockConfig().dynamicPort());
        aws.start();
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
    }

    @AfterEach
    void stop() {
        aws.stop();
    }

    @Test
    void findsRecordsRolesAndSecretsOfTheSandboxUnderNamesThePortalNeverUsed() {
        stubRecords("""
                <ResourceRecordSet><Name>_acme-challenge.sb-acme-shop.sandbox.example.com.</Name><Type>TXT</Type><TTL>60</TTL>
                  <ResourceRecords><ResourceRecord><Value>"token"</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>
                <ResourceRecordSet><Name>legacy.sandbox.example.com.</Name><Type>TXT</Type><TTL>60</TTL>
                  <ResourceRecords><ResourceRecord><Value>"sandbox=%s"</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>
                <ResourceRecordSet><Name>sb-acme-shop2.sandbox.example.com.</Name><Type>CNAME</Type><TTL>60</TTL>
                  <ResourceRecords><ResourceRecord><Value>gw.emea.example.com</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>""".formatted(SANDBOX));
        stubRoles("hand-made-debug-role", "someone-elses-role");
        stubRoleTags("hand-made-debug-role", SANDBOX.toString());
        stubRoleTags("someone-elses-role", UUID.randomUUID().toString());
        stubSecrets("""
                {"SecretList": [
                  {"ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:manual/db-AbCdEf", "Name": "manual/db",
                   "Tags": [{"Key": "demoportal:sandbox-id", "Value": "%s"}]},
                  {"ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:other-AbCdEf", "Name": "other",
                   "Tags": [{"Key": "demoportal:sandbox-id", "Value": "not-this-one"}, {"Key": "x", "Value": "%s"}]}
                ]}""".formatted(SANDBOX, SANDBOX));

        List<LeftoverScan> scans = drivers.global().leftoverScans(spec);

        assertThat(scans)
                .extracting(LeftoverScan::found)
                .containsExactly(
                        List.of(
                                "_acme-challenge.sb-acme-shop.sandbox.example.com TXT",
                                "legacy.sandbox.example.com TXT"),
                        List.of("iam:role/hand-made-debug-role"),
                        List.of("secretsmanager:manual/db"));
        assertThat(scans).extracting(LeftoverScan::what).allMatch(what -> what.contains(SANDBOX.toString()));
        // secrets are searched by tag in the sandbox's region, not listed whole
        assertThat(aws.findAll(postRequestedFor(urlPathEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("secretsmanager.ListSecrets"))))
                .singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString())
                        .contains("tag-key", "demoportal:sandbox-id", "tag-value", SANDBOX.toString()));
    }

    @Test
    void findsNothingWhenNothingIsLeft() {
        stubRecords("""
                <ResourceRecordSet><Name>other.sandbox.example.com.</Name><Type>CNAME</Type><TTL>60</TTL>
                  <ResourceRecords><ResourceRecord><Value>gw.emea.example.com</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>""");
        stubRoles();
        stubSecrets("{\"SecretList\": []}");

        assertThat(drivers.global().leftoverScans(spec))
                .allSatisfy(scan -> assertThat(scan.found()).isEmpty());
    }

    private void stubRecords(String records) {
        aws.stubFor(get(urlPathMatching("/2013-04-01/hostedzone/" + ZONE + "/rrset/?"))
                .willReturn(xml("""
                        <ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                          <ResourceRecordSets>%s</ResourceRecordSets>
                          <IsTruncated>false</IsTruncated><MaxItems>300</MaxItems>
                        </ListResourceRecordSetsResponse>""".formatted(records))));
    }

    private void stubRoles(String... names) {
        StringBuilder roles = new StringBuilder();
        for (String name : names) {
            roles.append("""
                    <member><Path>/</Path><RoleName>%1$s</RoleName><RoleId>AROA%1$s</RoleId>
                      <Arn>arn:aws:iam::123456789012:role/%1$s</Arn><CreateDate>2026-03-02T09:00:00Z</CreateDate></member>""".formatted(name));
        }
        aws.stubFor(post(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=ListRoles&"))
                .willReturn(xml("""
                        <ListRolesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRolesResult>
                          <IsTruncated>false</IsTruncated><Roles>%s</Roles></ListRolesResult>
                          <ResponseMetadata><RequestId>req-roles</RequestId></ResponseMetadata></ListRolesResponse>""".formatted(roles))));
    }

    private void stubRoleTags(String role, String sandboxId) {
        aws.stubFor(post(urlPathEqualTo("/"))
                .withRequestBody(containing("Action=ListRoleTags&"))
                .withRequestBody(containing("RoleName=" + role))
                .willReturn(xml("""
                        <ListRoleTagsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRoleTagsResult>
                          <IsTruncated>false</IsTruncated>
                          <Tags><member><Key>demoportal:sandbox-id</Key><Value>%s</Value></member></Tags>
                        </ListRoleTagsResult><ResponseMetadata><RequestId>req-tags</RequestId></ResponseMetadata>
                        </ListRoleTagsResponse>""".formatted(sandboxId))));
    }

    private void stubSecrets(String body) {
        aws.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.ListSecrets"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body)));
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/xml")
                .withBody(body);
    }
}
