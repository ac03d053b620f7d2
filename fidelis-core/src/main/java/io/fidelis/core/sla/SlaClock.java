package io.fidelis.core.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SLA clocks in business time: the clock runs only in the working hours of a {@link BusinessCalendar} and stops
 * during {@link Pause}s (waiting for the customer). A small pure policy: the same calendar, instants and pauses
 * always give the same answer.
 *
 * <p>Business time between two instants is the measure of [from, to) ∩ working hours, less the union of the pauses,
 * in real elapsed time. A clock started outside working hours (a complaint received on a Saturday) begins to run at
 * the next working instant (Monday 09:00 under {@link BusinessCalendar#standard}); no separate step is needed.
 * Instants are exact to the nanosecond: {@code businessTimeBetween(start, dueAt(start, d)) == d}.
 */
public final class SlaClock {
    private final BusinessCalendar calendar;

    private SlaClock(BusinessCalendar calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    public static SlaClock on(BusinessCalendar calendar) {
        return new SlaClock(calendar);
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    /**
     * The business time in [from, to): working hours less the pauses.
     *
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public Duration businessTimeBetween(Instant from, Instant to, List<Pause> pauses) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("business time from " + from + " to an earlier instant " + to);
        }
        Duration sum = Duration.ZERO;
        ActiveIntervals active = new ActiveIntervals(calendar, from, pauses);
        while (active.next() && active.start.isBefore(to)) {
            Instant end = active.end.isBefore(to) ? active.end : to;
            sum = sum.plus(Duration.between(active.start, end));
        }
        return sum;
    }

    /**
     * The instant at which {@code businessTime} of business time has run from {@code start}: the earliest t with
     * {@code businessTimeBetween(start, t, pauses) == businessTime} ({@code start} itself for zero).
     *
     * @return empty when an open pause stops the clock before the time has run: the due instant is then undefined
     *         until the customer answers (close the pause and ask again)
     * @throws IllegalArgumentException for a negative {@code businessTime}
     */
    public Optional<Instant> dueAt(Instant start, Duration businessTime, List<Pause> pauses) {
        Objects.requireNonNull(start, "start");
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("a due time needs a business time ≥ 0, got " + businessTime);
        }
        if (businessTime.isZero()) {
            return Optional.of(start);
        }
        Duration remaining = businessTime;
        ActiveIntervals active = new ActiveIntervals(calendar, start, pauses);
        while (active.next()) {
            Duration length = Duration.between(active.start, active.end);
            if (length.compareTo(remaining) >= 0) {
                return Optional.of(active.start.plus(remaining));
            }
            remaining = remaining.minus(length);
        }
        return Optional.empty();
    }

    /**
     * The state of a clock started at {@code start} with a {@code target} of business time, at {@code now}:
     * BREACHED once {@code now} is after the due instant; otherwise PAUSED if a pause covers {@code now}; otherwise
     * WARNING when at most {@code warnBefore} of business time remains; otherwise ON_TRACK. Before {@code start}
     * nothing has elapsed.
     *
     * @throws IllegalArgumentException for a negative target or warning margin
     */
    public SlaStatus status(Instant start, Duration target, Duration warnBefore, Instant now, List<Pause> pauses) {
        if (target.isNegative() || warnBefore.isNegative()) {
            throw new IllegalArgumentException("the target (" + target + ") and the warning margin (" + warnBefore
                    + ") cannot be negative");
        }
        Duration elapsed = now.isAfter(start) ? businessTimeBetween(start, now, pauses) : Duration.ZERO;
        Duration remaining = target.minus(elapsed);
        Optional<Instant> due = dueAt(start, target, pauses);
        SlaStatus.State state;
        if (due.isPresent() && now.isAfter(due.get())) {
            state = SlaStatus.State.BREACHED;
        } else if (pauses.stream().anyMatch(p -> p.covers(now))) {
            state = SlaStatus.State.PAUSED;
        } else if (remaining.compareTo(warnBefore) <= 0) {
            state = SlaStatus.State.WARNING;
        } else {
            state = SlaStatus.State.ON_TRACK;
        }
        return new SlaStatus(state, elapsed, remaining, due);
    }

    /**
     * Working intervals less the union of the pauses, from an instant onward, in order; ends at an open pause.
     */
    static final class ActiveIntervals {
        private final BusinessCalendar calendar;
        /** Merged pauses as {start, end} with end null for open-ended, in order and disjoint. */
        private final List<Instant[]> pauses;
        private WorkingIntervals working;
        private int p;
        private Instant pendingStart;
        private Instant pendingEnd;
        Instant start;
        Instant end;

        ActiveIntervals(BusinessCalendar calendar, Instant from, List<Pause> pauses) {
            this.calendar = calendar;
            this.pauses = merge(pauses);
            this.working = new WorkingIntervals(calendar, from);
        }

        boolean next() {
            while (true) {
                if (pendingStart == null) {
                    working.next();
                    pendingStart = working.start();
                    pendingEnd = working.end();
                }
                while (p < pauses.size() && pauses.get(p)[1] != null && !pauses.get(p)[1].isAfter(pendingStart)) {
                    p++;
                }
                Instant[] pause = p < pauses.size() ? pauses.get(p) : null;
                if (pause == null || !pause[0].isBefore(pendingEnd)) {
                    return emit(pendingStart, pendingEnd, null);
                }
                if (pause[0].isAfter(pendingStart)) {
                    return emit(pendingStart, pause[0], pause[0]);
                }
                // The pause covers the pending start.
                if (pause[1] == null) {
                    return false;
                }
                if (pause[1].isBefore(pendingEnd)) {
                    pendingStart = pause[1];
                } else {
                    // Skip the working time inside a long pause at once rather than day by day.
                    working = new WorkingIntervals(calendar, pause[1]);
                    pendingStart = null;
                }
            }
        }

        private boolean emit(Instant s, Instant e, Instant rest) {
            start = s;
            end = e;
            if (rest == null) {
                pendingStart = null;
            } else {
                pendingStart = rest;
            }
            return true;
        }

        static List<Instant[]> merge(List<Pause> pauses) {
            List<Pause> sorted = new ArrayList<>(pauses);
            sorted.sort(Comparator.comparing(Pause::start));
            List<Instant[]> merged = new ArrayList<>();
            for (Pause pause : sorted) {
                Instant[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && (last[1] == null || !pause.start().isAfter(last[1]))) {
                    if (last[1] != null && (pause.end() == null || pause.end().isAfter(last[1]))) {
                        last[1] = pause.end();
                    }
                } else {
                    merged.add(new Instant[] {pause.start(), pause.end()});
                }
            }
            return merged;
        }
    }
}
