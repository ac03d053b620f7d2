package io.fidelis.app.customer;

import java.time.ZoneId;

/** What analytics need of every customer: the segment, the time zone for day boundaries, referrals made. */
public record CustomerTraits(long id, String segment, ZoneId timeZone, int referralsMade) {
}
