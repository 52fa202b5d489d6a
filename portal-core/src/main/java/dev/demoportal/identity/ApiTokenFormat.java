package dev.demoportal.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * What an API token looks like: {@code dpt_}, 40 random base-62 characters (238 bits) and a
 * 6-character base-62 CRC-32 of them, the shape GitHub uses for its tokens. The prefix lets secret
 * scanners find a leaked token; the checksum lets them (and the portal) tell a real one from a
 * look-alike without asking the database.
 */
public final class ApiTokenFormat {

    public static final String PREFIX = "dpt_";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_LENGTH = 40;
    private static final int CHECKSUM_LENGTH = 6;
    /** How many random characters a list shows, to tell tokens apart; never enough to use one. */
    static final int HINT_LENGTH = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokenFormat() {}

    /** Whether an {@code Authorization: Bearer} value is meant to be an API token (and not a JWT). */
    public static boolean looksLikeApiToken(String bearer) {
        return bearer.startsWith(PREFIX);
    }

    static String generate() {
        StringBuilder random = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            random.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return PREFIX + random + checksum(random.toString());
    }

    /** Prefix, length, alphabet and checksum are right. */
    static boolean wellFormed(String token) {
        if (token.length() != PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH || !token.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < token.length(); i++) {
            if (ALPHABET.indexOf(token.charAt(i)) < 0) {
                return false;
            }
        }
        String random = token.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        return token.endsWith(checksum(random));
    }

    static String hint(String token) {
        return token.substring(PREFIX.length(), PREFIX.length() + HINT_LENGTH);
    }

    /** Hex SHA-256: enough for a token of 238 random bits, which no one can guess or brute-force. */
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checksum(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(out);
    }
}
