package dev.demoportal.sandbox;

import dev.demoportal.base.SecretSealer;
import org.springframework.stereotype.Component;

/**
 * Lends the sandbox secrets' keyset to other features through {@link SecretSealer}, so the portal
 * has one set of keys, one KMS set-up and one rotation procedure. Their rows are not re-encrypted
 * by {@link SecretReencryptionService}: an old key stays in the keyset until they are re-sealed.
 */
@Component
class SandboxKeyringSealer implements SecretSealer {

    private final SandboxKeyring keyring;

    SandboxKeyringSealer(SandboxKeyring keyring) {
        this.keyring = keyring;
    }

    @Override
    public byte[] seal(String associated, String plain) {
        return keyring.encrypt(associated, plain).ciphertext();
    }

    @Override
    public String open(String associated, byte[] ciphertext) {
        return keyring.decrypt(associated, ciphertext, SandboxKeyring.keyId(ciphertext));
    }
}
