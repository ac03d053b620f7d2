package io.fidelis.app.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which of P(alive) and P(stay) decides, rule by rule (issue 9). */
class AliveSignalTest {
    static final LocalDate START = LocalDate.of(2024, 1, 10);

    static SubscriptionStay running(double pStay) {
        return new SubscriptionStay(pStay, false, null, START, 40, 2, List.of("contract = Month-to-month raises"
                + " churn risk"), 0.84);
    }

    static SubscriptionStay cancelledOn(LocalDate day) {
        return new SubscriptionStay(0, true, day, START, 40, 2, List.of(), Double.NaN);
    }

    @Test
    void withoutASubscriptionThePurchasesDecideAsAlways() {
        AliveSignal a = AliveSignal.choose(0.37, 3, LocalDate.of(2026, 1, 1), null);
        assertThat(a.p()).isEqualTo(0.37);
        assertThat(a.fromSubscription()).isFalse();
        assertThat(a.detail()).isNull();
        // Without a fitted repeat-buying model, a buyer counts as alive (as before issue 9).
        assertThat(AliveSignal.choose(Double.NaN, 0, null, null).p()).isEqualTo(1);
    }

    @Test
    void aCancelledSubscriberIsGoneUnlessTheyBoughtSince() {
        AliveSignal gone = AliveSignal.choose(0.95, 4, LocalDate.of(2025, 5, 1), cancelledOn(LocalDate.of(2025, 6, 1)));
        assertThat(gone.p()).isZero();
        assertThat(gone.fromSubscription()).isTrue();
        assertThat(gone.detail()).isEqualTo("every subscription ended on 2025-06-01: P(stay) 0");
        AliveSignal buyer = AliveSignal.choose(0.95, 4, LocalDate.of(2025, 7, 1), cancelledOn(LocalDate.of(2025, 6, 1)));
        assertThat(buyer.p()).isEqualTo(0.95);
        assertThat(buyer.fromSubscription()).isFalse();
        assertThat(buyer.detail()).contains("bought since");
    }

    @Test
    void aSubscriberWithoutRepeatPurchasesIsJudgedByPStay() {
        // A one-time buyer's P(alive) is 1 by construction of BG/NBD: it must not win on "certainty".
        AliveSignal a = AliveSignal.choose(1.0, 0, LocalDate.of(2026, 1, 1), running(0.35));
        assertThat(a.p()).isEqualTo(0.35);
        assertThat(a.fromSubscription()).isTrue();
        assertThat(a.detail()).contains("P(stay) 0.35", "AUC 0.84", "Month-to-month", "no repeat purchase");
        AliveSignal pure = AliveSignal.choose(Double.NaN, 0, null, running(0.8));
        assertThat(pure.p()).isEqualTo(0.8);
        assertThat(pure.detail()).doesNotContain("no repeat purchase");
    }

    @Test
    void withBothSignalsTheMoreInformativeDecides() {
        // P(alive) 0.97 is further from 0.5 than P(stay) 0.7: the purchases decide.
        AliveSignal purchases = AliveSignal.choose(0.97, 5, LocalDate.of(2026, 1, 1), running(0.7));
        assertThat(purchases.p()).isEqualTo(0.97);
        assertThat(purchases.fromSubscription()).isFalse();
        assertThat(purchases.detail()).contains("P(stay) 0.70", "P(alive) 0.97", "the purchases' is further from"
                + " 0.5 and decides");
        // P(stay) 0.1 is further from 0.5 than P(alive) 0.8: the subscription decides.
        AliveSignal subscription = AliveSignal.choose(0.8, 5, LocalDate.of(2026, 1, 1), running(0.1));
        assertThat(subscription.p()).isEqualTo(0.1);
        assertThat(subscription.fromSubscription()).isTrue();
        // A tie goes to the subscription (P(stay) 0.25 and P(alive) 0.75 have the same entropy).
        assertThat(AliveSignal.choose(0.75, 5, LocalDate.of(2026, 1, 1), running(0.25)).fromSubscription()).isTrue();
    }

    @Test
    void withoutAChurnModelThePurchasesDecideOrTheContractCountsAsStaying() {
        AliveSignal a = AliveSignal.choose(0.6, 2, LocalDate.of(2026, 1, 1), running(Double.NaN));
        assertThat(a.p()).isEqualTo(0.6);
        assertThat(a.detail()).contains("no subscription churn model yet");
        AliveSignal none = AliveSignal.choose(Double.NaN, 0, null, running(Double.NaN));
        assertThat(none.p()).isEqualTo(1);
        assertThat(none.fromSubscription()).isTrue();
    }

    @Test
    void binaryEntropyHasItsKnownValues() {
        // H(0.5) = 1 bit, H(0.11) = 0.4999 bits (standard table value), symmetric, 0 at the ends.
        assertThat(AliveSignal.entropy(0.5)).isCloseTo(1, offset(1e-12));
        assertThat(AliveSignal.entropy(0.11)).isCloseTo(0.49992, offset(1e-5));
        assertThat(AliveSignal.entropy(0.2)).isCloseTo(AliveSignal.entropy(0.8), offset(1e-15));
        assertThat(AliveSignal.entropy(0)).isZero();
        assertThat(AliveSignal.entropy(1)).isZero();
    }
}
