package dev.demoportal.sandbox;

/** A secret of a sandbox, decrypted for its owner organisation on demand. Never log it. */
public record RevealedSecret(String name, String value) {

    @Override
    public String toString() {
        return "RevealedSecret[name=" + name + ", value=<hidden>]";
    }
}
