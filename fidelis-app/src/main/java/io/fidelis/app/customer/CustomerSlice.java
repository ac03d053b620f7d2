package io.fidelis.app.customer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.fidelis.app.shared.InvalidInputException;

/** One page of the customers list, and where the next one starts ({@code null} at the end). */
public record CustomerSlice(List<CustomerRecord> items, Cursor next) {

    /** A keyset position: the sort key and id of the last row shown. Opaque to clients. */
    public record Cursor(String key, long id) {
        public String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((id + ":" + key)
                    .getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor decode(String token) {
            if (token == null || token.isBlank()) {
                return null;
            }
            try {
                String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int colon = s.indexOf(':');
                return new Cursor(s.substring(colon + 1), Long.parseLong(s.substring(0, colon)));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw new InvalidInputException("after", "not a position in this list; start from the first page");
            }
        }
    }
}
