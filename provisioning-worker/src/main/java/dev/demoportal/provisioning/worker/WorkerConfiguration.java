package dev.demoportal.provisioning.worker;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.demoportal.provisioning.AccessBindingDriver;
import dev.demoportal.provisioning.JobExecutionService;
import dev.demoportal.provisioning.Layer;
import dev.demoportal.provisioning.LayerDriver;
import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.SlotResetDriver;
import dev.demoportal.provisioning.worker.aws.AwsDrivers;
import dev.demoportal.provisioning.worker.kubernetes.EksClusterConnections;
import dev.demoportal.provisioning.worker.kubernetes.HelmChartRenderer;
import dev.demoportal.provisioning.worker.kubernetes.KubernetesAccessDriver;
import dev.demoportal.provisioning.worker.kubernetes.KubernetesPlatformDriver;
import dev.demoportal.provisioning.worker.kubernetes.KubernetesResetDriver;
import dev.demoportal.provisioning.worker.pipeline.PipelineDriver;
import dev.demoportal.provisioning.worker.pipeline.SecretReference;
import dev.demoportal.provisioning.worker.simulated.SimulatedAccessDriver;
import dev.demoportal.provisioning.worker.simulated.SimulatedCloud;
import dev.demoportal.provisioning.worker.simulated.SimulatedDriver;
import dev.demoportal.provisioning.worker.simulated.SimulatedResetDriver;
import dev.demoportal.provisioning.worker.vault.VaultConnections;
import dev.demoportal.provisioning.worker.vault.VaultPlatformDriver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Everything the worker adds to an application context, whether it runs alone
 * ({@link ProvisioningWorkerApplication}) or inside the portal ({@link EmbeddedWorkerAutoConfiguration}).
 * The job runner itself is db-scheduler, configured by its Spring Boot starter under
 * {@code db-scheduler.*}; the worker's own values for it (heartbeat, dead-worker detection,
 * claiming) come with this class, so the embedded worker runs as the standalone one does rather
 * than on db-scheduler's defaults. They have the lowest precedence: any configuration overrides them.
 * The features' recurring tasks live in their own packages ({@code booking.worker},
 * {@code sandbox.worker}, {@code usage.worker}) and are found by component scanning, so that the
 * worker's package depends on no feature that depends on provisioning.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WorkerProperties.class, ProvisioningProperties.class, RollbackProperties.class})
@PropertySource("classpath:provisioning-worker-scheduler.properties")
public class WorkerConfiguration {

    @Bean
    WorkerStatus workerStatus(ObjectProvider<Scheduler> scheduler) {
        return new WorkerStatus(scheduler);
    }

    /** What the simulated layers made, in the database shared by all workers (tests count side effects in it). */
    @Bean
    SimulatedCloud simulatedCloud(DataSource dataSource) {
        return new SimulatedCloud(dataSource);
    }

    /**
     * The driver of each layer, from {@code portal.provisioning.drivers.*}: simulated everywhere,
     * aws for global and region-core, kubernetes for region-platform (its secrets go to AWS Secrets
     * Manager), and pipeline for any layer (the team's CI pipeline, its token from the environment
     * or a mounted file). AWS clients are only built when a layer uses them.
     */
    @Bean
    LayerDrivers layerDrivers(ProvisioningProperties properties, SimulatedCloud cloud, Clock clock) {
        AwsDrivers[] aws = new AwsDrivers[1];
        Supplier<AwsDrivers> awsDrivers = () -> {
            if (aws[0] == null) {
                aws[0] = AwsDrivers.fromDefaultChain(properties.aws(), properties.regions());
            }
            return aws[0];
        };
        List<LayerDriver> drivers = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            String name = switch (layer) {
                case GLOBAL -> properties.drivers().global();
                case REGION_CORE -> properties.drivers().regionCore();
                case REGION_PLATFORM -> properties.drivers().regionPlatform();
            };
            LayerDriver driver = switch (name) {
                case "simulated" -> new SimulatedDriver(layer, cloud, properties.simulated());
                case "aws" ->
                    switch (layer) {
                        case GLOBAL -> awsDrivers.get().global();
                        case REGION_CORE -> awsDrivers.get().regionCore();
                        case REGION_PLATFORM -> null;
                    };
                case "kubernetes" ->
                    layer != Layer.REGION_PLATFORM
                            ? null
                            : withVault(
                                    new KubernetesPlatformDriver(
                                            new EksClusterConnections(
                                                    awsDrivers.get().clusters(), clock),
                                            awsDrivers.get().secretStore(),
                                            spec -> awsDrivers
                                                    .get()
                                                    .clusters()
                                                    .settings(spec)
                                                    .gatewayNamespace(),
                                            properties.aws().serviceAccount(),
                                            new HelmChartRenderer(),
                                            "sandbox-gateway",
                                            Duration.ofSeconds(5),
                                            clock),
                                    properties);
                case "pipeline" ->
                    new PipelineDriver(layer, properties.pipelines(), new SecretReference(System::getenv), clock);
                default -> null;
            };
            if (driver == null) {
                throw new IllegalStateException("Driver '" + name + "' cannot run layer " + layer.code()
                        + " (portal.provisioning.drivers." + layer.code() + "): global and region-core take simulated"
                        + " or aws, region-platform takes simulated or kubernetes, any layer takes pipeline");
            }
            drivers.add(driver);
        }
        return new LayerDrivers(drivers);
    }

    /**
     * The kubernetes driver with the Vault part of template contents, when any region has a Vault
     * ({@code portal.provisioning.vault.regions.*}); the worker logs in to it with Kubernetes auth.
     */
    private static LayerDriver withVault(KubernetesPlatformDriver platform, ProvisioningProperties properties) {
        if (properties.vault().regions().isEmpty()) {
            return platform;
        }
        return new VaultPlatformDriver(
                platform,
                VaultConnections.kubernetesAuth(properties.vault()),
                properties.vault().namePrefix(),
                properties.aws().serviceAccount());
    }

    /**
     * The driver of access-lease bindings, from {@code portal.provisioning.drivers.access}: the
     * simulated cloud, or RoleBindings on the region's EKS cluster (reached as the region-platform
     * layer reaches it).
     */
    @Bean
    AccessBindingDriver accessBindingDriver(ProvisioningProperties properties, SimulatedCloud cloud, Clock clock) {
        return switch (properties.drivers().access()) {
            case "simulated" -> new SimulatedAccessDriver(cloud);
            case "kubernetes" -> {
                EksClusterConnections[] connections = new EksClusterConnections[1];
                yield new KubernetesAccessDriver(binding -> {
                    synchronized (connections) {
                        if (connections[0] == null) {
                            connections[0] = new EksClusterConnections(
                                    AwsDrivers.fromDefaultChain(properties.aws(), properties.regions())
                                            .clusters(),
                                    clock);
                        }
                    }
                    // the connections are keyed by region; a lease is no sandbox, so only its region is given
                    return connections[0].clientFor(new SandboxSpec(
                            new UUID(0, 0),
                            binding.namespace(),
                            "",
                            "",
                            binding.regionCode(),
                            binding.awsRegion(),
                            "",
                            null,
                            Map.of()));
                });
            }
            default ->
                throw new IllegalStateException(
                        "Driver '" + properties.drivers().access()
                                + "' cannot run access leases (portal.provisioning.drivers.access): simulated or kubernetes");
        };
    }

    /**
     * The driver of slot resets: it follows {@code portal.provisioning.drivers.access}, as the
     * reset Jobs run in the slots' namespaces, where the access leases' bindings are.
     */
    @Bean
    SlotResetDriver slotResetDriver(ProvisioningProperties properties, SimulatedCloud cloud, Clock clock) {
        if (!"kubernetes".equals(properties.drivers().access())) {
            return new SimulatedResetDriver(cloud);
        }
        EksClusterConnections[] connections = new EksClusterConnections[1];
        return KubernetesResetDriver.overEks(() -> {
            synchronized (connections) {
                if (connections[0] == null) {
                    connections[0] = new EksClusterConnections(
                            AwsDrivers.fromDefaultChain(properties.aws(), properties.regions())
                                    .clusters(),
                            clock);
                }
                return connections[0];
            }
        });
    }

    @Bean
    JobMetrics jobMetrics(MeterRegistry registry, JobExecutionService executions, Clock clock) {
        return new JobMetrics(registry, executions, clock);
    }

    @Bean
    JobRunner jobRunner(
            JobExecutionService executions,
            LayerDrivers drivers,
            ProvisioningProperties properties,
            JobMetrics metrics,
            Clock clock,
            JobWakeUp wakeUp,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator,
            RollbackProperties rollback) {
        JobTracing tracing = new JobTracing(
                tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
        return new JobRunner(executions, drivers, properties, metrics, clock, wakeUp, tracing, rollback);
    }

    /**
     * The durable job task; db-scheduler's starter registers every Task bean. A dead execution (its
     * worker stopped heartbeating) is revived at once, and the runner resumes the job from its
     * first unfinished step.
     */
    @Bean
    CustomTask<Void> provisioningJobTask(JobRunner runner) {
        return Tasks.custom(PROVISIONING_JOB_TASK, Void.class)
                .onDeadExecutionRevive()
                .onFailureReschedule(FixedDelay.ofSeconds(30))
                .execute(runner::execute);
    }

    @Bean
    JobWakeUp jobWakeUp(
            DataSource dataSource,
            ObjectProvider<Scheduler> scheduler,
            Clock clock,
            ProvisioningProperties properties,
            ObjectProvider<WorkerChannel> channels) {
        return new JobWakeUp(
                dataSource,
                scheduler,
                clock,
                properties.wakeUpOnNotify(),
                channels.orderedStream().toList());
    }

    /** db-scheduler task name of provisioning jobs (its instance id is the job id); fixed by the contract. */
    public static final String PROVISIONING_JOB_TASK = "provisioning-job";
}
