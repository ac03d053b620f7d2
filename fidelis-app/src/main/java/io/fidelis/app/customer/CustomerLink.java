package io.fidelis.app.customer;

import java.time.LocalDate;

/**
 * A customer's place in the referral tree: their id, who referred them (or null), and when they were acquired (their
 * acquisition date, else the day they were registered).
 */
public record CustomerLink(long id, Long referrerId, LocalDate acquiredOn) {
}
