package dev.demoportal.provisioning.worker.aws;

import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LayerDriver;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import java.util.List;
import java.util.Map;

/**
 * The region-core layer on AWS: it creates nothing, it makes sure the region's cluster can be
 * reached (role assumed, cluster ACTIVE) and hands its facts to the platform steps.
 */
public class AwsRegionCoreDriver implements LayerDriver {

    private final RegionClusters clusters;

    public AwsRegionCoreDriver(RegionClusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public Layer layer() {
        return Layer.REGION_CORE;
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public StepResult apply(StepContext context) {
        if (!context.step().equals("cluster-access")) {
            throw StepFailure.permanent("the aws region-core driver has no step " + context.step(), null);
        }
        RegionClusters.ClusterInfo cluster = clusters.describe(context.spec());
        context.log()
                .accept("assumed " + clusters.settings(context.spec()).provisioningRoleArn() + "; cluster "
                        + cluster.name() + " is ACTIVE at " + cluster.endpoint());
        return StepResult.of(Map.of(
                "clusterName",
                cluster.name(),
                "clusterArn",
                cluster.arn(),
                "clusterEndpoint",
                cluster.endpoint(),
                "oidcIssuer",
                cluster.oidcIssuer()));
    }

    @Override
    public List<String> verifyGone(SandboxSpec spec) {
        return List.of("nothing: region-core is shared and creates nothing per sandbox");
    }
}
