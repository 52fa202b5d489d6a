package dev.demoportal.provisioning.worker.aws;

import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LayerDriver;
import dev.demoportal.provisioning.LeftoverScan;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The global layer on AWS: a Route 53 CNAME {@code <sandbox>.<base-domain>} pointing at the
 * region's gateway, and an IAM role for the sandbox's workloads that only the sandbox namespace's
 * service account can assume (through the region cluster's OIDC provider). Every step looks
 * before it writes: a re-run finds what the first run made and changes nothing.
 */
public class AwsGlobalDriver implements LayerDriver {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AwsClients clients;
    private final AwsSettings settings;
    private final RegionClusters clusters;

    public AwsGlobalDriver(AwsClients clients, AwsSettings settings, RegionClusters clusters) {
        this.clients = clients;
        this.settings = settings;
        this.clusters = clusters;
    }

    @Override
    public Layer layer() {
        return Layer.GLOBAL;
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public StepResult apply(StepContext context) {
        return switch (context.step()) {
            case "dns-record" -> context.tearingDown() ? deleteRecord(context) : ensureRecord(context);
            case "workload-role" -> context.tearingDown() ? deleteRole(context) : ensureRole(context);
            default -> throw StepFailure.permanent("the aws global driver has no step " + context.step(), null);
        };
    }

    /** The sandbox's host name. */
    String hostName(SandboxSpec spec) {
        return spec.name() + "." + settings.baseDomain();
    }

    String roleName(SandboxSpec spec) {
        return settings.rolePrefix() + spec.name();
    }

    private String zone() {
        if (settings.hostedZoneId() == null || settings.hostedZoneId().isBlank()) {
            throw StepFailure.permanent("portal.provisioning.aws.hosted-zone-id is not set", null);
        }
        return settings.hostedZoneId();
    }

    private Optional<ResourceRecordSet> findRecord(Route53Client route53, String host) {
        try {
            return route53
                    .listResourceRecordSets(r -> r.hostedZoneId(zone())
                            .startRecordName(host)
                            .startRecordType(RRType.CNAME)
                            .maxItems("1"))
                    .resourceRecordSets()
                    .stream()
                    .filter(rr -> sameName(rr.name(), host) && rr.type() == RRType.CNAME)
                    .findFirst();
        } catch (SdkException e) {
            throw AwsErrors.classify("looking up DNS record " + host, e);
        }
    }

    private StepResult ensureRecord(StepContext context) {
        SandboxSpec spec = context.spec();
        String host = hostName(spec);
        String target = clusters.settings(spec).gatewayHostname();
        if (target == null || target.isBlank()) {
            throw StepFailure.permanent(
                    "portal.provisioning.regions." + spec.regionCode() + ".gateway-hostname is not set", null);
        }
        Route53Client route53 = clients.route53();
        Optional<ResourceRecordSet> existing = findRecord(route53, host);
        Map<String, String> output =
                Map.of("hostName", host, "accessUrl", "https://" + host + "/", "dnsTarget", target);
        if (existing.isPresent()
                && existing.get().resourceRecords().stream().anyMatch(r -> sameName(r.value(), target))) {
            context.log().accept("DNS record " + host + " -> " + target + " already exists");
            return StepResult.of(output);
        }
        ResourceRecordSet record = ResourceRecordSet.builder()
                .name(host)
                .type(RRType.CNAME)
                .ttl(settings.recordTtl().toSeconds())
                .resourceRecords(ResourceRecord.builder().value(target).build())
                .build();
        try {
            var change = route53.changeResourceRecordSets(r -> r.hostedZoneId(zone())
                    .changeBatch(b -> b.comment("demo portal sandbox " + spec.sandboxId())
                            .changes(Change.builder()
                                    .action(ChangeAction.UPSERT)
                                    .resourceRecordSet(record)
                                    .build())));
            context.log()
                    .accept("DNS record " + host + " -> " + target + " upserted ("
                            + change.changeInfo().id() + ")");
        } catch (SdkException e) {
            throw AwsErrors.classify("writing DNS record " + host, e);
        }
        return StepResult.of(output);
    }

    private StepResult deleteRecord(StepContext context) {
        String host = hostName(context.spec());
        Route53Client route53 = clients.route53();
        Optional<ResourceRecordSet> existing = findRecord(route53, host);
        if (existing.isEmpty()) {
            context.log().accept("DNS record " + host + " already gone");
            return StepResult.of(Map.of("dnsRecord", "absent"));
        }
        try {
            route53.changeResourceRecordSets(r -> r.hostedZoneId(zone())
                    .changeBatch(b -> b.comment("demo portal sandbox teardown "
                                    + context.spec().sandboxId())
                            .changes(Change.builder()
                                    .action(ChangeAction.DELETE)
                                    .resourceRecordSet(existing.get())
                                    .build())));
            context.log().accept("DNS record " + host + " deleted");
        } catch (InvalidChangeBatchException e) {
            // deleted by someone else between the look-up and the delete: gone is what we wanted
            context.log()
                    .accept("DNS record " + host + " was already being deleted: "
                            + e.awsErrorDetails().errorMessage());
        } catch (SdkException e) {
            throw AwsErrors.classify("deleting DNS record " + host, e);
        }
        return StepResult.of(Map.of("dnsRecord", "deleted"));
    }

    /** The trust policy: only the sandbox namespace's service account, through the cluster's OIDC provider. */
    String trustPolicy(SandboxSpec spec, RegionClusters.ClusterInfo cluster) {
        String issuer = cluster.oidcIssuer().replaceFirst("^https://", "");
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put(issuer + ":sub", "system:serviceaccount:" + spec.name() + ":" + settings.serviceAccount());
        condition.put(issuer + ":aud", "sts.amazonaws.com");
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put(
                "Principal", Map.of("Federated", "arn:aws:iam::" + cluster.accountId() + ":oidc-provider/" + issuer));
        statement.put("Action", "sts:AssumeRoleWithWebIdentity");
        statement.put("Condition", Map.of("StringEquals", condition));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", List.of(statement));
        return JSON.writeValueAsString(policy);
    }

    private StepResult ensureRole(StepContext context) {
        SandboxSpec spec = context.spec();
        String roleName = roleName(spec);
        String trust = trustPolicy(spec, clusters.describe(spec));
        IamClient iam = clients.iam();
        Role role = getRole(iam, roleName).orElse(null);
        try {
            if (role == null) {
                try {
                    role = iam.createRole(r -> r.roleName(roleName)
                                    .assumeRolePolicyDocument(trust)
                                    .description("Workloads of demo portal sandbox " + spec.name())
                                    .tags(
                                            t -> t.key("demoportal:sandbox-id")
                                                    .value(spec.sandboxId().toString()),
                                            t -> t.key("demoportal:organisation")
                                                    .value(spec.organisationSlug())))
                            .role();
                    context.log().accept("IAM role " + roleName + " created");
                } catch (EntityAlreadyExistsException raced) {
                    role = getRole(iam, roleName)
                            .orElseThrow(() -> StepFailure.transientFailure(
                                    "IAM role " + roleName + " exists but cannot be read yet", raced));
                }
            } else if (!samePolicy(role.assumeRolePolicyDocument(), trust)) {
                iam.updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(trust));
                context.log().accept("IAM role " + roleName + " existed; trust policy brought up to date");
            } else {
                context.log().accept("IAM role " + roleName + " already exists");
            }
        } catch (SdkException e) {
            throw AwsErrors.classify("creating IAM role " + roleName, e);
        }
        return StepResult.of(Map.of("workloadRoleArn", role.arn()));
    }

    private StepResult deleteRole(StepContext context) {
        String roleName = roleName(context.spec());
        IamClient iam = clients.iam();
        try {
            // a role with policies cannot be deleted; the portal attaches none, but people might have
            for (var attached :
                    iam.listAttachedRolePolicies(r -> r.roleName(roleName)).attachedPolicies()) {
                iam.detachRolePolicy(r -> r.roleName(roleName).policyArn(attached.policyArn()));
            }
            for (String inline : iam.listRolePolicies(r -> r.roleName(roleName)).policyNames()) {
                iam.deleteRolePolicy(r -> r.roleName(roleName).policyName(inline));
            }
            iam.deleteRole(r -> r.roleName(roleName));
            context.log().accept("IAM role " + roleName + " deleted");
            return StepResult.of(Map.of("workloadRole", "deleted"));
        } catch (NoSuchEntityException e) {
            context.log().accept("IAM role " + roleName + " already gone");
            return StepResult.of(Map.of("workloadRole", "absent"));
        } catch (SdkException e) {
            throw AwsErrors.classify("deleting IAM role " + roleName, e);
        }
    }

    private Optional<Role> getRole(IamClient iam, String roleName) {
        try {
            return Optional.of(iam.getRole(r -> r.roleName(roleName)).role());
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.classify("reading IAM role " + roleName, e);
        }
    }

    @Override
    public List<String> verifyGone(SandboxSpec spec) {
        String host = hostName(spec);
        String roleName = roleName(spec);
        if (findRecord(clients.route53(), host).isPresent()) {
            throw StepFailure.transientFailure("DNS record " + host + " is still present", null);
        }
        if (getRole(clients.iam(), roleName).isPresent()) {
            throw StepFailure.transientFailure("IAM role " + roleName + " is still present", null);
        }
        return List.of("route53:" + zone() + ":" + host + " CNAME", "iam:role/" + roleName);
    }

    /**
     * Searches the account by the sandbox id: Route 53 records, IAM roles and Secrets Manager
     * secrets (made by the region-platform layer, but in the same account) the portal's names miss.
     */
    @Override
    public List<LeftoverScan> leftoverScans(SandboxSpec spec) {
        return AwsLeftovers.scan(clients, spec, zone(), hostName(spec));
    }

    /** IAM returns policy documents URL-encoded. */
    static boolean samePolicy(String fromIam, String wanted) {
        JsonNode actual = JSON.readTree(URLDecoder.decode(fromIam, StandardCharsets.UTF_8));
        return actual.equals(JSON.readTree(wanted));
    }

    private static boolean sameName(String a, String b) {
        return stripDot(a).equalsIgnoreCase(stripDot(b));
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
