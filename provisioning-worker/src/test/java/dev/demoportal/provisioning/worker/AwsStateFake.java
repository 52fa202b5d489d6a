package dev.demoportal.provisioning.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful FAKE of the AWS calls the aws driver and the kubernetes driver's secret store make, on
 * WireMock, in their real wire protocols (the same shapes as the stubs of
 * {@code AwsDriverWireMockTest} and {@code AwsLeftoversWireMockTest}): Route 53 (REST-XML: list
 * and change record sets of one zone), IAM (Query: get, create, delete, list roles and their tags;
 * no policies), STS AssumeRole, EKS DescribeCluster of one cluster, Secrets Manager (JSON: get,
 * create, describe, delete, list by tag). What is created can be found and deleted again, so a
 * teardown and its receipt check something. It checks no signature and no IAM permission, and
 * returns every record of the zone to a listing (the driver filters by name).
 */
final class AwsStateFake implements ResponseDefinitionTransformerV2, AutoCloseable {

    static final String ZONE = "Z0TESTZONE";
    static final String ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/ABC123";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCOUNT = "123456789012";

    private final WireMockServer server;
    /** Route 53 records: name (with the final dot) to value. */
    final Map<String, String> records = new ConcurrentSkipListMap<>();
    /** IAM roles: name to tags. */
    final Map<String, Map<String, String>> roles = new ConcurrentSkipListMap<>();
    /** Secrets Manager: name to (value, tags). */
    final Map<String, ObjectNode> secrets = new ConcurrentSkipListMap<>();

    AwsStateFake() {
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(getName())));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String getName() {
        return "aws-state-fake";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String path = request.getUrl().replaceFirst("\\?.*$", "");
        String target = request.getHeader("X-Amz-Target");
        if (path.startsWith("/2013-04-01/hostedzone/" + ZONE + "/rrset")) {
            return request.getMethod().getName().equals("GET") ? listRecords() : changeRecords(request);
        }
        if (path.startsWith("/clusters/")) {
            return json(200, """
                    {"cluster": {"name": "demo-emea", "arn": "arn:aws:eks:eu-west-1:%s:cluster/demo-emea",
                      "endpoint": "https://ABC123.gr7.eu-west-1.eks.amazonaws.com", "status": "ACTIVE",
                      "certificateAuthority": {"data": "LS0tLS1CRUdJTi1URVNULUNBLS0tLS0="},
                      "identity": {"oidc": {"issuer": "https://%s"}}}}""".formatted(ACCOUNT, ISSUER), "application/json");
        }
        if (target != null && target.startsWith("secretsmanager.")) {
            return secretsManager(
                    target.substring("secretsmanager.".length()), JSON.readTree(request.getBodyAsString()));
        }
        Map<String, String> form = form(request.getBodyAsString());
        return query(form.getOrDefault("Action", ""), form);
    }

    private ResponseDefinition listRecords() {
        StringBuilder sets = new StringBuilder();
        records.forEach((name, value) -> sets.append("""
                <ResourceRecordSet><Name>%s</Name><Type>CNAME</Type><TTL>60</TTL>
                  <ResourceRecords><ResourceRecord><Value>%s</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>""".formatted(name, value)));
        return xml(200, """
                <ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                  <ResourceRecordSets>%s</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems>
                </ListResourceRecordSetsResponse>""".formatted(sets));
    }

    private ResponseDefinition changeRecords(Request request) {
        String body = request.getBodyAsString();
        String action = first(body, "<Action>([A-Z]+)</Action>");
        String name = first(body, "<Name>([^<]+)</Name>");
        name = name.endsWith(".") ? name : name + ".";
        if (action.equals("DELETE")) {
            records.remove(name);
        } else {
            records.put(name, first(body, "<Value>([^<]+)</Value>"));
        }
        return xml(200, """
                <ChangeResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                  <ChangeInfo><Id>/change/C0TEST</Id><Status>PENDING</Status><SubmittedAt>2026-03-02T09:00:00Z</SubmittedAt></ChangeInfo>
                </ChangeResourceRecordSetsResponse>""");
    }

    private ResponseDefinition query(String action, Map<String, String> form) {
        String role = form.get("RoleName");
        return switch (action) {
            case "AssumeRole" -> xml(200, """
                    <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
                      <Credentials><AccessKeyId>ASIATESTONLY</AccessKeyId><SecretAccessKey>assumed-test-secret</SecretAccessKey>
                        <SessionToken>assumed-test-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
                      <AssumedRoleUser><AssumedRoleId>AROATEST:worker</AssumedRoleId>
                        <Arn>arn:aws:sts::%s:assumed-role/demoportal-provisioning/worker</Arn></AssumedRoleUser>
                    </AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>""".formatted(ACCOUNT));
            case "GetRole" -> roles.containsKey(role) ? roleXml("GetRole", role, form) : noSuchEntity(role);
            case "CreateRole" -> {
                Map<String, String> tags = new LinkedHashMap<>();
                for (int i = 1; form.containsKey("Tags.member." + i + ".Key"); i++) {
                    tags.put(form.get("Tags.member." + i + ".Key"), form.get("Tags.member." + i + ".Value"));
                }
                roles.put(role, tags);
                yield roleXml("CreateRole", role, form);
            }
            case "ListAttachedRolePolicies" -> roles.containsKey(role) ? xml(200, """
                            <ListAttachedRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                              <ListAttachedRolePoliciesResult><AttachedPolicies/><IsTruncated>false</IsTruncated></ListAttachedRolePoliciesResult>
                              <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListAttachedRolePoliciesResponse>""") : noSuchEntity(role);
            case "ListRolePolicies" -> xml(200, """
                    <ListRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                      <ListRolePoliciesResult><PolicyNames/><IsTruncated>false</IsTruncated></ListRolePoliciesResult>
                      <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListRolePoliciesResponse>""");
            case "DeleteRole" -> {
                if (roles.remove(role) == null) {
                    yield noSuchEntity(role);
                }
                yield xml(200, """
                        <DeleteRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                          <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteRoleResponse>""");
            }
            case "ListRoles" -> {
                StringBuilder members = new StringBuilder();
                roles.keySet().forEach(name -> members.append("""
                        <member><Path>/</Path><RoleName>%1$s</RoleName><RoleId>AROA%1$s</RoleId>
                          <Arn>arn:aws:iam::%2$s:role/%1$s</Arn><CreateDate>2026-03-02T09:00:00Z</CreateDate></member>""".formatted(name, ACCOUNT)));
                yield xml(200, """
                        <ListRolesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRolesResult>
                          <IsTruncated>false</IsTruncated><Roles>%s</Roles></ListRolesResult>
                          <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListRolesResponse>""".formatted(members));
            }
            case "ListRoleTags" -> {
                if (!roles.containsKey(role)) {
                    yield noSuchEntity(role);
                }
                StringBuilder tags = new StringBuilder();
                roles.get(role)
                        .forEach(
                                (k, v) -> tags.append("<member><Key>" + k + "</Key><Value>" + v + "</Value></member>"));
                yield xml(200, """
                        <ListRoleTagsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRoleTagsResult>
                          <IsTruncated>false</IsTruncated><Tags>%s</Tags></ListRoleTagsResult>
                          <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListRoleTagsResponse>""".formatted(tags));
            }
            default -> xml(400, """
                    <ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>%s</Message></Error>
                    <RequestId>r</RequestId></ErrorResponse>""".formatted(action));
        };
    }

    private ResponseDefinition roleXml(String wrapper, String role, Map<String, String> form) {
        String trust = form.getOrDefault("AssumeRolePolicyDocument", "{}");
        return xml(
                200, """
                <%1$sResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><%1$sResult><Role>
                  <Path>/</Path><RoleName>%2$s</RoleName><RoleId>AROATESTROLE</RoleId>
                  <Arn>arn:aws:iam::%3$s:role/%2$s</Arn><CreateDate>2026-03-02T09:00:00Z</CreateDate>
                  <AssumeRolePolicyDocument>%4$s</AssumeRolePolicyDocument>
                </Role></%1$sResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></%1$sResponse>""".formatted(wrapper, role, ACCOUNT, java.net.URLEncoder.encode(trust, StandardCharsets.UTF_8)));
    }

    private ResponseDefinition secretsManager(String operation, JsonNode body) {
        String id = body.path("SecretId").asString(body.path("Name").asString(""));
        ObjectNode secret = secrets.get(id);
        switch (operation) {
            case "GetSecretValue" -> {
                if (secret == null) {
                    return notFound();
                }
                return json(
                        200,
                        JSON.createObjectNode()
                                .put("ARN", arn(id))
                                .put("Name", id)
                                .put("SecretString", secret.path("SecretString").asString())
                                .toString(),
                        "application/x-amz-json-1.1");
            }
            case "CreateSecret" -> {
                ObjectNode stored = JSON.createObjectNode();
                stored.put("Name", id);
                stored.put("ARN", arn(id));
                stored.put("SecretString", body.path("SecretString").asString());
                stored.set("Tags", body.path("Tags"));
                secrets.put(id, stored);
                return json(
                        200,
                        JSON.createObjectNode()
                                .put("ARN", arn(id))
                                .put("Name", id)
                                .toString(),
                        "application/x-amz-json-1.1");
            }
            case "DescribeSecret" -> {
                if (secret == null) {
                    return notFound();
                }
                ObjectNode out = JSON.createObjectNode().put("ARN", arn(id)).put("Name", id);
                out.set("Tags", secret.path("Tags"));
                return json(200, out.toString(), "application/x-amz-json-1.1");
            }
            case "DeleteSecret" -> {
                if (secrets.remove(id) == null) {
                    return notFound();
                }
                return json(
                        200,
                        JSON.createObjectNode()
                                .put("ARN", arn(id))
                                .put("Name", id)
                                .put("DeletionDate", 1772442000)
                                .toString(),
                        "application/x-amz-json-1.1");
            }
            case "ListSecrets" -> {
                ObjectNode out = JSON.createObjectNode();
                ArrayNode list = out.putArray("SecretList");
                secrets.values()
                        .forEach(s -> list.add(JSON.createObjectNode()
                                .put("ARN", s.path("ARN").asString())
                                .put("Name", s.path("Name").asString())
                                .set("Tags", s.path("Tags"))));
                return json(200, out.toString(), "application/x-amz-json-1.1");
            }
            default -> {
                return json(
                        400,
                        "{\"__type\": \"InvalidRequestException\", \"message\": \"" + operation + "\"}",
                        "application/x-amz-json-1.1");
            }
        }
    }

    private static String arn(String name) {
        return "arn:aws:secretsmanager:eu-west-1:" + ACCOUNT + ":secret:" + name + "-AbCdEf";
    }

    private static ResponseDefinition notFound() {
        return aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .withBody(
                        "{\"__type\": \"ResourceNotFoundException\", \"message\": \"Secrets Manager can't find the specified secret.\"}")
                .build();
    }

    private static ResponseDefinition noSuchEntity(String role) {
        return xml(404, """
                <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                  <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name %s cannot be found.</Message></Error>
                  <RequestId>r</RequestId></ErrorResponse>""".formatted(role));
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "";
    }

    private static Map<String, String> form(String body) {
        if (body.isBlank() || body.startsWith("{") || body.startsWith("<")) {
            return Map.of();
        }
        return Arrays.stream(body.split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(
                        p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8),
                        (a, b) -> b));
    }

    private static ResponseDefinition xml(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/xml")
                .withBody(body)
                .build();
    }

    private static ResponseDefinition json(int status, String body, String type) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", type)
                .withBody(body)
                .build();
    }

    List<String> everything() {
        return java.util.stream.Stream.of(
                        records.keySet().stream().map(r -> "route53:" + r),
                        roles.keySet().stream().map(r -> "iam:" + r),
                        secrets.keySet().stream().map(s -> "secretsmanager:" + s))
                .flatMap(s -> s)
                .toList();
    }
}
