package io.fidelis.core.referral;

import static io.fidelis.core.referral.ReferralForest.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The referral forest: counts, chain sizes, depths, chain values, paging, paths, and what it refuses. */
class ReferralForestTest {
    /*
     * The hand-worked forest (ids; "a → b" means a referred b):
     *
     *   10 → 20, 30      20 → 40, 50      40 → 60      70 → 80
     *
     *        10                70
     *       /  \               |
     *     20    30             80
     *    /  \
     *  40    50
     *   |
     *  60
     *
     * Given in a shuffled order, referees before their referrers, so the build cannot rely on the input order.
     */
    static final long[] IDS = {60, 40, 10, 50, 20, 80, 30, 70};
    static final long[] REFERRERS = {40, 20, NONE, 20, 10, 70, 10, NONE};

    static ReferralForest small() {
        return ReferralForest.of(IDS, REFERRERS);
    }

    @Test
    void handWorkedCountsChainsAndDepths() {
        ReferralForest f = small();
        assertThat(f.size()).isEqualTo(8);
        assertThat(f.rootCount()).isEqualTo(2); // 10 and 70
        assertThat(f.referredCount()).isEqualTo(6);
        assertThat(f.maxDepth()).isEqualTo(3); // 60: 10 → 20 → 40 → 60

        // Direct referrals: 10 referred 20 and 30; 20 referred 40 and 50; 40 referred 60; 70 referred 80.
        long[] ids = {10, 20, 30, 40, 50, 60, 70, 80};
        int[] direct = {2, 2, 0, 1, 0, 0, 1, 0};
        // Whole chain: 10 → {20, 30, 40, 50, 60} = 5; 20 → {40, 50, 60} = 3; 40 → {60} = 1; 70 → {80} = 1.
        int[] chain = {5, 3, 0, 1, 0, 0, 1, 0};
        // Generation below the root: roots 10 and 70 are 0.
        int[] depth = {0, 1, 1, 2, 2, 3, 0, 1};
        for (int k = 0; k < ids.length; k++) {
            assertThat(f.directReferrals(ids[k])).as("direct referrals of %d", ids[k]).isEqualTo(direct[k]);
            assertThat(f.chainSize(ids[k])).as("chain of %d", ids[k]).isEqualTo(chain[k]);
            assertThat(f.depth(ids[k])).as("depth of %d", ids[k]).isEqualTo(depth[k]);
        }
        assertThat(f.referrer(60)).isEqualTo(40);
        assertThat(f.referrer(10)).isEqualTo(NONE);
        assertThat(f.indexOf(50)).isEqualTo(3);
        assertThat(f.indexOf(99)).isEqualTo(-1);
        assertThat(f.contains(99)).isFalse();
        assertThat(f.customerId(2)).isEqualTo(10);
        assertThat(f.referrerAt(0)).isEqualTo(1); // 60 (position 0) was referred by 40 (position 1)
        assertThat(f.directReferralsAt(2)).isEqualTo(2); // 10
        assertThat(f.chainSizeAt(2)).isEqualTo(5);
        assertThat(f.depthAt(0)).isEqualTo(3);
    }

    @Test
    void pathToRootAndRoot() {
        ReferralForest f = small();
        assertThat(f.pathToRoot(60)).containsExactly(60, 40, 20, 10);
        assertThat(f.pathToRoot(80)).containsExactly(80, 70);
        assertThat(f.pathToRoot(10)).containsExactly(10);
        assertThat(f.root(60)).isEqualTo(10);
        assertThat(f.root(80)).isEqualTo(70);
        assertThat(f.root(70)).isEqualTo(70);
    }

    @Test
    void childrenInInputOrderAndPaged() {
        ReferralForest f = small();
        // 20 sits at position 4 and 30 at position 6; 40 at 1 and 50 at 3.
        assertThat(f.children(10)).containsExactly(20, 30);
        assertThat(f.children(20)).containsExactly(40, 50);
        assertThat(f.children(60)).isEmpty();

        ReferralForest.Children first = f.children(10, 0, 1);
        assertThat(first.customerIds()).containsExactly(20);
        assertThat(first.total()).isEqualTo(2);
        assertThat(first.hasMore()).isTrue();
        ReferralForest.Children second = f.children(10, 1, 5);
        assertThat(second.customerIds()).containsExactly(30);
        assertThat(second.offset()).isEqualTo(1);
        assertThat(second.hasMore()).isFalse();
        assertThat(f.children(10, 7, 5).customerIds()).isEmpty();
        assertThat(f.children(10, 0, 2)).isEqualTo(new ReferralForest.Children(10, 2, 0, new long[] {20, 30}));
        assertThatThrownBy(() -> f.children(10, -1, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a page needs offset ≥ 0 and limit ≥ 0, got offset -1 and limit 5");
        assertThatThrownBy(() -> f.children(99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customer 99 is not in the referral forest");
    }

    @Test
    void chainValuesDirectAndIndirectApart() {
        ReferralForest f = small();
        // Each customer's value is 10 × its id: 10 → 100, 20 → 200, … (in the forest's input order).
        double[] values = new double[IDS.length];
        for (int i = 0; i < IDS.length; i++) {
            values[i] = 10.0 * IDS[i];
        }
        ReferralForest.ChainValues v = f.chainValues(values);
        // 10: direct 20 + 30 → 200 + 300 = 500; indirect 40 + 50 + 60 → 400 + 500 + 600 = 1500.
        assertThat(v.direct(10)).isEqualTo(500);
        assertThat(v.indirect(10)).isEqualTo(1500);
        assertThat(v.chain(10)).isEqualTo(2000);
        // 20: direct 40 + 50 → 900; indirect 60 → 600.
        assertThat(v.direct(20)).isEqualTo(900);
        assertThat(v.indirect(20)).isEqualTo(600);
        // 40: direct 60 → 600, nothing beyond. 70: direct 80 → 800.
        assertThat(v.direct(40)).isEqualTo(600);
        assertThat(v.indirect(40)).isEqualTo(0);
        assertThat(v.direct(70)).isEqualTo(800);
        assertThat(v.indirect(70)).isEqualTo(0);
        // Leaves: nothing. The customer's own value is never counted.
        assertThat(v.direct(60)).isEqualTo(0);
        assertThat(v.indirect(30)).isEqualTo(0);
        // In input order: 60, 40, 10, 50, 20, 80, 30, 70.
        assertThat(v.directSums()).containsExactly(0, 600, 500, 0, 900, 0, 0, 800);
        assertThat(v.indirectSums()).containsExactly(0, 0, 1500, 0, 600, 0, 0, 0);
        assertThat(v.directAt(2)).isEqualTo(500);
        assertThat(v.indirectAt(4)).isEqualTo(600);
    }

    @Test
    void chainValuesRefuseBadInput() {
        ReferralForest f = small();
        assertThatThrownBy(() -> f.chainValues(new double[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there are 3 values for 8 customers: one value per customer, in the order of the"
                        + " forest's customers");
        double[] nan = new double[8];
        nan[3] = Double.NaN; // customer 50, a leaf
        assertThatThrownBy(() -> f.chainValues(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value of customer 50 is NaN: values must be finite");
        double[] inf = new double[8];
        inf[7] = Double.POSITIVE_INFINITY; // customer 70, a root
        assertThatThrownBy(() -> f.chainValues(inf)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value of customer 70 is Infinity: values must be finite");
    }

    @Test
    void selfReferralIsRefused() {
        assertThatThrownBy(() -> ReferralForest.of(new long[] {1, 7}, new long[] {NONE, 7}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("customer 7 refers itself");
    }

    @Test
    void twoCycleIsRefusedNamingBothCustomers() {
        // 1 and 2 referred each other; 3 hangs below the cycle; 4 is a proper root.
        assertThatThrownBy(() -> ReferralForest.of(new long[] {4, 1, 2, 3}, new long[] {NONE, 2, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("referral cycle of 2 customers: 1 was referred by 2, 2 by 1; 3 customers are in or"
                        + " below a cycle");
    }

    @Test
    void longCycleIsRefusedNamingTheFirstTen() {
        // 1 was referred by 2, 2 by 3, …, 11 by 12, 12 by 1.
        long[] ids = new long[12];
        long[] refs = new long[12];
        for (int k = 0; k < 12; k++) {
            ids[k] = k + 1;
            refs[k] = k == 11 ? 1 : k + 2;
        }
        assertThatThrownBy(() -> ReferralForest.of(ids, refs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("referral cycle of 12 customers: 1 was referred by 2, 2 by 3, 3 by 4, 4 by 5, 5 by 6,"
                        + " 6 by 7, 7 by 8, 8 by 9, 9 by 10, 10 by 11, … (2 more); 12 customers are in or below a"
                        + " cycle");
        // A cycle beside a valid tree: 5 → 6 is fine, 7 → 8 → 9 → 7 is not.
        assertThatThrownBy(() -> ReferralForest.of(new long[] {5, 6, 7, 8, 9}, new long[] {NONE, 5, 9, 7, 8}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("referral cycle of 3 customers: 7 was referred by 9, 9 by 8, 8 by 7; 3 customers are"
                        + " in or below a cycle");
    }

    @Test
    void unknownReferrerAndDuplicateAndReservedIdsAreRefused() {
        assertThatThrownBy(() -> ReferralForest.of(new long[] {1, 5}, new long[] {NONE, 99}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customer 5 was referred by 99, who is not among the customers");
        assertThatThrownBy(() -> ReferralForest.of(new long[] {3, 4, 3}, new long[] {NONE, NONE, NONE}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customer 3 is listed twice, at positions 0 and 2");
        assertThatThrownBy(() -> ReferralForest.of(new long[] {NONE}, new long[] {NONE}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customer id -9223372036854775808 (at position 0) is reserved for ReferralForest.NONE,"
                        + " no referrer");
        assertThatThrownBy(() -> ReferralForest.of(new long[] {1, 2}, new long[] {NONE}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there are 2 customer ids but 1 referrer ids: each customer needs its referrer id or"
                        + " ReferralForest.NONE");
    }

    @Test
    void emptyForest() {
        ReferralForest f = ReferralForest.of(new long[0], new long[0]);
        assertThat(f.size()).isZero();
        assertThat(f.maxDepth()).isZero();
        assertThat(f.chainValues(new double[0]).directSums()).isEmpty();
    }

    @Test
    void chainOf200000GenerationsNeedsNoRecursion() {
        // Customer k + 1 was referred by k, k = 1 … 199,999: one chain 200,000 customers long, given deepest first.
        int n = 200_000;
        long[] ids = new long[n];
        long[] refs = new long[n];
        for (int i = 0; i < n; i++) {
            long id = n - i;
            ids[i] = id;
            refs[i] = id == 1 ? NONE : id - 1;
        }
        ReferralForest f = ReferralForest.of(ids, refs);
        assertThat(f.maxDepth()).isEqualTo(n - 1);
        assertThat(f.depth(n)).isEqualTo(n - 1);
        assertThat(f.chainSize(1)).isEqualTo(n - 1);
        assertThat(f.chainSize(1000)).isEqualTo(n - 1000);
        assertThat(f.directReferrals(1)).isEqualTo(1);
        long[] path = f.pathToRoot(n);
        assertThat(path).hasSize(n);
        assertThat(path[0]).isEqualTo(n);
        assertThat(path[n - 1]).isEqualTo(1);
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        ReferralForest.ChainValues v = f.chainValues(ones);
        // Customer 1: its referee 2 directly (1), then 3 … 200,000 indirectly (199,998).
        assertThat(v.direct(1)).isEqualTo(1);
        assertThat(v.indirect(1)).isEqualTo(n - 2);
        // And as a 200,000-long cycle (1 referred by 200,000 as well) it is refused, without recursion either.
        refs[n - 1] = n;
        assertThatThrownBy(() -> ReferralForest.of(ids, refs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("referral cycle of 200000 customers: 200000 was referred by 199999,")
                .hasMessageEndingWith("… (199990 more); 200000 customers are in or below a cycle");
    }

    @Test
    void randomForestAgreesWithWalkingUpEveryAncestor() {
        // Brute force for the reference: for each customer, walk up its referrers and add its value to each
        // ancestor's direct (first ancestor) or indirect (the others) sum, its count to each ancestor's chain size.
        SplittableRandom random = new SplittableRandom(7);
        int n = 3000;
        long[] ids = new long[n];
        long[] refs = new long[n];
        int[] parentOf = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1_000_003L * i - 5_000_000L; // negative ids too
            parentOf[i] = i > 0 && random.nextDouble() < 0.6 ? random.nextInt(i) : -1;
            refs[i] = parentOf[i] < 0 ? NONE : ids[parentOf[i]];
        }
        // Shuffle the positions so that referrers do not always come first.
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        long[] sIds = new long[n];
        long[] sRefs = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            sIds[i] = ids[perm[i]];
            sRefs[i] = refs[perm[i]];
            values[i] = random.nextInt(1000) / 4.0; // exact in binary, so the sums are exact in any order
        }
        ReferralForest f = ReferralForest.of(sIds, sRefs);
        ReferralForest.ChainValues v = f.chainValues(values);
        int[] direct = new int[n];
        int[] chain = new int[n];
        int[] depth = new int[n];
        double[] dSum = new double[n];
        double[] iSum = new double[n];
        for (int i = 0; i < n; i++) {
            int up = parentOf[perm[i]];
            int generation = 0;
            while (up >= 0) {
                generation++;
                chain[up]++;
                if (generation == 1) {
                    direct[up]++;
                    dSum[up] += values[i];
                } else {
                    iSum[up] += values[i];
                }
                up = parentOf[up];
            }
            depth[perm[i]] = generation;
        }
        for (int i = 0; i < n; i++) {
            int orig = perm[i];
            assertThat(f.directReferralsAt(i)).isEqualTo(direct[orig]);
            assertThat(f.chainSizeAt(i)).isEqualTo(chain[orig]);
            assertThat(f.depthAt(i)).isEqualTo(depth[orig]);
            assertThat(v.directAt(i)).isEqualTo(dSum[orig]);
            assertThat(v.indirectAt(i)).isEqualTo(iSum[orig]);
        }
    }
}
