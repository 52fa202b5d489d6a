package dev.demoportal.provisioning.worker.aws;

import dev.demoportal.provisioning.SandboxSpec;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Sandbox secrets in AWS Secrets Manager, in the sandbox's AWS region, named {@code <prefix><sandbox>/<key>}. */
public class AwsSecretStore implements SecretStore {

    private final AwsClients clients;
    private final AwsSettings settings;

    public AwsSecretStore(AwsClients clients, AwsSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    String secretName(SandboxSpec spec, String key) {
        return settings.secretPrefix() + spec.name() + "/" + key;
    }

    @Override
    public StoredSecret ensure(SandboxSpec spec, String key, String newValue) {
        SecretsManagerClient client = clients.secrets(spec.awsRegion());
        String name = secretName(spec, key);
        try {
            var existing = client.getSecretValue(r -> r.secretId(name));
            return new StoredSecret(existing.arn(), existing.secretString());
        } catch (ResourceNotFoundException absent) {
            try {
                var created = client.createSecret(r -> r.name(name)
                        .secretString(newValue)
                        .description("demo portal sandbox " + spec.name())
                        .tags(t -> t.key("demoportal:sandbox-id")
                                .value(spec.sandboxId().toString())));
                return new StoredSecret(created.arn(), newValue);
            } catch (ResourceExistsException raced) {
                var existing = client.getSecretValue(r -> r.secretId(name));
                return new StoredSecret(existing.arn(), existing.secretString());
            } catch (SdkException e) {
                throw AwsErrors.classify("creating secret " + name, e);
            }
        } catch (SdkException e) {
            throw AwsErrors.classify("reading secret " + name, e);
        }
    }

    @Override
    public boolean delete(SandboxSpec spec, String key) {
        String name = secretName(spec, key);
        try {
            // no recovery window: a torn-down sandbox's secrets must be gone, not merely scheduled
            clients.secrets(spec.awsRegion()).deleteSecret(r -> r.secretId(name).forceDeleteWithoutRecovery(true));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw AwsErrors.classify("deleting secret " + name, e);
        }
    }

    @Override
    public Optional<String> find(SandboxSpec spec, String key) {
        String name = secretName(spec, key);
        try {
            var described = clients.secrets(spec.awsRegion()).describeSecret(r -> r.secretId(name));
            return described.deletedDate() == null ? Optional.of(described.arn()) : Optional.empty();
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.classify("describing secret " + name, e);
        }
    }
}
