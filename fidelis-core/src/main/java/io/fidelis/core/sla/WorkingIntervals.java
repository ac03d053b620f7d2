package io.fidelis.core.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The working intervals of a calendar as instants [start, end), in order and disjoint, from an instant onward (the
 * first is clipped to begin there). Endless: some weekday has hours and holidays are finitely many.
 */
final class WorkingIntervals {
    private final BusinessCalendar calendar;
    private LocalDate date;
    private int index;
    private List<BusinessCalendar.Hours> today;
    private Instant floor;
    private Instant start;
    private Instant end;

    WorkingIntervals(BusinessCalendar calendar, Instant from) {
        this.calendar = calendar;
        this.floor = from;
        // The day before too: in the spring-forward gap a late interval may be moved past midnight.
        this.date = LocalDate.ofInstant(from, calendar.zone()).minusDays(1);
        this.today = hoursOf(date);
        this.index = 0;
    }

    /** Moves to the next interval; always true. */
    boolean next() {
        while (true) {
            while (index >= today.size()) {
                date = date.plusDays(1);
                today = hoursOf(date);
                index = 0;
            }
            BusinessCalendar.Hours h = today.get(index++);
            Instant s = calendar.at(date, h.start());
            Instant e = calendar.end(date, h);
            if (s.isBefore(floor)) {
                s = floor;
            }
            if (s.isBefore(e)) {
                start = s;
                end = e;
                floor = e;
                return true;
            }
        }
    }

    Instant start() {
        return start;
    }

    Instant end() {
        return end;
    }

    private List<BusinessCalendar.Hours> hoursOf(LocalDate d) {
        return calendar.holidays().contains(d) ? List.of() : calendar.hours(d.getDayOfWeek());
    }
}
