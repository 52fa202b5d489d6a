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
                "regional-provisioning-policy.json");
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
    void theWorkersTrustPolicyNamesTheChartsServiceAccount() throws IOException {
        String account = RenderedChart.render(t -> t.withName("demo-portal")).one(ServiceAccount.class, "-worker")
                .getMetadata().getName();

        String trust = Files.readString(AWS.resolve("worker-trust-policy.json"));
        assertThat(trust).contains("\"system:serviceaccount:demo-portal:" + account + "\"")
                .contains("sts:AssumeRoleWithWebIdentity").contains(":aud\": \"sts.amazonaws.com\"");
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
