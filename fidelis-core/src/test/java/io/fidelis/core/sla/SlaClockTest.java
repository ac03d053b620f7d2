package io.fidelis.core.sla;

import static io.fidelis.core.sla.BusinessCalendarTest.LONDON;
import static io.fidelis.core.sla.BusinessCalendarTest.SHANGHAI;
import static io.fidelis.core.sla.BusinessCalendarTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Due times, business time with pauses, and status of {@link SlaClock}; each case worked out by hand. */
class SlaClockTest {
    private static final SlaClock STANDARD_SHANGHAI = SlaClock.on(BusinessCalendar.standard(SHANGHAI));
    private static final SlaClock STANDARD_LONDON = SlaClock.on(BusinessCalendar.standard(LONDON));

    @Test
    void fridayFivePmPlusFourBusinessHoursIsMondayNoon() {
        // Friday 2026-03-20 17:00 + 4 h: Friday 17:00–18:00 (1 h), the weekend is off, Monday 09:00–12:00 (3 h)
        // → Monday 2026-03-23 12:00.
        Instant friday = at("2026-03-20T17:00", SHANGHAI);
        assertThat(STANDARD_SHANGHAI.dueAt(friday, Duration.ofHours(4), List.of()))
                .contains(at("2026-03-23T12:00", SHANGHAI));
        assertThat(STANDARD_SHANGHAI.businessTimeBetween(friday, at("2026-03-23T12:00", SHANGHAI), List.of()))
                .isEqualTo(Duration.ofHours(4));
        // Exactly one hour is the end of Friday.
        assertThat(STANDARD_SHANGHAI.dueAt(friday, Duration.ofHours(1), List.of()))
                .contains(at("2026-03-20T18:00", SHANGHAI));
    }

    @Test
    void complaintOfSaturdayStartsOnMonday() {
        // Saturday 2026-03-21 10:00 + 4 h: nothing until Monday 09:00, then 09:00–13:00 → Monday 13:00.
        assertThat(STANDARD_SHANGHAI.dueAt(at("2026-03-21T10:00", SHANGHAI), Duration.ofHours(4), List.of()))
                .contains(at("2026-03-23T13:00", SHANGHAI));
        assertThat(STANDARD_SHANGHAI.businessTimeBetween(at("2026-03-21T10:00", SHANGHAI),
                at("2026-03-23T09:00", SHANGHAI), List.of())).isEqualTo(Duration.ZERO);
    }

    @Test
    void holidayMondayPushesTheDueTimeToTuesday() {
        // Spring bank holiday Monday 2026-05-25 in England. Friday 2026-05-22 17:00 + 4 h: Friday 17:00–18:00
        // (1 h), weekend and Monday off, Tuesday 09:00–12:00 (3 h) → Tuesday 2026-05-26 12:00.
        SlaClock clock = SlaClock.on(BusinessCalendar.standard(LONDON).withHolidays(List.of(LocalDate.parse("2026-05-25"))));
        assertThat(clock.dueAt(at("2026-05-22T17:00", LONDON), Duration.ofHours(4), List.of()))
                .contains(at("2026-05-26T12:00", LONDON));
        assertThat(STANDARD_LONDON.dueAt(at("2026-05-22T17:00", LONDON), Duration.ofHours(4), List.of()))
                .contains(at("2026-05-25T12:00", LONDON));
    }

    @Test
    void pauseWhileWaitingForTheCustomerAddsThePausedBusinessTime() {
        // Friday 2026-03-20 17:00 + 4 h with a pause Friday 17:30 → Monday 10:00: runs Friday 17:00–17:30 (0.5 h),
        // stopped until Monday 10:00, runs Monday 10:00–13:30 (3.5 h) → Monday 13:30. Without the pause it was
        // Monday 12:00; the pause covered 1.5 business hours (Friday 17:30–18:00 and Monday 09:00–10:00).
        Instant friday = at("2026-03-20T17:00", SHANGHAI);
        List<Pause> waiting = List.of(new Pause(at("2026-03-20T17:30", SHANGHAI), at("2026-03-23T10:00", SHANGHAI)));
        assertThat(STANDARD_SHANGHAI.dueAt(friday, Duration.ofHours(4), waiting))
                .contains(at("2026-03-23T13:30", SHANGHAI));
        assertThat(STANDARD_SHANGHAI.businessTimeBetween(friday, at("2026-03-23T12:00", SHANGHAI), waiting))
                .isEqualTo(Duration.ofMinutes(150));
        // The same pause given as two overlapping pieces counts once.
        List<Pause> overlapping = List.of(new Pause(at("2026-03-23T08:00", SHANGHAI), at("2026-03-23T10:00", SHANGHAI)),
                new Pause(at("2026-03-20T17:30", SHANGHAI), at("2026-03-23T09:30", SHANGHAI)));
        assertThat(STANDARD_SHANGHAI.dueAt(friday, Duration.ofHours(4), overlapping))
                .contains(at("2026-03-23T13:30", SHANGHAI));
        // A pause that began before the clock was started is clipped to it; an empty pause changes nothing.
        List<Pause> early = List.of(new Pause(at("2026-03-20T12:00", SHANGHAI), at("2026-03-20T17:30", SHANGHAI)),
                new Pause(at("2026-03-23T11:00", SHANGHAI), at("2026-03-23T11:00", SHANGHAI)));
        // Friday 17:30–18:00 (0.5 h) + Monday 09:00–12:30 (3.5 h) → Monday 12:30.
        assertThat(STANDARD_SHANGHAI.dueAt(friday, Duration.ofHours(4), early))
                .contains(at("2026-03-23T12:30", SHANGHAI));
    }

    @Test
    void openPauseLeavesTheDueTimeUndefined() {
        Instant monday = at("2026-03-23T09:00", SHANGHAI);
        // Waiting since Monday 11:00 with 8 h to run: 2 h have run, the rest waits for the customer.
        List<Pause> waiting = List.of(Pause.open(at("2026-03-23T11:00", SHANGHAI)));
        assertThat(STANDARD_SHANGHAI.dueAt(monday, Duration.ofHours(8), waiting)).isEmpty();
        assertThat(STANDARD_SHANGHAI.businessTimeBetween(monday, at("2026-03-27T18:00", SHANGHAI), waiting))
                .isEqualTo(Duration.ofHours(2));
        // An open pause after the due time does not move it: 2 h are due at 11:00.
        assertThat(STANDARD_SHANGHAI.dueAt(monday, Duration.ofHours(2), waiting)).contains(at("2026-03-23T11:00",
                SHANGHAI));
        assertThat(Pause.open(monday).isOpen()).isTrue();
        assertThatThrownBy(() -> new Pause(monday, monday.minusSeconds(1)))
                .hasMessageContaining("cannot end").hasMessageContaining("before it starts");
    }

    @Test
    void springForwardWeekInLondon() {
        // Clocks go forward on Sunday 2026-03-29. Friday 2026-03-27 17:00 GMT (17:00Z) + 2 h: Friday 17:00–18:00
        // (1 h), Monday 09:00–10:00 BST (1 h) → Monday 2026-03-30 10:00 BST = 09:00Z. On the wall clock Friday
        // 17:00 to Monday 10:00 is 65 h; the instants are 64 h apart because an hour was skipped.
        Instant friday = at("2026-03-27T17:00", LONDON);
        Optional<Instant> due = STANDARD_LONDON.dueAt(friday, Duration.ofHours(2), List.of());
        assertThat(due).contains(at("2026-03-30T10:00", LONDON)).contains(Instant.parse("2026-03-30T09:00:00Z"));
        assertThat(Duration.between(friday, due.orElseThrow())).isEqualTo(Duration.ofHours(64));
        assertThat(STANDARD_LONDON.businessTimeBetween(friday, due.orElseThrow(), List.of()))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void fallBackWeekInLondon() {
        // Clocks go back on Sunday 2026-10-25. Friday 2026-10-23 17:00 BST (16:00Z) + 2 h → Monday 2026-10-26
        // 10:00 GMT (10:00Z): 66 h apart as instants, 65 h on the wall clock.
        Instant friday = at("2026-10-23T17:00", LONDON);
        Instant due = STANDARD_LONDON.dueAt(friday, Duration.ofHours(2), List.of()).orElseThrow();
        assertThat(due).isEqualTo(Instant.parse("2026-10-26T10:00:00Z"));
        assertThat(Duration.between(friday, due)).isEqualTo(Duration.ofHours(66));
    }

    @Test
    void shanghaiHasNoClockChange() {
        // The same dates in Asia/Shanghai (UTC+8 all year): Friday 2026-03-27 17:00 + 2 h → Monday 10:00, 65 h.
        Instant friday = at("2026-03-27T17:00", SHANGHAI);
        Instant due = STANDARD_SHANGHAI.dueAt(friday, Duration.ofHours(2), List.of()).orElseThrow();
        assertThat(due).isEqualTo(at("2026-03-30T10:00", SHANGHAI));
        assertThat(Duration.between(friday, due)).isEqualTo(Duration.ofHours(65));
    }

    @Test
    void lunchBreakIsNotBusinessTime() {
        SlaClock clock = SlaClock.on(BusinessCalendarTest.lunchBreak(SHANGHAI));
        // Monday 2026-03-23 11:00 + 2 h: 11:00–12:00 (1 h), lunch, 13:00–14:00 (1 h) → 14:00.
        assertThat(clock.dueAt(at("2026-03-23T11:00", SHANGHAI), Duration.ofHours(2), List.of()))
                .contains(at("2026-03-23T14:00", SHANGHAI));
        // Received during lunch at 12:15 + 30 min → 13:30.
        assertThat(clock.dueAt(at("2026-03-23T12:15", SHANGHAI), Duration.ofMinutes(30), List.of()))
                .contains(at("2026-03-23T13:30", SHANGHAI));
        // Friday 2026-03-27 17:00 + 8 h: 1 h on Friday, Monday 09:00–12:00 (3 h) and 13:00–17:00 (4 h) → Monday 17:00.
        assertThat(clock.dueAt(at("2026-03-27T17:00", SHANGHAI), Duration.ofHours(8), List.of()))
                .contains(at("2026-03-30T17:00", SHANGHAI));
    }

    @Test
    void statusRunsOnTrackThenWarningThenBreached() {
        // Started Monday 2026-03-23 09:00 with 8 h to run and a 2 h warning: due Monday 17:00.
        Instant start = at("2026-03-23T09:00", SHANGHAI);
        Duration target = Duration.ofHours(8);
        Duration warn = Duration.ofHours(2);
        SlaStatus noon = STANDARD_SHANGHAI.status(start, target, warn, at("2026-03-23T12:00", SHANGHAI), List.of());
        assertThat(noon).isEqualTo(new SlaStatus(SlaStatus.State.ON_TRACK, Duration.ofHours(3), Duration.ofHours(5),
                Optional.of(at("2026-03-23T17:00", SHANGHAI))));
        SlaStatus late = STANDARD_SHANGHAI.status(start, target, warn, at("2026-03-23T15:30", SHANGHAI), List.of());
        assertThat(late.state()).isEqualTo(SlaStatus.State.WARNING);
        assertThat(late.remaining()).isEqualTo(Duration.ofMinutes(90));
        // Exactly at the due instant nothing remains, but it is not yet late.
        SlaStatus due = STANDARD_SHANGHAI.status(start, target, warn, at("2026-03-23T17:00", SHANGHAI), List.of());
        assertThat(due.state()).isEqualTo(SlaStatus.State.WARNING);
        assertThat(due.remaining()).isZero();
        SlaStatus breached = STANDARD_SHANGHAI.status(start, target, warn, at("2026-03-23T17:01", SHANGHAI),
                List.of());
        assertThat(breached.state()).isEqualTo(SlaStatus.State.BREACHED);
        assertThat(breached.remaining()).isEqualTo(Duration.ofMinutes(-1));
        // On Saturday it stays breached: Monday 17:00–18:00 and Tuesday to Friday, 1 + 4 × 9 = 37 h overdue.
        SlaStatus saturday = STANDARD_SHANGHAI.status(start, target, warn, at("2026-03-28T10:00", SHANGHAI),
                List.of());
        assertThat(saturday.state()).isEqualTo(SlaStatus.State.BREACHED);
        assertThat(saturday.remaining()).isEqualTo(Duration.ofHours(-37));
        // Before the start nothing has elapsed.
        assertThat(STANDARD_SHANGHAI.status(start, target, warn, start.minusSeconds(60), List.of()).elapsed())
                .isZero();
    }

    @Test
    void statusIsPausedWhileWaitingUnlessAlreadyBreached() {
        Instant start = at("2026-03-23T09:00", SHANGHAI);
        List<Pause> waiting = List.of(Pause.open(at("2026-03-23T10:00", SHANGHAI)));
        // Waiting since 10:00: 1 h used, 7 h remain, no due time.
        SlaStatus paused = STANDARD_SHANGHAI.status(start, Duration.ofHours(8), Duration.ofHours(2),
                at("2026-03-24T15:00", SHANGHAI), waiting);
        assertThat(paused).isEqualTo(new SlaStatus(SlaStatus.State.PAUSED, Duration.ofHours(1), Duration.ofHours(7),
                Optional.empty()));
        // Breached at 10:00 with a 30-minute target; the pause from 10:00 does not undo it.
        SlaStatus breached = STANDARD_SHANGHAI.status(start, Duration.ofMinutes(30), Duration.ofMinutes(10),
                at("2026-03-23T11:00", SHANGHAI), waiting);
        assertThat(breached.state()).isEqualTo(SlaStatus.State.BREACHED);
        assertThat(breached.dueAt()).contains(at("2026-03-23T09:30", SHANGHAI));
        // Outside working hours without a pause the clock simply does not run: still on track.
        SlaStatus night = STANDARD_SHANGHAI.status(start, Duration.ofHours(8), Duration.ofHours(2),
                at("2026-03-23T22:00", SHANGHAI), List.of(new Pause(at("2026-03-23T10:00", SHANGHAI),
                        at("2026-03-23T16:00", SHANGHAI))));
        assertThat(night.state()).isEqualTo(SlaStatus.State.ON_TRACK);
        assertThat(night.elapsed()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void invalidArgumentsAreRejected() {
        Instant now = at("2026-03-23T09:00", SHANGHAI);
        assertThatThrownBy(() -> STANDARD_SHANGHAI.businessTimeBetween(now, now.minusSeconds(1), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to an earlier instant");
        assertThatThrownBy(() -> STANDARD_SHANGHAI.dueAt(now, Duration.ofHours(-1), List.of()))
                .hasMessageContaining("business time ≥ 0");
        assertThatThrownBy(() -> STANDARD_SHANGHAI.status(now, Duration.ofHours(1), Duration.ofHours(-1), now,
                List.of())).hasMessageContaining("cannot be negative");
        assertThat(STANDARD_SHANGHAI.dueAt(now.plusSeconds(3), Duration.ZERO, List.of())).contains(now.plusSeconds(3));
    }

    @Test
    void dueTimeAndBusinessTimeAreInverse() {
        // Property: for random starts, durations and closed pauses, businessTimeBetween(start, dueAt(start, d)) == d
        // exactly, and one nanosecond earlier less than d has run (the due time is the earliest). 10,000 cases,
        // seeded, over 2026 in Europe/London (both clock changes, two bank holidays), Asia/Shanghai with a lunch
        // break, and an all-day calendar in London.
        List<SlaClock> clocks = List.of(
                SlaClock.on(BusinessCalendar.standard(LONDON).withHolidays(List.of(LocalDate.parse("2026-05-25"),
                        LocalDate.parse("2026-08-31")))),
                SlaClock.on(BusinessCalendarTest.lunchBreak(SHANGHAI)),
                SlaClock.on(BusinessCalendarTest.allDay(LONDON)));
        Random random = new Random(20260327);
        Instant yearStart = Instant.parse("2026-01-01T00:00:00Z");
        long yearNanos = Duration.ofDays(365).toNanos();
        for (int i = 0; i < 10_000; i++) {
            SlaClock clock = clocks.get(i % clocks.size());
            Instant start = yearStart.plusNanos((long) (random.nextDouble() * yearNanos));
            Duration d = Duration.ofNanos((long) (random.nextDouble() * Duration.ofHours(60).toNanos()));
            if (i % 7 == 0) {
                d = Duration.ofMinutes(random.nextInt(3000)); // whole minutes land on interval ends more often
            }
            List<Pause> pauses = new ArrayList<>();
            for (int k = random.nextInt(3); k > 0; k--) {
                Instant from = start.plusSeconds(random.nextInt(7 * 24 * 3600) - 24 * 3600);
                pauses.add(new Pause(from, from.plusSeconds(random.nextInt(3 * 24 * 3600))));
            }
            Instant due = clock.dueAt(start, d, pauses).orElseThrow();
            String at = "case " + i + ": start " + start + ", " + d + ", pauses " + pauses.size();
            assertThat(clock.businessTimeBetween(start, due, pauses)).as(at).isEqualTo(d);
            if (!d.isZero()) {
                assertThat(clock.businessTimeBetween(start, due.minusNanos(1), pauses)).as(at).isLessThan(d);
                assertThat(clock.calendar().isWorking(due.minusNanos(1))).as(at).isTrue();
            }
        }
    }
}
