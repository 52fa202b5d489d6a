package dev.demoportal.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery: {@code v1=} and the lower-case hex HMAC-SHA256, keyed with
 * the endpoint's secret, of {@code timestamp + "." + body}, where {@code timestamp} is the
 * {@value #TIMESTAMP_HEADER} header (Unix seconds) and {@code body} the exact bytes received.
 * docs/operations/notifications.md shows a receiver verifying it.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-DemoPortal-Signature";
    public static final String TIMESTAMP_HEADER = "X-DemoPortal-Timestamp";
    public static final String DELIVERY_HEADER = "X-DemoPortal-Delivery";
    public static final String TYPE_HEADER = "X-DemoPortal-Event";

    private WebhookSignature() {}

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String secret, long timestamp, String body, String signature) {
        return MessageDigest.isEqual(
                sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
