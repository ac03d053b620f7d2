package io.fidelis.app.customer;

import java.time.LocalDate;
import java.time.ZoneId;

/** The descriptive fields of a customer. */
public record CustomerDetails(String name, String email, String phone, String region, String segment,
                              LocalDate acquiredOn, String acquisitionChannel, ZoneId timeZone) {
    public CustomerDetails {
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
    }
}
