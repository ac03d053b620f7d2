package io.fidelis.core.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working hours in one time zone: for each weekday a list of intervals of wall-clock time (for example Monday to
 * Friday 09:00–18:00, or 09:00–12:00 and 13:00–18:00 with a lunch break), and holidays, whole days off. Immutable.
 *
 * <p>Hours are wall-clock times in the calendar's zone and business time is real elapsed time (the difference of
 * {@link Instant}s). On the day a clock changes, an interval that contains the change is an hour shorter or longer
 * (a desk open 00:00–24:00 works 23 hours on the spring-forward Sunday in Europe/London); an interval outside the
 * change (09:00–18:00 in Europe/London, which changes at 01:00 UTC) is unaffected. A wall-clock time that does not
 * exist that day (in the spring-forward gap) is moved later by the length of the gap, as
 * {@link ZonedDateTime#of(LocalDate, LocalTime, ZoneId)} does; an ambiguous one (in the autumn overlap) takes the
 * earlier offset.
 *
 * <p>An interval ends after it starts on the same day. Intervals spanning midnight (a night shift 22:00–06:00) are
 * not supported: split them into 22:00–00:00 of one day and 00:00–06:00 of the next, where an end of 00:00 means
 * midnight at the end of the day (so 00:00–00:00 is the whole day).
 *
 * <p>The clock policy itself (pauses, due times, status) is {@link SlaClock}.
 */
public final class BusinessCalendar {

    /**
     * One interval of working hours, from {@code start} (inclusive) to {@code end} (exclusive) on the same day; an
     * end of 00:00 is midnight at the end of the day.
     */
    public record Hours(LocalTime start, LocalTime end) {
        public Hours {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.equals(LocalTime.MIDNIGHT) && !start.isBefore(end)) {
                throw new IllegalArgumentException("working hours " + start + "–" + end
                        + ": the start must be before the end; intervals spanning midnight are not supported, split"
                        + " them into " + start + "–00:00 and 00:00–" + end + " of the next day");
            }
        }

        /** The wall-clock length (24 h for 00:00–00:00). */
        public Duration length() {
            return end.equals(LocalTime.MIDNIGHT) ? Duration.between(start, LocalTime.MAX).plusNanos(1)
                    : Duration.between(start, end);
        }

        boolean endsAtMidnight() {
            return end.equals(LocalTime.MIDNIGHT);
        }

        @Override
        public String toString() {
            return start + "–" + (endsAtMidnight() ? "24:00" : end.toString());
        }
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Hours>> hours;
    private final Set<LocalDate> holidays;

    private BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<Hours>> hours, Set<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        EnumMap<DayOfWeek, List<Hours>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Hours> list = List.copyOf(hours.getOrDefault(day, List.of()));
            validate(day, list);
            copy.put(day, list);
        }
        if (copy.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a business calendar needs working hours on at least one weekday");
        }
        this.hours = Collections.unmodifiableMap(copy);
        this.holidays = Collections.unmodifiableSet(new TreeSet<>(holidays));
    }

    /**
     * A calendar from working hours given as {start, end} pairs per weekday (weekdays missing from the map are days
     * off) and holidays.
     *
     * @throws IllegalArgumentException if a pair is not two times, a start is not before its end, the intervals of a
     *                                  day are out of order or overlap, or no weekday has working hours
     */
    public static BusinessCalendar of(ZoneId zone, Map<DayOfWeek, List<LocalTime[]>> hours, Set<LocalDate> holidays) {
        EnumMap<DayOfWeek, List<Hours>> converted = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<DayOfWeek, List<LocalTime[]>> e : hours.entrySet()) {
            List<Hours> list = new ArrayList<>();
            for (LocalTime[] pair : e.getValue()) {
                if (pair == null || pair.length != 2) {
                    throw new IllegalArgumentException(e.getKey() + ": working hours are {start, end} pairs, got "
                            + (pair == null ? "null" : pair.length + " times"));
                }
                try {
                    list.add(new Hours(pair[0], pair[1]));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(e.getKey() + ": " + ex.getMessage(), ex);
                }
            }
            converted.put(e.getKey(), list);
        }
        return new BusinessCalendar(zone, converted, holidays);
    }

    /** Monday to Friday 09:00–18:00 in {@code zone}, no holidays. */
    public static BusinessCalendar standard(ZoneId zone) {
        return builder(zone).weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0)).build();
    }

    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    /** This calendar with {@code holidays} (whole days off) in place of its own. */
    public BusinessCalendar withHolidays(Collection<LocalDate> holidays) {
        return new BusinessCalendar(zone, hours, Set.copyOf(holidays));
    }

    public ZoneId zone() {
        return zone;
    }

    /** The working hours of a weekday, in order (empty on a day off). Holidays are not applied. */
    public List<Hours> hours(DayOfWeek day) {
        return hours.get(day);
    }

    /** The holidays, in order. */
    public Set<LocalDate> holidays() {
        return holidays;
    }

    /** Whether {@code date} is a holiday or a weekday without working hours. */
    public boolean isDayOff(LocalDate date) {
        return holidays.contains(date) || hours.get(date.getDayOfWeek()).isEmpty();
    }

    /** Whether the clock runs at {@code instant}: inside working hours on a working day. */
    public boolean isWorking(Instant instant) {
        WorkingIntervals intervals = new WorkingIntervals(this, instant);
        return intervals.next() && intervals.start().equals(instant);
    }

    /**
     * The first working instant at or after {@code instant}: where a clock started at {@code instant} begins to
     * run. A complaint received on a Saturday under the standard calendar starts its clock on Monday at 09:00.
     */
    public Instant nextWorkingInstant(Instant instant) {
        WorkingIntervals intervals = new WorkingIntervals(this, instant);
        intervals.next(); // always true: some weekday has hours and holidays are finitely many
        return intervals.start();
    }

    /** The business time in [from, to) without pauses; see {@link SlaClock#businessTimeBetween}. */
    public Duration businessTimeBetween(Instant from, Instant to) {
        return SlaClock.on(this).businessTimeBetween(from, to, List.of());
    }

    /** The instant at which the working day {@code date} reaches wall-clock {@code time} (the start of day for 00:00). */
    Instant at(LocalDate date, LocalTime time) {
        return time.equals(LocalTime.MIDNIGHT) ? date.atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** The instant at which {@code hours} end on {@code date}. */
    Instant end(LocalDate date, Hours hours) {
        return hours.endsAtMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(date, hours.end(), zone).toInstant();
    }

    private static void validate(DayOfWeek day, List<Hours> list) {
        for (int i = 1; i < list.size(); i++) {
            Hours before = list.get(i - 1);
            Hours h = list.get(i);
            if (h.start().isBefore(before.start())) {
                throw new IllegalArgumentException(day + ": working hours must be in order, but " + h + " (interval "
                        + (i + 1) + ") comes after " + before + " (interval " + i + ")");
            }
            if (before.endsAtMidnight() || h.start().isBefore(before.end())) {
                throw new IllegalArgumentException(day + ": working hours " + before + " (interval " + i + ") and "
                        + h + " (interval " + (i + 1) + ") overlap");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessCalendar c && zone.equals(c.zone) && hours.equals(c.hours)
                && holidays.equals(c.holidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, hours, holidays);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BusinessCalendar[").append(zone);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (!hours.get(day).isEmpty()) {
                s.append(", ").append(day).append(' ').append(hours.get(day));
            }
        }
        return s.append(", ").append(holidays.size()).append(" holidays]").toString();
    }

    /** Builds a calendar interval by interval. */
    public static final class Builder {
        private final ZoneId zone;
        private final EnumMap<DayOfWeek, List<Hours>> hours = new EnumMap<>(DayOfWeek.class);
        private final Set<LocalDate> holidays = new TreeSet<>();

        private Builder(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
        }

        /** Adds working hours {@code start}–{@code end} on {@code day}, after those already added for it. */
        public Builder hours(DayOfWeek day, LocalTime start, LocalTime end) {
            Hours h;
            try {
                h = new Hours(start, end);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(day + ": " + e.getMessage(), e);
            }
            hours.computeIfAbsent(day, d -> new ArrayList<>()).add(h);
            return this;
        }

        /** Adds working hours {@code start}–{@code end} on Monday to Friday. */
        public Builder weekdays(LocalTime start, LocalTime end) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                    hours(day, start, end);
                }
            }
            return this;
        }

        public Builder holiday(LocalDate date) {
            holidays.add(Objects.requireNonNull(date, "date"));
            return this;
        }

        public Builder holidays(Collection<LocalDate> dates) {
            dates.forEach(this::holiday);
            return this;
        }

        /** @throws IllegalArgumentException if a day's intervals are out of order or overlap, or there are none */
        public BusinessCalendar build() {
            return new BusinessCalendar(zone, hours, holidays);
        }
    }
}
