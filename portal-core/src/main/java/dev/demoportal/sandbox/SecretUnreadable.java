package dev.demoportal.sandbox;

/**
 * A stored sandbox secret does not decrypt: its key left the keyset, the legacy key is missing, or
 * the ciphertext was altered or moved to another row (it is bound to its sandbox and name).
 */
class SecretUnreadable extends IllegalStateException {

    SecretUnreadable(String message) {
        super(message);
    }
}
