package dev.demoportal.identity;

/** A new token and, this one time only, the token itself. */
public record CreatedApiToken(ApiTokenSummary view, String token) {

    @Override
    public String toString() {
        return "CreatedApiToken[" + view + ", token=<shown once>]";
    }
}
