package dev.demoportal.booking.worker;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.demoportal.booking.SlotResetService;
import dev.demoportal.provisioning.SlotResetDriver;
import dev.demoportal.provisioning.worker.ProvisioningProperties;
import dev.demoportal.provisioning.worker.aws.AwsDrivers;
import dev.demoportal.provisioning.worker.kubernetes.EksClusterConnections;
import dev.demoportal.provisioning.worker.kubernetes.KubernetesResetDriver;
import dev.demoportal.provisioning.worker.simulated.SimulatedCloud;
import dev.demoportal.provisioning.worker.simulated.SimulatedResetDriver;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The slot-reset work of the booking feature. Its driver follows the access leases' driver
 * ({@code portal.provisioning.drivers.access}): reset Jobs run where the slots' namespaces are.
 */
@Configuration(proxyBeanMethods = false)
class SlotResetConfiguration {

    @Bean
    SlotResetDriver slotResetDriver(ProvisioningProperties properties, SimulatedCloud cloud, Clock clock) {
        return switch (properties.drivers().access()) {
            case "kubernetes" -> {
                EksClusterConnections[] connections = new EksClusterConnections[1];
                yield KubernetesResetDriver.overEks(() -> {
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
            default -> new SimulatedResetDriver(cloud);
        };
    }

    @Bean
    SlotResetWork slotResetWork(SlotResetService resets, ObjectProvider<SlotResetDriver> driver) {
        return new SlotResetWork(resets, driver);
    }

    @Bean
    RecurringTask<Void> slotResets(SlotResetWork work) {
        return work.task();
    }
}
