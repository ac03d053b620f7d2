package io.fidelis.core.basket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import io.fidelis.core.basket.AssociationRules.Itemset;
import io.fidelis.core.basket.AssociationRules.Options;
import io.fidelis.core.basket.AssociationRules.Recommendation;
import io.fidelis.core.basket.AssociationRules.Rule;
import org.junit.jupiter.api.Test;

/**
 * On random small data sets, the model's itemsets, rules and suggestions equal those of a brute-force count of every
 * itemset of up to three items over every basket.
 */
class AssociationRulesPropertyTest {

    @Test
    void modelEqualsBruteForce() {
        SplittableRandom random = new SplittableRandom(20260101);
        double[] supports = {0.02, 0.05, 0.1, 0.2};
        int checkedRules = 0;
        for (int trial = 0; trial < 200; trial++) {
            int items = 2 + random.nextInt(10);
            int n = random.nextInt(80);
            int[][] baskets = new int[n][];
            for (int b = 0; b < n; b++) {
                // Skewed: low item numbers are more likely; sizes 0 … 7 with repeats.
                baskets[b] = new int[random.nextInt(8)];
                for (int i = 0; i < baskets[b].length; i++) {
                    baskets[b][i] = (int) (items * Math.pow(random.nextDouble(), 1.7));
                }
            }
            Options options = Options.defaults().withMinSupport(supports[random.nextInt(supports.length)])
                    .withMinConfidence(random.nextInt(4) * 0.2).withMinLift(random.nextBoolean() ? 0 : 1)
                    .withMaxAntecedent(1 + random.nextInt(2));
            // Half the trials count triples in the hash map that large data sets use.
            AssociationRules model = AssociationRules.fit(Baskets.of(baskets), options,
                    trial % 2 == 0 ? AssociationRules.DENSE_CELLS : 0);
            BruteForce expected = new BruteForce(baskets, items, options);
            assertThat(model.frequentItemsets()).as("trial " + trial).containsExactlyElementsOf(expected.itemsets);
            assertThat(model.rules()).as("trial " + trial).containsExactlyElementsOf(expected.rules);
            checkedRules += expected.rules.size();
            for (int c = 0; c < 5; c++) {
                int[] mine = new int[random.nextInt(5)];
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = random.nextInt(items);
                }
                int k = 1 + random.nextInt(4);
                assertThat(model.recommend(mine, k)).as("trial " + trial + ", customer " + Arrays.toString(mine))
                        .containsExactlyElementsOf(expected.recommend(mine, k));
            }
        }
        // The trials are not vacuous.
        assertThat(checkedRules).isGreaterThan(1000);
    }

    /** Counts every itemset of 1 to 3 items by scanning every basket. */
    private static final class BruteForce {
        final List<Itemset> itemsets = new ArrayList<>();
        final List<Rule> rules = new ArrayList<>();
        private final Set<Integer>[] sets;
        private final int n;

        @SuppressWarnings("unchecked")
        BruteForce(int[][] baskets, int items, Options options) {
            n = baskets.length;
            sets = new Set[n];
            for (int b = 0; b < n; b++) {
                sets[b] = new HashSet<>();
                for (int i : baskets[b]) {
                    sets[b].add(i);
                }
            }
            double minCount = Math.max(1, Math.ceil(options.minSupport() * n - 1e-9));
            int maxSize = options.maxAntecedent() + 1;
            for (int a = 0; a < items; a++) {
                add(minCount, a);
            }
            for (int a = 0; a < items; a++) {
                for (int b = a + 1; b < items; b++) {
                    add(minCount, a, b);
                }
            }
            if (maxSize == 3) {
                for (int a = 0; a < items; a++) {
                    for (int b = a + 1; b < items; b++) {
                        for (int c = b + 1; c < items; c++) {
                            add(minCount, a, b, c);
                        }
                    }
                }
            }
            for (Itemset s : itemsets) {
                int[] x = s.items();
                for (int drop = 0; drop < x.length && x.length > 1; drop++) {
                    int consequent = x[drop];
                    int[] antecedent = new int[x.length - 1];
                    for (int i = 0, j = 0; i < x.length; i++) {
                        if (i != drop) {
                            antecedent[j++] = x[i];
                        }
                    }
                    int antecedentCount = count(antecedent);
                    double confidence = (double) s.count() / antecedentCount;
                    double lift = confidence / ((double) count(consequent) / n);
                    if (confidence >= options.minConfidence() - 1e-12 && lift >= options.minLift() - 1e-12) {
                        rules.add(new Rule(antecedent, consequent, s.count(), antecedentCount,
                                (double) s.count() / n, confidence, lift));
                    }
                }
            }
            rules.sort(AssociationRules.RANK);
        }

        private void add(double minCount, int... items) {
            int count = count(items);
            if (count >= minCount) {
                itemsets.add(new Itemset(items, count, (double) count / n));
            }
        }

        int count(int... items) {
            int count = 0;
            for (Set<Integer> basket : sets) {
                boolean all = true;
                for (int i : items) {
                    all &= basket.contains(i);
                }
                count += all ? 1 : 0;
            }
            return count;
        }

        /** For each item not bought, the first rule in rank order that applies; the items by that rule's rank. */
        List<Recommendation> recommend(int[] mine, int k) {
            Set<Integer> has = new HashSet<>();
            for (int i : mine) {
                has.add(i);
            }
            List<Recommendation> out = new ArrayList<>();
            Set<Integer> suggested = new HashSet<>();
            for (Rule r : rules) {
                boolean applies = !has.contains(r.consequent()) && !suggested.contains(r.consequent());
                for (int a : r.antecedent()) {
                    applies &= has.contains(a);
                }
                if (applies && out.size() < k) {
                    suggested.add(r.consequent());
                    out.add(new Recommendation(r.consequent(), Integer.toString(r.consequent()), r));
                }
            }
            out.sort(Comparator.comparingInt(x -> rules.indexOf(x.because())));
            return out;
        }
    }
}
