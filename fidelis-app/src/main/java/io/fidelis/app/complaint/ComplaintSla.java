package io.fidelis.app.complaint;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import io.fidelis.core.sla.BusinessCalendar;
import io.fidelis.core.sla.Pause;
import io.fidelis.core.sla.SlaClock;
import io.fidelis.core.sla.SlaStatus;
import org.springframework.stereotype.Component;

/**
 * The two service-level clocks of a complaint, in business hours of the configured calendar, paused while it waits
 * for the customer: time to acknowledge and time to resolve, each per severity, with a warning once
 * {@code warnShare} of it is used. A clock stops when its step is done.
 */
@Component
public class ComplaintSla {
    private final SlaClock clock;
    private final ComplaintSettings settings;

    ComplaintSla(ComplaintSettings settings) {
        this.settings = settings;
        BusinessCalendar calendar = BusinessCalendar.builder(ZoneId.of(settings.timeZone()))
                .weekdays(LocalTime.parse(settings.workdayStart()), LocalTime.parse(settings.workdayEnd()))
                .holidays(settings.holidays()).build();
        this.clock = SlaClock.on(calendar);
    }

    /** Both clocks of a complaint at a moment. */
    public record Clocks(SlaStatus acknowledge, SlaStatus resolve, boolean acknowledgeDone, boolean resolveDone) {
        /** The more urgent of the running clocks' states (for the board). */
        public SlaStatus.State worst() {
            SlaStatus.State a = acknowledgeDone ? SlaStatus.State.ON_TRACK : acknowledge.state();
            SlaStatus.State r = resolveDone ? SlaStatus.State.ON_TRACK : resolve.state();
            return rank(a) >= rank(r) ? a : r;
        }

        private static int rank(SlaStatus.State s) {
            return switch (s) {
                case BREACHED -> 3;
                case WARNING -> 2;
                case PAUSED -> 1;
                case ON_TRACK -> 0;
            };
        }
    }

    Clocks of(Complaint c, List<Complaint.History> history, Instant now) {
        List<Pause> pauses = Complaint.pauses(history);
        Duration ack = target(settings.acknowledgeHours(), c.severity());
        Duration resolve = target(settings.resolveHours(), c.severity());
        Instant ackEnd = c.acknowledgedAt() != null ? c.acknowledgedAt() : now;
        Instant resolveEnd = c.resolvedAt() != null ? c.resolvedAt() : c.status().terminal() && c.closedAt() != null
                ? c.closedAt() : now;
        return new Clocks(
                clock.status(c.receivedAt(), ack, warn(ack), ackEnd, pauses),
                clock.status(c.receivedAt(), resolve, warn(resolve), resolveEnd, pauses),
                c.acknowledgedAt() != null || c.status().terminal(), c.resolvedAt() != null || c.status().terminal());
    }

    /**
     * The least time after its receipt before which no complaint can be warned about or breached, whatever its
     * severity: the shortest time used before a warning, of either clock. Business time never runs faster than the
     * clock, so a complaint received later than this before now has nothing for the SLA watch.
     */
    Duration earliestWarning() {
        Duration least = null;
        for (Severity s : Severity.values()) {
            for (List<String> spec : List.of(settings.acknowledgeHours(), settings.resolveHours())) {
                Duration target;
                try {
                    target = target(spec, s);
                } catch (IllegalStateException noHours) {
                    continue; // a severity without hours is refused wherever it is used
                }
                Duration used = target.minus(warn(target));
                if (least == null || used.compareTo(least) < 0) {
                    least = used;
                }
            }
        }
        return least == null || least.isNegative() ? Duration.ZERO : least;
    }

    private Duration warn(Duration target) {
        return Duration.ofSeconds(Math.round(target.toSeconds() * (1 - settings.warnShare())));
    }

    static Duration target(List<String> spec, Severity s) {
        return Duration.ofSeconds(Math.round(ComplaintSettings.hours(spec, s) * 3600));
    }
}
