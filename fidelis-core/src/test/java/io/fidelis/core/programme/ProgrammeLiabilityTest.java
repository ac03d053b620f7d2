package io.fidelis.core.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.fidelis.core.programme.ProgrammeLiability.Breakage;
import io.fidelis.core.programme.ProgrammeLiability.Liability;
import org.junit.jupiter.api.Test;

class ProgrammeLiabilityTest {

    @Test
    void liabilityIsFaceValueLessExpectedBreakage() {
        // 12,000 × 0.01 = 120.00; 2,500 of 10,000 expired: 25 % breakage; 120 × 0.75 = 90.00.
        Liability l = ProgrammeLiability.of(12_000, new BigDecimal("0.01"), new Breakage(10_000, 2_500));
        assertThat(l.faceValue()).isEqualByComparingTo("120.00");
        assertThat(l.breakage().rate()).isEqualTo(0.25);
        assertThat(l.liability()).isEqualByComparingTo("90.00");
        assertThat(l.explanation()).isEqualTo("12,000 points × 0.01 = 120.00 at face value; 25.0 % expected breakage"
                + " (2,500 of 10,000 points that reached expiry expired) → liability 90.00");
    }

    @Test
    void withoutHistoryThereIsNoBreakage() {
        Liability l = ProgrammeLiability.of(1_001, new BigDecimal("0.005"), Breakage.none());
        // 1,001 × 0.005 = 5.005 → 5.00 (half-even).
        assertThat(l.liability()).isEqualByComparingTo("5.00");
        assertThat(l.breakage().rate()).isZero();
        assertThat(l.explanation()).contains("no points have reached expiry yet");
    }

    @Test
    void breakageAndLiabilityFromTheMembersLedgers() {
        LocalDate asOf = LocalDate.of(2026, 9, 1);
        // A: 100 earned, 40 redeemed, expired 2026-06-01 with 60 left → reached 100, expired 60.
        PointsLedger a = PointsLedger.empty()
                .earn("A1", 100, LocalDate.of(2025, 6, 1), LocalDate.of(2026, 6, 1), "order", "A-1")
                .redeem(LocalDate.of(2025, 12, 1), 40, "coffee");
        // B: 200 earned, all redeemed, expiry 2026-07-01 → reached 200, expired 0; 300 more expiring 2027 are
        // outstanding and not yet at expiry.
        PointsLedger b = PointsLedger.empty()
                .earn("B1", 200, LocalDate.of(2025, 7, 1), LocalDate.of(2026, 7, 1), "order", "B-1")
                .redeem(LocalDate.of(2025, 8, 1), 200, "TV")
                .earn("B2", 300, LocalDate.of(2026, 8, 1), LocalDate.of(2027, 8, 1), "order", "B-2");
        // C: 50 earned and reversed by a return before expiry → reached 50 − 50 = 0.
        PointsLedger c = PointsLedger.empty()
                .earn("C1", 50, LocalDate.of(2025, 7, 1), LocalDate.of(2026, 7, 1), "order", "C-1")
                .reverse(LocalDate.of(2025, 7, 5), "C-1", 50, "return");
        Breakage breakage = Breakage.of(List.of(a, b, c), asOf);
        assertThat(breakage).isEqualTo(new Breakage(300, 60)); // 100 + 200 + 0 reached, 60 expired
        assertThat(breakage.rate()).isCloseTo(0.2, offset(1e-12));
        // Outstanding 300 × 0.02 = 6.00; × (300 − 60) / 300 = 4.80.
        Liability l = ProgrammeLiability.of(List.of(a, b, c), asOf, new BigDecimal("0.02"));
        assertThat(l.outstandingPoints()).isEqualTo(300);
        assertThat(l.liability()).isEqualByComparingTo("4.80");
    }

    @Test
    void invalidInputsAreRefused() {
        assertThatThrownBy(() -> new Breakage(10, 11))
                .hasMessage("expired points must be between 0 and the 10 that reached expiry, got 11");
        assertThatThrownBy(() -> ProgrammeLiability.of(-1, BigDecimal.ONE, Breakage.none()))
                .hasMessage("outstanding points cannot be negative, got -1");
        assertThatThrownBy(() -> ProgrammeLiability.of(1, new BigDecimal("-0.01"), Breakage.none()))
                .hasMessage("the value per point cannot be negative, got -0.01");
    }
}
