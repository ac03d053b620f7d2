package io.fidelis.app.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.shared.RetainedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes old free text and attachments every night, after {@code fidelis.retention.free-text} and
 * {@code fidelis.retention.attachments} (periods such as {@code P3Y}; empty, the default, keeps them). What each
 * capability removes is its own ({@link RetainedText}); each run is audited with its counts.
 */
@Service
public class RetentionPolicy {
    private static final Logger log = LoggerFactory.getLogger(RetentionPolicy.class);
    private final List<RetainedText> holders;
    private final ApplicationEventPublisher events;
    private final Period freeText;
    private final Period attachments;
    private final Clock clock = Clock.systemUTC();

    RetentionPolicy(List<RetainedText> holders, ApplicationEventPublisher events,
                    @Value("${fidelis.retention.free-text:}") String freeText,
                    @Value("${fidelis.retention.attachments:}") String attachments) {
        this.holders = holders;
        this.events = events;
        this.freeText = period("fidelis.retention.free-text", freeText);
        this.attachments = period("fidelis.retention.attachments", attachments);
    }

    private static Period period(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Period p = Period.parse(value.strip());
            if (p.isNegative() || p.isZero()) {
                throw new IllegalArgumentException(name + ": a period after which to delete, such as P3Y, not "
                        + value);
            }
            return p;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": a period such as P3Y or P18M, not " + value);
        }
    }

    @Scheduled(cron = "${fidelis.retention.schedule:0 30 2 * * *}")
    void nightly() {
        Map<String, Integer> done = apply();
        if (!done.isEmpty()) {
            log.info("Retention: {}", done);
        }
    }

    /** Applies the policy now; what was removed, by kind (empty when nothing is configured). */
    @Transactional
    public Map<String, Integer> apply() {
        Map<String, Integer> done = new LinkedHashMap<>();
        java.time.LocalDate today = Instant.now(clock).atOffset(ZoneOffset.UTC).toLocalDate();
        if (freeText != null) {
            Instant before = today.minus(freeText).atStartOfDay().toInstant(ZoneOffset.UTC);
            for (RetainedText h : holders) {
                done.put(h.what(), h.forgetTextBefore(before));
            }
        }
        if (attachments != null) {
            Instant before = today.minus(attachments).atStartOfDay().toInstant(ZoneOffset.UTC);
            int files = 0;
            for (RetainedText h : holders) {
                files += h.forgetFilesBefore(before);
            }
            done.put("attachments", files);
        }
        if (done.values().stream().anyMatch(n -> n > 0)) {
            events.publishEvent(new AuditableChange("system", "retention", today.toString(), "delete old text", null,
                    AuditableChange.json("removed", done, "freeTextAfter", String.valueOf(freeText),
                            "attachmentsAfter", String.valueOf(attachments))));
        }
        return done;
    }
}
