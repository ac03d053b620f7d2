package io.fidelis.core.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import org.junit.jupiter.api.Test;

class PointsLedgerTest {
    static final LocalDate JAN_10 = LocalDate.of(2026, 1, 10);
    static final LocalDate FEB_1 = LocalDate.of(2026, 2, 1);
    static final LocalDate MAR_1 = LocalDate.of(2026, 3, 1);

    @Test
    void redemptionTakesTheEarliestExpiringLotFirstAcrossLots() {
        // L1: 100 points earned 10 Jan, expiring 2027-01-10; L2: 50 points earned later (1 Feb) but expiring sooner
        // (2026-08-01). Redeeming 70 takes all 50 of L2, then 20 of L1: 150 − 70 = 80 left, all in L1.
        PointsLedger ledger = PointsLedger.empty()
                .earn("L1", 100, JAN_10, LocalDate.of(2027, 1, 10), "order A-1: 1 point per 1.00", "A-1")
                .earn("L2", 50, FEB_1, LocalDate.of(2026, 8, 1), "birthday bonus", null)
                .redeem(MAR_1, 70, "voucher V-9");
        assertThat(ledger.balance(MAR_1)).isEqualTo(80);
        List<PointsLedger.Lot> all = ledger.allLots(MAR_1);
        assertThat(all).extracting(PointsLedger.Lot::lotId, PointsLedger.Lot::redeemed, PointsLedger.Lot::remaining)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("L1", 20L, 80L),
                        org.assertj.core.groups.Tuple.tuple("L2", 50L, 0L));
        assertThat(ledger.lots(MAR_1)).extracting(PointsLedger.Lot::lotId).containsExactly("L1");
        // Before the redemption the balance was 150, and the lots come earliest-expiring first.
        assertThat(ledger.balance(FEB_1)).isEqualTo(150);
        assertThat(ledger.lots(FEB_1)).extracting(PointsLedger.Lot::lotId).containsExactly("L2", "L1");
    }

    @Test
    void aRedemptionCanTakePartOfALot() {
        // 100 − 30 = 70 left in the same lot.
        PointsLedger ledger = PointsLedger.empty()
                .earn("L1", 100, JAN_10, LocalDate.of(2027, 1, 10), "order A-1", "A-1")
                .redeem(MAR_1, 30, "coffee");
        PointsLedger.Lot lot = ledger.lots(MAR_1).get(0);
        assertThat(lot.redeemed()).isEqualTo(30);
        assertThat(lot.remaining()).isEqualTo(70);
        assertThat(ledger.balance(MAR_1)).isEqualTo(70);
        // A second redemption of exactly the rest empties it.
        assertThat(ledger.redeem(MAR_1, 70, "rest").balance(MAR_1)).isZero();
    }

    @Test
    void aRedemptionAboveTheBalanceIsRefused() {
        PointsLedger ledger = PointsLedger.empty()
                .earn("L1", 100, JAN_10, LocalDate.of(2027, 1, 10), "order A-1", "A-1");
        assertThatThrownBy(() -> ledger.redeem(MAR_1, 150, "TV"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot redeem 150 points: the balance on 2026-03-01 is 100");
        // Points earned later do not count on an earlier day; expired points do not count either.
        assertThatThrownBy(() -> ledger.redeem(LocalDate.of(2027, 1, 10), 1, "too late"))
                .hasMessageContaining("the balance on 2027-01-10 is 0");
    }

    @Test
    void pointsExpireOnTheirExpiryDateAndTheExpireEntriesAreWrittenOnce() {
        LocalDate expiry = LocalDate.of(2026, 6, 1);
        PointsLedger ledger = PointsLedger.empty()
                .earn("L1", 100, JAN_10, expiry, "order A-1", "A-1")
                .earn("L2", 40, FEB_1, LocalDate.of(2027, 2, 1), "order A-2", "A-2")
                .redeem(MAR_1, 30, "coffee"); // from L1 (earliest expiry): L1 has 70 left
        assertThat(ledger.balance(expiry.minusDays(1))).isEqualTo(110); // 70 + 40
        assertThat(ledger.balance(expiry)).isEqualTo(40); // L1's 70 are gone on its expiry date
        // Expiring within a month of 2026-05-05: L1 (1 June); L2 (2027) is not.
        assertThat(ledger.expiring(LocalDate.of(2026, 5, 5), Period.ofMonths(1)))
                .extracting(PointsLedger.Lot::lotId, PointsLedger.Lot::remaining)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("L1", 70L));
        assertThat(ledger.expiring(LocalDate.of(2026, 4, 5), Period.ofMonths(1))).isEmpty();

        LocalDate run = LocalDate.of(2026, 6, 15);
        List<PointsLedger.Expire> due = ledger.expireDue(run);
        assertThat(due).hasSize(1);
        assertThat(due.get(0).lotId()).isEqualTo("L1");
        assertThat(due.get(0).points()).isEqualTo(70); // only what was left, not the 100 earned
        assertThat(due.get(0).date()).isEqualTo(run);
        assertThat(due.get(0).reason()).isEqualTo("expired on 2026-06-01: lot L1 earned 2026-01-10 (order A-1)");

        PointsLedger written = ledger.expire(run);
        assertThat(written.entries()).hasSize(4);
        assertThat(written.expireDue(run)).isEmpty();
        assertThat(written.balance(run)).isEqualTo(40); // writing the entry changes no balance
        assertThatThrownBy(() -> written.append(due.get(0))).hasMessage("lot L1 has already been expired");
    }

    @Test
    void anExpireEntryMustMatchTheLot() {
        PointsLedger ledger = PointsLedger.empty().earn("L1", 100, JAN_10, LocalDate.of(2026, 6, 1), "order", "A-1");
        assertThatThrownBy(() -> ledger.append(new PointsLedger.Expire(LocalDate.of(2026, 5, 1), "L1", 100, "early")))
                .hasMessage("lot L1 expires on 2026-06-01, not by 2026-05-01");
        assertThatThrownBy(() -> ledger.append(new PointsLedger.Expire(LocalDate.of(2026, 6, 1), "L1", 90, "short")))
                .hasMessage("lot L1 had 100 points left at its expiry, not 90");
        assertThatThrownBy(() -> ledger.append(new PointsLedger.Expire(LocalDate.of(2026, 6, 1), "L9", 5, "none")))
                .hasMessageContaining("lot L9");
    }

    @Test
    void aReturnTakesBackTheOrdersOwnLotFirst() {
        // Order A-1 earned 100 (L1, expiring 2027); a bonus lot L2 of 50 expires sooner, so the redemption of 40
        // came from L2. Returning A-1's goods takes 60 back from L1 itself: L1 100 − 60 = 40, L2 50 − 40 = 10.
        PointsLedger ledger = PointsLedger.empty()
                .earn("L1", 100, JAN_10, LocalDate.of(2027, 1, 10), "order A-1", "A-1")
                .earn("L2", 50, JAN_10, LocalDate.of(2026, 7, 1), "bonus", null)
                .redeem(FEB_1, 40, "coffee")
                .reverse(MAR_1, "A-1", 60, "return R-1 of order A-1");
        PointsLedger.Reverse r = (PointsLedger.Reverse) ledger.entries().get(3);
        assertThat(r.reversed()).isEqualTo(60);
        assertThat(r.shortfall()).isZero();
        assertThat(ledger.allLots(MAR_1)).extracting(PointsLedger.Lot::lotId, PointsLedger.Lot::reversed,
                        PointsLedger.Lot::remaining)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("L1", 60L, 40L),
                        org.assertj.core.groups.Tuple.tuple("L2", 0L, 10L));
        assertThat(ledger.balance(MAR_1)).isEqualTo(50);
    }

    @Test
    void aReturnAfterTheOrdersPointsWereSpentTakesTheRestFromOtherLotsButNeverGoesNegative() {
        // A-1 earned 100 (L1), a bonus 30 (L2, later expiry). 120 redeemed: 100 from L1 (earliest expiry), 20 from
        // L2; balance 10. Returning the whole order asks for 100: L1 has nothing left, so 10 come from L2; the
        // balance is 0, not −90, and the entry records the 90 it could not take back.
        PointsLedger ledger = PointsLedger.empty()
                .earn("L1", 100, JAN_10, LocalDate.of(2027, 1, 10), "order A-1", "A-1")
                .earn("L2", 30, JAN_10, LocalDate.of(2027, 6, 1), "bonus", null)
                .redeem(FEB_1, 120, "TV")
                .reverse(MAR_1, "A-1", 100, "return R-1 of order A-1");
        PointsLedger.Reverse r = (PointsLedger.Reverse) ledger.entries().get(3);
        assertThat(r.requested()).isEqualTo(100);
        assertThat(r.reversed()).isEqualTo(10);
        assertThat(r.shortfall()).isEqualTo(90);
        assertThat(ledger.balance(MAR_1)).isZero();
        // A later earning is not eaten by the shortfall.
        assertThat(ledger.earn("L3", 25, MAR_1, LocalDate.of(2027, 3, 1), "order A-2", "A-2").balance(MAR_1))
                .isEqualTo(25);
    }

    @Test
    void aReversalCannotTakeBackMoreThanTheOrderEarned() {
        PointsLedger ledger = PointsLedger.empty()
                .earn("L1", 100, JAN_10, LocalDate.of(2027, 1, 10), "order A-1", "A-1")
                .reverse(FEB_1, "A-1", 60, "return R-1");
        // 100 earned, 60 reversed: 40 can still be reversed, not 50.
        assertThatThrownBy(() -> ledger.reverse(MAR_1, "A-1", 50, "return R-2"))
                .hasMessage("cannot reverse 50 points of order A-1: it earned 100 and 60 have already been reversed");
        assertThat(ledger.unreversed(MAR_1, "A-1")).isEqualTo(40);
        assertThat(ledger.unreversed(MAR_1, "B-7")).as("earned nothing").isZero();
        assertThat(ledger.reverse(MAR_1, "A-1", 40, "return R-2").balance(MAR_1)).isZero();
        assertThat(ledger.reverse(MAR_1, "A-1", 40, "return R-2").unreversed(MAR_1, "A-1")).isZero();
        assertThatThrownBy(() -> ledger.reverse(MAR_1, "B-7", 5, "return"))
                .hasMessage("order B-7 earned no points in this ledger: nothing to reverse");
    }

    @Test
    void storedEntriesAreCheckedWhenTheLedgerIsRebuilt() {
        PointsLedger ledger = PointsLedger.empty()
                .earn("L1", 100, JAN_10, LocalDate.of(2027, 1, 10), "order A-1", "A-1")
                .redeem(FEB_1, 95, "TV")
                .reverse(MAR_1, "A-1", 100, "return");
        assertThat(PointsLedger.of(ledger.entries())).isEqualTo(ledger);
        // A stored reversal that claims more than the balance allowed (5) is rejected.
        List<PointsLedger.Entry> forged = List.of(ledger.entries().get(0), ledger.entries().get(1),
                new PointsLedger.Reverse(MAR_1, "A-1", 100, 100, "return"));
        assertThatThrownBy(() -> PointsLedger.of(forged))
                .hasMessage("the reversal of order A-1 records 100 points reversed; the ledger gives 5");
    }

    @Test
    void entriesAreRecordedInDateOrderAndValidated() {
        PointsLedger ledger = PointsLedger.empty().earn("L1", 100, MAR_1, LocalDate.of(2027, 3, 1), "order", "A-1");
        assertThatThrownBy(() -> ledger.redeem(FEB_1, 10, "back-dated"))
                .hasMessage("entries are recorded in date order: 2026-02-01 is before the last entry's 2026-03-01");
        assertThatThrownBy(() -> ledger.earn("L1", 5, MAR_1, LocalDate.of(2027, 3, 1), "again", null))
                .hasMessage("lot L1 is already in the ledger");
        assertThatThrownBy(() -> new PointsLedger.Earn("L2", 10, MAR_1, MAR_1, "same day", null))
                .hasMessage("lot L2 would expire on 2026-03-01, not after it was earned on 2026-03-01");
        assertThatThrownBy(() -> new PointsLedger.Redeem(MAR_1, 0, "nothing"))
                .hasMessage("points redeemed must be above 0, got 0");
        assertThatThrownBy(() -> new PointsLedger.Redeem(MAR_1, 5, " ")).hasMessage("a reason is required");
    }
}
