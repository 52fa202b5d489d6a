package dev.demoportal.base;

/**
 * Seals small secrets at rest with the portal's keyset (Tink, with key ids and rotation), for
 * features that keep a secret they must use again later (a webhook's signing secret). The
 * associated data binds a ciphertext to its row: moved elsewhere, it does not open.
 */
public interface SecretSealer {

    byte[] seal(String associated, String plain);

    String open(String associated, byte[] ciphertext);
}
