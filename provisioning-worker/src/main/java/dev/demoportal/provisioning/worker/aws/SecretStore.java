package dev.demoportal.provisioning.worker.aws;

import dev.demoportal.provisioning.SandboxSpec;
import java.util.Optional;

/**
 * Where sandbox secrets live, outside the cluster: the namespace only holds a reference. Idempotent
 * like the steps: creating finds an existing secret and returns its value.
 */
public interface SecretStore {

    /** A stored secret: its reference (ARN or path) and its value. */
    record StoredSecret(String reference, String value) {}

    /** Returns the secret named for the sandbox, creating it with {@code newValue} if absent. */
    StoredSecret ensure(SandboxSpec spec, String key, String newValue);

    /** Deletes it; returns false when it was already gone. */
    boolean delete(SandboxSpec spec, String key);

    Optional<String> find(SandboxSpec spec, String key);
}
