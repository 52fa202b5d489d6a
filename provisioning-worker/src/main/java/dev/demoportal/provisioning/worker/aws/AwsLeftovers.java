package dev.demoportal.provisioning.worker.aws;

import dev.demoportal.provisioning.LeftoverScan;
import dev.demoportal.provisioning.SandboxSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;

/**
 * The AWS part of the final "nothing left" check, beyond the names the drivers used: every Route 53
 * record of the hosted zone at or under the sandbox's host name or naming its id (a TXT record, a
 * wildcard, an ACME challenge someone added), every IAM role tagged with its id, and every Secrets
 * Manager secret of its region tagged with its id. Only reads: {@code route53:ListResourceRecordSets},
 * {@code iam:ListRoles}, {@code iam:ListRoleTags}, {@code secretsmanager:ListSecrets} (see
 * docs/operations/aws-permissions.md).
 */
final class AwsLeftovers {

    static final String TAG = "demoportal:sandbox-id";

    private AwsLeftovers() {}

    static List<LeftoverScan> scan(AwsClients clients, SandboxSpec spec, String hostedZoneId, String hostName) {
        String id = spec.sandboxId().toString();
        try {
            return List.of(
                    new LeftoverScan(
                            "Route 53 records of zone " + hostedZoneId + " at or under " + hostName + " or naming "
                                    + id,
                            records(clients.route53(), hostedZoneId, hostName, id)),
                    new LeftoverScan("IAM roles tagged " + TAG + "=" + id, roles(clients.iam(), id)),
                    new LeftoverScan(
                            "Secrets Manager secrets in " + spec.awsRegion() + " tagged " + TAG + "=" + id,
                            secrets(clients.secrets(spec.awsRegion()), id)));
        } catch (SdkException e) {
            throw AwsErrors.classify("searching for leftovers of sandbox " + spec.name(), e);
        }
    }

    private static List<String> records(Route53Client route53, String zone, String hostName, String id) {
        String host = hostName.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (ResourceRecordSet record : route53.listResourceRecordSetsPaginator(r -> r.hostedZoneId(zone))
                .resourceRecordSets()) {
            String name = stripDot(record.name().toLowerCase(Locale.ROOT)).replace("\\052", "*");
            boolean underHost = name.equals(host) || name.endsWith("." + host);
            boolean namesId = name.contains(id)
                    || record.resourceRecords().stream().anyMatch(v -> v.value().contains(id));
            if (underHost || namesId) {
                found.add(name + " " + record.typeAsString());
            }
        }
        return found;
    }

    /** ListRoles leaves tags out, so each role's tags are read on their own. */
    private static List<String> roles(IamClient iam, String id) {
        List<String> found = new ArrayList<>();
        for (Role role : iam.listRolesPaginator(r -> {}).roles()) {
            try {
                boolean tagged = iam.listRoleTags(r -> r.roleName(role.roleName())).tags().stream()
                        .anyMatch(t -> t.key().equals(TAG) && t.value().equals(id));
                if (tagged) {
                    found.add("iam:role/" + role.roleName());
                }
            } catch (NoSuchEntityException deletedMeanwhile) {
                // gone between the listing and the look at its tags: not left
            }
        }
        return found;
    }

    private static List<String> secrets(SecretsManagerClient secrets, String id) {
        return secrets
                .listSecretsPaginator(r -> r.filters(
                        f -> f.key(FilterNameStringType.TAG_KEY).values(TAG),
                        f -> f.key(FilterNameStringType.TAG_VALUE).values(id)))
                .stream()
                .flatMap(page -> page.secretList().stream())
                // the filters match key and value separately: keep only this pair
                .filter(s -> s.tags().stream()
                        .anyMatch(t -> t.key().equals(TAG) && t.value().equals(id)))
                .map(s -> "secretsmanager:" + s.name())
                .toList();
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
