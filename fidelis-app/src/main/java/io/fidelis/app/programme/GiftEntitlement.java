package io.fidelis.app.programme;

import java.time.Instant;
import java.util.Objects;

import io.fidelis.app.shared.BusinessRuleException;

/**
 * A gift a member is entitled to: from a "buy N, get a gift" rule on one of their orders, or for a referral they
 * made. It starts pending; staff hand it over, or a return takes the order below the rule and reduces it (to nothing:
 * cancelled). A gift handed over stays handed over. Its moves are its own methods, each returning the new state.
 *
 * @param id         the row's id (0 before it is stored)
 * @param customerId the member
 * @param source     the order id, or {@code referral:<customer id>}
 * @param rule       the rule's name ({@code referral} for a referral)
 * @param gift       what is given
 * @param quantity   how many
 * @param reason     why, in words
 * @param status     where it stands
 * @param createdAt  when it was earned
 * @param settledAt  when it was handed over or cancelled
 * @param settledBy  who did it ({@code system} for a return)
 * @param note       what was said when it was settled
 * @param version    for optimistic locking
 */
public record GiftEntitlement(long id, long customerId, String source, String rule, String gift, int quantity,
                              String reason, Status status, Instant createdAt, Instant settledAt, String settledBy,
                              String note, long version) {

    /** Where a gift stands. */
    public enum Status { PENDING, HANDED_OVER, CANCELLED }

    public GiftEntitlement {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(gift, "gift");
        Objects.requireNonNull(status, "status");
        if (quantity < 0) {
            throw new IllegalArgumentException("a gift's quantity is 0 or more, got " + quantity);
        }
    }

    /** A new pending gift. */
    static GiftEntitlement earned(long customerId, String source, String rule, String gift, int quantity,
                                  String reason, Instant at) {
        if (quantity < 1) {
            throw new IllegalArgumentException("a gift is earned at least once, got " + quantity);
        }
        return new GiftEntitlement(0, customerId, source, rule, gift, quantity, reason, Status.PENDING, at, null,
                null, null, 0);
    }

    /** Staff give the gift to the member. */
    GiftEntitlement handOver(String by, Instant at, String what) {
        if (status != Status.PENDING) {
            throw new BusinessRuleException("gift", "the gift " + gift + " is " + words(status) + " already");
        }
        if (what != null && what.length() > 500) {
            throw new BusinessRuleException("note", "a note has at most 500 characters");
        }
        return new GiftEntitlement(id, customerId, source, rule, gift, quantity, reason, Status.HANDED_OVER,
                createdAt, at, by, what == null || what.isBlank() ? null : what.strip(), version);
    }

    /**
     * A return left the order qualifying for {@code qualifying} gifts: a pending gift is reduced to that, or cancelled
     * at 0; a gift handed over, or one still within what qualifies, is unchanged (the same instance).
     */
    GiftEntitlement reduceTo(int qualifying, String why, Instant at) {
        if (status != Status.PENDING || qualifying >= quantity) {
            return this;
        }
        int left = Math.max(0, qualifying);
        return new GiftEntitlement(id, customerId, source, rule, gift, left, reason, left == 0 ? Status.CANCELLED
                : Status.PENDING, createdAt, left == 0 ? at : null, left == 0 ? "system" : null, why, version);
    }

    private static String words(Status s) {
        return s == Status.HANDED_OVER ? "handed over" : s == Status.CANCELLED ? "cancelled" : "pending";
    }
}
