package io.fidelis.core.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Working hours, holidays, validation and clock changes of {@link BusinessCalendar}. */
class BusinessCalendarTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static LocalTime t(String time) {
        return LocalTime.parse(time);
    }

    /** Mon–Fri 09:00–12:00 and 13:00–18:00: eight hours a day with a lunch break. */
    static BusinessCalendar lunchBreak(ZoneId zone) {
        LocalTime[] morning = {t("09:00"), t("12:00")};
        LocalTime[] afternoon = {t("13:00"), t("18:00")};
        Map<DayOfWeek, List<LocalTime[]>> hours = Map.of(DayOfWeek.MONDAY, List.of(morning, afternoon),
                DayOfWeek.TUESDAY, List.of(morning, afternoon), DayOfWeek.WEDNESDAY, List.of(morning, afternoon),
                DayOfWeek.THURSDAY, List.of(morning, afternoon), DayOfWeek.FRIDAY, List.of(morning, afternoon));
        return BusinessCalendar.of(zone, hours, Set.of());
    }

    /** Every day 00:00–24:00: business time is elapsed time. */
    static BusinessCalendar allDay(ZoneId zone) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(zone);
        for (DayOfWeek day : DayOfWeek.values()) {
            b.hours(day, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        }
        return b.build();
    }

    @Test
    void standardCalendarIsMondayToFridayNineToSix() {
        BusinessCalendar c = BusinessCalendar.standard(SHANGHAI);
        assertThat(c.zone()).isEqualTo(SHANGHAI);
        assertThat(c.hours(DayOfWeek.MONDAY)).containsExactly(new BusinessCalendar.Hours(t("09:00"), t("18:00")));
        assertThat(c.hours(DayOfWeek.SATURDAY)).isEmpty();
        assertThat(c.hours(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(c.holidays()).isEmpty();
        // 5 days × 9 hours from Monday 2026-03-16 00:00 to the next Monday 00:00.
        assertThat(c.businessTimeBetween(at("2026-03-16T00:00", SHANGHAI), at("2026-03-23T00:00", SHANGHAI)))
                .isEqualTo(Duration.ofHours(45));
        assertThat(c).isEqualTo(BusinessCalendar.builder(SHANGHAI).weekdays(t("09:00"), t("18:00")).build());
    }

    @Test
    void complaintReceivedOnSaturdayStartsItsClockOnMonday() {
        BusinessCalendar c = BusinessCalendar.standard(SHANGHAI);
        // Saturday 2026-03-21 10:00 → Monday 2026-03-23 09:00.
        assertThat(c.nextWorkingInstant(at("2026-03-21T10:00", SHANGHAI))).isEqualTo(at("2026-03-23T09:00", SHANGHAI));
        // Inside hours the clock starts at once; the end of the day is exclusive, the start inclusive.
        Instant tuesdayMorning = at("2026-03-24T10:15:30.5", SHANGHAI);
        assertThat(c.nextWorkingInstant(tuesdayMorning)).isEqualTo(tuesdayMorning);
        assertThat(c.nextWorkingInstant(at("2026-03-24T18:00", SHANGHAI))).isEqualTo(at("2026-03-25T09:00", SHANGHAI));
        assertThat(c.isWorking(at("2026-03-24T09:00", SHANGHAI))).isTrue();
        assertThat(c.isWorking(at("2026-03-24T18:00", SHANGHAI))).isFalse();
        assertThat(c.isWorking(at("2026-03-21T10:00", SHANGHAI))).isFalse();
    }

    @Test
    void holidaysAreWholeDaysOff() {
        // A Monday holiday (2026-04-06, by the Qingming festival): a complaint of Saturday 04-04 starts on Tuesday
        // 04-07.
        LocalDate qingming = LocalDate.parse("2026-04-06");
        BusinessCalendar c = BusinessCalendar.standard(SHANGHAI).withHolidays(List.of(qingming));
        assertThat(c.isDayOff(qingming)).isTrue();
        assertThat(c.isDayOff(LocalDate.parse("2026-04-04"))).isTrue(); // a Saturday
        assertThat(c.isDayOff(LocalDate.parse("2026-04-07"))).isFalse();
        assertThat(c.nextWorkingInstant(at("2026-04-04T10:00", SHANGHAI))).isEqualTo(at("2026-04-07T09:00", SHANGHAI));
        // The week of 04-06: four working days of nine hours.
        assertThat(c.businessTimeBetween(at("2026-04-06T00:00", SHANGHAI), at("2026-04-13T00:00", SHANGHAI)))
                .isEqualTo(Duration.ofHours(36));
        assertThat(c.holidays()).containsExactly(qingming);
    }

    @Test
    void lunchBreakCalendarHasTwoIntervalsADay() {
        BusinessCalendar c = lunchBreak(SHANGHAI);
        assertThat(c.hours(DayOfWeek.WEDNESDAY)).containsExactly(new BusinessCalendar.Hours(t("09:00"), t("12:00")),
                new BusinessCalendar.Hours(t("13:00"), t("18:00")));
        assertThat(c.isWorking(at("2026-03-25T12:30", SHANGHAI))).isFalse();
        assertThat(c.nextWorkingInstant(at("2026-03-25T12:30", SHANGHAI))).isEqualTo(at("2026-03-25T13:00", SHANGHAI));
        // 5 × (3 + 5) hours a week.
        assertThat(c.businessTimeBetween(at("2026-03-23T00:00", SHANGHAI), at("2026-03-30T00:00", SHANGHAI)))
                .isEqualTo(Duration.ofHours(40));
        // 11:30–13:30 on a Monday: 11:30–12:00 and 13:00–13:30.
        assertThat(c.businessTimeBetween(at("2026-03-23T11:30", SHANGHAI), at("2026-03-23T13:30", SHANGHAI)))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void wholeDaysFollowTheClockChanges() {
        // Europe/London: clocks go forward 2026-03-29 01:00 GMT (a 23-hour Sunday) and back 2026-10-25 01:00 UTC (a
        // 25-hour Sunday); Asia/Shanghai has no daylight saving time (every day 24 hours).
        BusinessCalendar london = allDay(LONDON);
        assertThat(london.businessTimeBetween(at("2026-03-29T00:00", LONDON), at("2026-03-30T00:00", LONDON)))
                .isEqualTo(Duration.ofHours(23));
        assertThat(london.businessTimeBetween(at("2026-10-25T00:00", LONDON), at("2026-10-26T00:00", LONDON)))
                .isEqualTo(Duration.ofHours(25));
        assertThat(london.businessTimeBetween(at("2026-03-23T00:00", LONDON), at("2026-03-30T00:00", LONDON)))
                .isEqualTo(Duration.ofHours(7 * 24 - 1));
        BusinessCalendar shanghai = allDay(SHANGHAI);
        assertThat(shanghai.businessTimeBetween(at("2026-03-29T00:00", SHANGHAI), at("2026-03-30T00:00", SHANGHAI)))
                .isEqualTo(Duration.ofHours(24));
        assertThat(new BusinessCalendar.Hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT).length())
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void hoursInTheSpringForwardGapMoveLaterByTheGap() {
        // Sunday 2026-03-29 00:30–02:30 in London: 00:30 GMT = 00:30Z, and 02:30 BST = 01:30Z (01:00–02:00 local
        // does not exist), so the interval lasts one real hour.
        BusinessCalendar c = BusinessCalendar.builder(LONDON).hours(DayOfWeek.SUNDAY, t("00:30"), t("02:30")).build();
        assertThat(c.businessTimeBetween(Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")))
                .isEqualTo(Duration.ofHours(1));
        // 01:30 does not exist that day; it is taken as 02:30 BST, so 01:30–02:30 is empty.
        BusinessCalendar gap = BusinessCalendar.builder(LONDON).hours(DayOfWeek.SUNDAY, t("01:30"), t("02:30"))
                .build();
        assertThat(gap.businessTimeBetween(Instant.parse("2026-03-28T00:00:00Z"),
                Instant.parse("2026-03-30T00:00:00Z"))).isEqualTo(Duration.ZERO);
        assertThat(gap.nextWorkingInstant(Instant.parse("2026-03-28T00:00:00Z")))
                .isEqualTo(at("2026-04-05T01:30", LONDON));
    }

    @Test
    void invalidHoursAreRejectedWithTheReason() {
        assertThatThrownBy(() -> BusinessCalendar.builder(LONDON).hours(DayOfWeek.MONDAY, t("22:00"), t("06:00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MONDAY: working hours 22:00–06:00: the start must be before the end; intervals spanning"
                        + " midnight are not supported, split them into 22:00–00:00 and 00:00–06:00 of the next day");
        assertThatThrownBy(() -> BusinessCalendar.builder(LONDON).hours(DayOfWeek.MONDAY, t("09:00"), t("09:00")))
                .hasMessageContaining("the start must be before the end");
        assertThatThrownBy(() -> BusinessCalendar.builder(LONDON).hours(DayOfWeek.TUESDAY, t("09:00"), t("12:30"))
                .hours(DayOfWeek.TUESDAY, t("12:00"), t("18:00")).build())
                .hasMessage("TUESDAY: working hours 09:00–12:30 (interval 1) and 12:00–18:00 (interval 2) overlap");
        assertThatThrownBy(() -> BusinessCalendar.builder(LONDON).hours(DayOfWeek.FRIDAY, t("13:00"), t("18:00"))
                .hours(DayOfWeek.FRIDAY, t("09:00"), t("12:00")).build())
                .hasMessage("FRIDAY: working hours must be in order, but 09:00–12:00 (interval 2) comes after"
                        + " 13:00–18:00 (interval 1)");
        assertThatThrownBy(() -> BusinessCalendar.of(LONDON, Map.of(), Set.of()))
                .hasMessage("a business calendar needs working hours on at least one weekday");
        assertThatThrownBy(() -> BusinessCalendar.of(LONDON,
                Map.of(DayOfWeek.MONDAY, List.<LocalTime[]>of(new LocalTime[] {t("09:00")})), Set.of()))
                .hasMessage("MONDAY: working hours are {start, end} pairs, got 1 times");
        assertThatThrownBy(() -> BusinessCalendar.of(LONDON,
                Map.of(DayOfWeek.MONDAY, List.<LocalTime[]>of(new LocalTime[] {t("18:00"), t("09:00")})), Set.of()))
                .hasMessageStartingWith("MONDAY: working hours 18:00–09:00: the start must be before the end");
        // Adjacent intervals are fine; an interval to midnight followed by another is not.
        assertThat(BusinessCalendar.builder(LONDON).hours(DayOfWeek.MONDAY, t("09:00"), t("12:00"))
                .hours(DayOfWeek.MONDAY, t("12:00"), t("18:00")).build().hours(DayOfWeek.MONDAY)).hasSize(2);
    }
}
