package io.fidelis.app.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request: {@code Fidelis-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} where the MAC
 * is over {@code <t>.<body>} with the webhook's secret. The receiver recomputes it, compares in constant time, and
 * rejects old timestamps (replays).
 */
public final class WebhookSignature {
    private WebhookSignature() {
    }

    public static String hmac(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header's value. */
    public static String header(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp, body);
    }

    /** Whether a header is a valid signature of the body within {@code toleranceSeconds} of {@code now}. */
    public static boolean verify(String header, String secret, String body, long now, long toleranceSeconds) {
        if (header == null) {
            return false;
        }
        long t = -1;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t < 0 || v1 == null || Math.abs(now - t) > toleranceSeconds) {
            return false;
        }
        return MessageDigest.isEqual(v1.getBytes(StandardCharsets.US_ASCII), hmac(secret, t, body)
                .getBytes(StandardCharsets.US_ASCII));
    }
}
