package io.fidelis.app.complaint;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of complaint handling ({@code fidelis.complaints.*}); the README documents each default.
 *
 * @param timeZone        the business calendar's time zone
 * @param workdayStart    working hours, Monday to Friday, from…
 * @param workdayEnd      …to
 * @param holidays        whole days off (ISO dates)
 * @param acknowledgeHours business hours to acknowledge, per severity
 * @param resolveHours    business hours to resolve, per severity
 * @param warnShare       a warning once this share of the time is used
 * @param assignment      within a department: {@code round-robin} or {@code least-loaded}
 * @param rotation        per category, the departments that take turns handling it (seed 002)
 * @param rotationMonths  how many months each department's turn lasts
 * @param alertMinCount   the fewest complaints on an alarm day that raise an alert by mail and on the dashboard (a
 *                        single complaint about a rarely complained-of product is not a crisis)
 */
@ConfigurationProperties("fidelis.complaints")
public record ComplaintSettings(@DefaultValue("UTC") String timeZone,
                                @DefaultValue("09:00") String workdayStart,
                                @DefaultValue("18:00") String workdayEnd,
                                @DefaultValue List<LocalDate> holidays,
                                @DefaultValue({"LOW=24", "MEDIUM=8", "HIGH=4", "CRITICAL=1"})
                                List<String> acknowledgeHours,
                                @DefaultValue({"LOW=120", "MEDIUM=40", "HIGH=16", "CRITICAL=8"})
                                List<String> resolveHours,
                                @DefaultValue("0.8") double warnShare,
                                @DefaultValue("least-loaded") String assignment,
                                @DefaultValue Map<String, List<String>> rotation,
                                @DefaultValue("1") int rotationMonths,
                                @DefaultValue("3") int alertMinCount) {

    /** The hours for a severity from a list of SEVERITY=hours. */
    static double hours(List<String> spec, Severity severity) {
        for (String s : spec) {
            String[] kv = s.split("=");
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase(severity.name())) {
                return Double.parseDouble(kv[1].strip());
            }
        }
        throw new IllegalStateException("no SLA hours for " + severity + " in " + spec);
    }
}
