package dev.demoportal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The IAM documents in {@code deploy/aws}: valid policy JSON, no wildcard permissions, and a trust
 * policy that names the service account the chart actually creates.
 */
class AwsPoliciesTest {

    private static final Path AWS = Path.of("aws");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPolicyIsValidJsonWithoutWildcardPermissions() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(AWS)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("worker-trust-policy.json",
                "worker-global-layer-policy.json", "regional-provisioning-trust-policy.json",
                "regional-provisioning-policy.json", "portal-trust-policy.json", "portal-policy.json");
        for (Path file : files) {
            JsonNode policy = JSON.readTree(file.toFile());
            assertThat(policy.path("Version").asText()).as(file.toString()).isEqualTo("2012-10-17");
            for (JsonNode statement : policy.path("Statement")) {
                if (!statement.path("Effect").asText().equals("Allow")) {
                    continue;
                }
                assertThat(values(statement.path("Action"))).as(file + " " + statement.path("Sid").asText())
                        .isNotEmpty().noneMatch(action -> action.equals("*") || action.endsWith(":*"));
                if (statement.has("Resource")) {
                    assertThat(values(statement.path("Resource"))).as(file + " " + statement.path("Sid").asText())
                            .noneMatch(resource -> resource.equals("*"));
                }
            }
        }
    }

    @Test
    void eachTrustPolicyNamesTheChartsServiceAccountOfItsApp() throws IOException {
        RenderedChart chart = RenderedChart.render(t -> t.withName("demo-portal"));
        for (String app : List.of("worker", "portal")) {
            String account = chart.one(ServiceAccount.class, "-" + app).getMetadata().getName();

            String trust = Files.readString(AWS.resolve(app + "-trust-policy.json"));
            assertThat(trust).as(app).contains("\"system:serviceaccount:demo-portal:" + account + "\"")
                    .contains("sts:AssumeRoleWithWebIdentity").contains(":aud\": \"sts.amazonaws.com\"");
        }
    }

    @Test
    void bothAppsMayDecryptWithTheKeysetsKmsKeyAndThePortalNothingElse() throws IOException {
        String keyArn = Files.readString(RenderedChart.AWS_VALUES).lines().map(String::strip)
                .filter(line -> line.startsWith("kmsKeyUri: aws-kms://")).findFirst().orElseThrow()
                .substring("kmsKeyUri: aws-kms://".length());

        JsonNode portal = JSON.readTree(AWS.resolve("portal-policy.json").toFile());
        assertThat(portal.path("Statement")).hasSize(1);
        assertThat(values(portal.path("Statement").get(0).path("Action"))).containsExactly("kms:Decrypt");
        assertThat(values(portal.path("Statement").get(0).path("Resource"))).containsExactly(keyArn);
        JsonNode worker = JSON.readTree(AWS.resolve("worker-global-layer-policy.json").toFile());
        assertThat(worker.path("Statement")).anySatisfy(statement -> {
            assertThat(values(statement.path("Action"))).containsExactly("kms:Decrypt");
            assertThat(values(statement.path("Resource"))).containsExactly(keyArn);
        });
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isMissingNode()) {
            out.add(node.asText());
        }
        return out;
    }
}
