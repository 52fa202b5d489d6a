package dev.demoportal.provisioning.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The aws driver against a moto server, when {@code DEMO_PORTAL_MOTO_ENDPOINT} names one (e.g.
 * {@code http://localhost:5000}); skipped otherwise. moto implements the APIs' behaviour (records
 * really appear and disappear, roles really exist) but, like WireMock, enforces no IAM policy.
 */
@EnabledIfEnvironmentVariable(named = "DEMO_PORTAL_MOTO_ENDPOINT", matches = ".+")
class AwsDriverMotoIT {

    @Test
    void provisionsRerunsAndTearsDownTheGlobalLayerOnMoto() {
        URI endpoint = URI.create(System.getenv("DEMO_PORTAL_MOTO_ENDPOINT"));
        // moto accepts any credentials; static ones exist only in tests
        AwsClients clients = new AwsClients(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")), endpoint);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String zone = clients.route53()
                .createHostedZone(r -> r.name("moto-" + suffix + ".example.com").callerReference(suffix))
                .hostedZone()
                .id()
                .replaceFirst("^/hostedzone/", "");
        String cluster = "moto-" + suffix;
        clients.eks("eu-west-1", clients.credentials())
                .createCluster(r -> r.name(cluster)
                        .roleArn("arn:aws:iam::123456789012:role/eks")
                        .resourcesVpcConfig(v -> v.subnetIds("subnet-1", "subnet-2")));
        AwsSettings settings = new AwsSettings(
                zone,
                "moto-" + suffix + ".example.com",
                Duration.ofSeconds(60),
                "demoportal-sandbox-",
                "sandbox-workload",
                "demoportal/sandbox/",
                endpoint);
        AwsDrivers drivers = new AwsDrivers(
                clients,
                settings,
                Map.of(
                        "emea",
                        new RegionSettings(
                                cluster,
                                "arn:aws:iam::123456789012:role/demoportal-provisioning",
                                "gateway",
                                "gw.example.com")));
        SandboxSpec spec = new SandboxSpec(
                UUID.randomUUID(),
                "sb-" + suffix,
                "acme",
                "web-shop",
                "emea",
                "eu-west-1",
                "acme-users",
                null,
                Map.of());
        List<String> log = new ArrayList<>();

        for (int run = 0; run < 2; run++) {
            drivers.regionCore()
                    .apply(new StepContext(
                            UUID.randomUUID(), JobKind.PROVISION, "cluster-access", 1, spec, Map.of(), log::add));
            drivers.global()
                    .apply(new StepContext(
                            UUID.randomUUID(), JobKind.PROVISION, "dns-record", 1, spec, Map.of(), log::add));
            drivers.global()
                    .apply(new StepContext(
                            UUID.randomUUID(), JobKind.PROVISION, "workload-role", 1, spec, Map.of(), log::add));
        }
        assertThat(log).anyMatch(line -> line.contains("already exists"));
        assertThat(clients.iam()
                        .getRole(r -> r.roleName("demoportal-sandbox-sb-" + suffix))
                        .role()
                        .arn())
                .isNotBlank();

        drivers.global()
                .apply(new StepContext(
                        UUID.randomUUID(), JobKind.TEARDOWN, "workload-role", 1, spec, Map.of(), log::add));
        drivers.global()
                .apply(new StepContext(UUID.randomUUID(), JobKind.TEARDOWN, "dns-record", 1, spec, Map.of(), log::add));

        assertThat(drivers.global().verifyGone(spec)).hasSize(2);
    }
}
