package dev.demoportal.sandbox;

/**
 * The keys that encrypt sandbox secrets cannot be loaded or used (missing keyset, KMS refusing,
 * malformed configuration): nothing is stored or revealed, and the pod reports itself not ready.
 * The message tells the operator what to fix and never carries key material.
 */
class SandboxKeysUnavailable extends IllegalStateException {

    SandboxKeysUnavailable(String message) {
        super(message);
    }
}
