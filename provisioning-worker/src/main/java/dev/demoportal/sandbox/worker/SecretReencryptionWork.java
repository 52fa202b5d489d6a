package dev.demoportal.sandbox.worker;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.demoportal.base.SystemTask;
import dev.demoportal.sandbox.SandboxKeyProperties;
import dev.demoportal.sandbox.SecretReencryptionService;
import dev.demoportal.sandbox.SecretReencryptionService.Reencryption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Key rotation's second half: once per cluster every {@code portal.sandbox.keys.reencryption-interval},
 * stored sandbox secrets not under the keyset's primary key (older keys, or the single key of
 * versions before the keyset) are re-encrypted to it. When it reports nothing left, the old key
 * can leave the keyset. While a rollout mixes replicas with the old and the new primary, a run on
 * an old replica moves rows back; the next run on a new one finishes the job (docs/operations/security.md#keys).
 */
@Configuration(proxyBeanMethods = false)
class SecretReencryptionWork {

    private static final Logger log = LoggerFactory.getLogger(SecretReencryptionWork.class);

    @Bean
    RecurringTask<Void> sandboxSecretReencryption(
            SecretReencryptionService reencryption, SandboxKeyProperties properties) {
        return Tasks.recurring("sandbox-secret-reencryption", FixedDelay.of(properties.reencryptionInterval()))
                .execute((instance, context) -> {
                    Reencryption run = SystemTask.run("key-rotation", List.of("ADMIN"), reencryption::reencrypt);
                    if (run.remaining() > 0) {
                        log.warn(
                                "{} sandbox secret(s) are not under the primary key {} and could not be moved "
                                        + "(their key is missing from the keyset, or the legacy key is not set)",
                                run.remaining(),
                                run.primaryKeyId());
                    }
                });
    }
}
