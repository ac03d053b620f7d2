package io.fidelis.app.suggestion;

import java.time.Instant;

import io.fidelis.app.shared.BusinessRuleException;

/**
 * A customer's suggestion, a record of its own (seed 003: "customer opinions are the source of enterprise
 * innovation"): who, from where, what they said, the product (SKU) or category it is about, the language they wrote
 * in (the one they are answered in), and the improvement item it is grouped into, if it is yet.
 */
public final class Suggestion {
    static final int MAX_TEXT = 2000;
    private final Long id;
    private final long customerId;
    private final SuggestionSource source;
    private final String sourceRef;
    private final String text;
    private final String sku;
    private final String category;
    private final String language;
    private Long itemId;
    private final Instant receivedAt;
    private final String createdBy;
    private final long version;

    Suggestion(Long id, long customerId, SuggestionSource source, String sourceRef, String text, String sku,
               String category, String language, Long itemId, Instant receivedAt, String createdBy, long version) {
        this.id = id;
        this.customerId = customerId;
        this.source = source;
        this.sourceRef = sourceRef;
        this.text = text;
        this.sku = sku;
        this.category = category;
        this.language = language;
        this.itemId = itemId;
        this.receivedAt = receivedAt;
        this.createdBy = createdBy;
        this.version = version;
    }

    /** A new suggestion, not yet grouped; refuses an empty or overlong text, or one about nothing. */
    static Suggestion receive(long customerId, SuggestionSource source, String sourceRef, String text, String sku,
                              String category, String language, Instant at, String by) {
        String t = text == null ? "" : text.strip();
        if (t.length() < 3) {
            throw new BusinessRuleException("text", "write what the customer suggests (at least 3 characters)");
        }
        if (t.length() > MAX_TEXT) {
            throw new BusinessRuleException("text", "a suggestion is at most " + MAX_TEXT + " characters");
        }
        String s = blankToNull(sku, 100, "sku");
        String c = blankToNull(category, 100, "category");
        if (s == null && c == null) {
            throw new BusinessRuleException("category", "say which product or category the suggestion is about");
        }
        String lang = language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("zh") ? "zh-CN"
                : "en";
        return new Suggestion(null, customerId, source, sourceRef, t, s, c, lang, null, at, by, 0);
    }

    private static String blankToNull(String s, int max, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        if (s.strip().length() > max) {
            throw new BusinessRuleException(field, field + " is at most " + max + " characters");
        }
        return s.strip();
    }

    /** Groups it into an item (or moves it to another). */
    void groupInto(long item) {
        this.itemId = item;
    }

    public Long id() {
        return id;
    }

    public long customerId() {
        return customerId;
    }

    public SuggestionSource source() {
        return source;
    }

    public String sourceRef() {
        return sourceRef;
    }

    public String text() {
        return text;
    }

    public String sku() {
        return sku;
    }

    public String category() {
        return category;
    }

    public String language() {
        return language;
    }

    public Long itemId() {
        return itemId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public long version() {
        return version;
    }
}
