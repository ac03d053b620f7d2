package io.fidelis.app.survey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Unguessable link tokens: 128 random bits from {@link SecureRandom}, URL-safe Base64 (22 characters). Only the
 * SHA-256 of an invitation's token is stored, so a copy of the database holds no usable invitation. A kiosk link is
 * public by design (printed on a receipt, shown on a tablet) and is stored as it is, so staff can show it again.
 */
final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    static String create() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a string has the shape of a token (so anything else is refused before touching the database). */
    static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{22}");
    }
}
