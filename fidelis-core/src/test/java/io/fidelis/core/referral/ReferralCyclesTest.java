package io.fidelis.core.referral;

import static io.fidelis.core.referral.ReferralForest.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Finding every referral cycle; the hand-worked cases are drawn in the comments, the random ones checked by walking. */
class ReferralCyclesTest {
    @Test
    void aForestHasNoCycle() {
        assertThat(ReferralCycles.of(ReferralForestTest.IDS, ReferralForestTest.REFERRERS)).isEmpty();
        assertThat(ReferralCycles.of(new long[0], new long[0])).isEmpty();
    }

    @Test
    void everyCycleIsFoundInReferralOrderAndTheCustomersBelowAreLeftOut() {
        // Positions: 0:1 ← 2 ← 1 (a cycle of two); 2:3 hangs below it (referred by 1); 3:4 is a root;
        // 4:7 ← 9 ← 8 ← 7 (a cycle of three, given out of order); 7:5 refers itself; 8:6 was referred by 99,
        // who is not among them (the chain ends there).
        long[] ids = {1, 2, 3, 4, 7, 8, 9, 5, 6};
        long[] referrers = {2, 1, 1, NONE, 9, 7, 8, 5, 99};
        List<int[]> cycles = ReferralCycles.of(ids, referrers);
        assertThat(cycles).containsExactly(new int[] {0, 1}, new int[] {4, 6, 5}, new int[] {7});
    }

    @Test
    void aCycleIsStartedAtItsFirstCustomerWhereverTheWalkEntersIt() {
        // 10 hangs below the cycle 20 ← 30 ← 40 ← 20 and comes first, so the walk enters the cycle at 20 (position 1)
        // but the cycle is reported from its member first in the input, 40 (position 1 is 20, 2 is 40, 3 is 30).
        long[] ids = {10, 20, 40, 30};
        long[] referrers = {20, 30, 20, 40};
        assertThat(ReferralCycles.of(ids, referrers)).containsExactly(new int[] {1, 3, 2});
    }

    @Test
    void duplicatesAndUnequalLengthsAreRefused() {
        assertThatThrownBy(() -> ReferralCycles.of(new long[] {1, 1}, new long[] {NONE, NONE}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customer 1 is listed twice");
        assertThatThrownBy(() -> ReferralCycles.of(new long[] {1}, new long[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 customer ids but 0");
    }

    @Test
    void aMillionLongChainAndAMillionLongCycleNeedNoRecursion() {
        int n = 1_000_000;
        long[] ids = new long[n];
        long[] referrers = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
            referrers[i] = i == 0 ? NONE : i;
        }
        assertThat(ReferralCycles.of(ids, referrers)).isEmpty();
        referrers[0] = n;
        List<int[]> cycles = ReferralCycles.of(ids, referrers);
        assertThat(cycles).hasSize(1);
        assertThat(cycles.get(0)).hasSize(n).startsWith(0, n - 1, n - 2);
    }

    /**
     * Random graphs (each customer referred by a random one or none): a customer is on a reported cycle exactly when
     * following its referrers returns to it, each cycle is reported once and in referral order, and
     * {@link ReferralForest#of} refuses exactly the graphs with a cycle.
     */
    @Test
    void randomGraphsAgreeWithWalkingAndWithTheForest() {
        SplittableRandom random = new SplittableRandom(8);
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(40);
            long[] ids = new long[n];
            long[] referrers = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = 100 + 7L * i;
            }
            for (int i = 0; i < n; i++) {
                referrers[i] = random.nextInt(3) == 0 ? NONE : ids[random.nextInt(n)];
            }
            List<int[]> cycles = ReferralCycles.of(ids, referrers);
            boolean[] reported = new boolean[n];
            for (int[] c : cycles) {
                for (int k = 0; k < c.length; k++) {
                    assertThat(reported[c[k]]).as("reported once").isFalse();
                    reported[c[k]] = true;
                    assertThat(referrers[c[k]]).isEqualTo(ids[c[(k + 1) % c.length]]);
                }
            }
            for (int i = 0; i < n; i++) {
                assertThat(reported[i]).as("round %d, position %d", round, i).isEqualTo(returnsToItself(ids,
                        referrers, i));
            }
            boolean forestBuilds;
            try {
                ReferralForest.of(ids, referrers);
                forestBuilds = true;
            } catch (IllegalArgumentException e) {
                forestBuilds = false;
            }
            assertThat(forestBuilds).isEqualTo(cycles.isEmpty());
        }
    }

    private static boolean returnsToItself(long[] ids, long[] referrers, int i) {
        int v = i;
        for (int step = 0; step <= ids.length; step++) {
            long r = referrers[v];
            if (r == NONE) {
                return false;
            }
            v = indexOf(ids, r);
            if (v == i) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(long[] ids, long id) {
        for (int k = 0; k < ids.length; k++) {
            if (ids[k] == id) {
                return k;
            }
        }
        throw new AssertionError("no customer " + id);
    }
}
