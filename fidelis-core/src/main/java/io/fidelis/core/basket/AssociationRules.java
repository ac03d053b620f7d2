package io.fidelis.core.basket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Co-purchase association rules (Agrawal, Imieliński &amp; Swami 1993; Agrawal &amp; Srikant 1994): the itemsets of
 * up to three items bought together in at least a minimum share of baskets, and the rules X → y with an antecedent X
 * of one or two items and a single consequent y, with
 * <ul>
 * <li>support = baskets holding X ∪ {y} / all baskets,</li>
 * <li>confidence = baskets holding X ∪ {y} / baskets holding X, the share of X's buyers who also buy y, and</li>
 * <li>lift = confidence / (baskets holding y / all baskets), how many times more likely y is with X than
 * without knowing anything (1: independent).</li>
 * </ul>
 * A rule is kept when its itemset is frequent, its confidence reaches the minimum and its lift reaches the minimum
 * (1 by default: rules that make the item less likely are no reason to suggest it).
 *
 * <p><b>Mining.</b> An itemset is frequent when its count is at least ⌈minSupport · baskets⌉ (at least 1). Items
 * are counted in one pass; the frequent ones are renumbered from the least to the most frequent and the baskets cut
 * down to them. Pairs are counted item by item in the vertical layout (for each item a, the baskets that hold it,
 * with a dense counter for the more frequent items that follow a), which needs memory for one row of counters only.
 * Triples are counted the same way in each item's projected baskets, among only the partners b with {a, b}
 * frequent; a triple counted at least the minimum is frequent, so none of its pairs needs to be looked up (the
 * Apriori property, every subset of a frequent itemset is frequent, makes the pruning exact). This is the depth-two
 * case of Eclat/FP-growth's projection (Zaki 2000; Han, Pei &amp; Yin 2000), processing the rarest items first so
 * that each projection counts among fewer, more frequent partners.
 *
 * <p><b>Suggestions.</b> {@link #recommend} ranks the items a customer does not have by the best rule whose
 * antecedent the customer has: by confidence, then lift, then support. Immutable and safe to share between threads.
 */
public final class AssociationRules {

    /**
     * Settings (defaults in brackets).
     *
     * @param minSupport       the least share of baskets holding an itemset, in (0, 1] [0.005]
     * @param minConfidence    the least confidence of a rule, in [0, 1] [0.1]
     * @param minLift          the least lift of a rule, ≥ 0 [1]
     * @param maxAntecedent    the most items in an antecedent, 1 or 2 [2] (1 mines pairs only)
     */
    public record Options(double minSupport, double minConfidence, double minLift, int maxAntecedent) {
        public Options {
            if (!(minSupport > 0 && minSupport <= 1)) {
                throw new IllegalArgumentException("the minimum support is a share of baskets in (0, 1], got "
                        + minSupport);
            }
            if (!(minConfidence >= 0 && minConfidence <= 1)) {
                throw new IllegalArgumentException("the minimum confidence is a share in [0, 1], got "
                        + minConfidence);
            }
            if (!(minLift >= 0) || Double.isInfinite(minLift)) {
                throw new IllegalArgumentException("the minimum lift must be finite and at least 0, got " + minLift);
            }
            if (maxAntecedent < 1 || maxAntecedent > 2) {
                throw new IllegalArgumentException("an antecedent has 1 or 2 items, got a maximum of "
                        + maxAntecedent);
            }
        }

        public static Options defaults() {
            return new Options(0.005, 0.1, 1, 2);
        }

        public Options withMinSupport(double share) {
            return new Options(share, minConfidence, minLift, maxAntecedent);
        }

        public Options withMinConfidence(double share) {
            return new Options(minSupport, share, minLift, maxAntecedent);
        }

        public Options withMinLift(double lift) {
            return new Options(minSupport, minConfidence, lift, maxAntecedent);
        }

        public Options withMaxAntecedent(int items) {
            return new Options(minSupport, minConfidence, minLift, items);
        }
    }

    /**
     * A frequent itemset.
     *
     * @param items   ascending item numbers (1 to 3)
     * @param count   the baskets holding all of them
     * @param support count / baskets
     */
    public record Itemset(int[] items, int count, double support) {
        public Itemset {
            items = items.clone();
        }

        @Override
        public int[] items() {
            return items.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Itemset s && Arrays.equals(items, s.items) && count == s.count
                    && Double.compare(support, s.support) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(items) + count;
        }

        @Override
        public String toString() {
            return Arrays.toString(items) + " ×" + count;
        }
    }

    /**
     * A rule antecedent → consequent.
     *
     * @param antecedent      ascending item numbers (1 or 2)
     * @param consequent      the item suggested
     * @param count           the baskets holding the antecedent and the consequent
     * @param antecedentCount the baskets holding the antecedent
     * @param support         count / baskets
     * @param confidence      count / antecedentCount
     * @param lift            confidence / (baskets holding the consequent / baskets)
     */
    public record Rule(int[] antecedent, int consequent, int count, int antecedentCount, double support,
                       double confidence, double lift) {
        public Rule {
            antecedent = antecedent.clone();
        }

        @Override
        public int[] antecedent() {
            return antecedent.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rule r && Arrays.equals(antecedent, r.antecedent) && consequent == r.consequent
                    && count == r.count && antecedentCount == r.antecedentCount
                    && Double.compare(support, r.support) == 0 && Double.compare(confidence, r.confidence) == 0
                    && Double.compare(lift, r.lift) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(antecedent) + consequent) + count;
        }

        @Override
        public String toString() {
            return Arrays.toString(antecedent) + " → " + consequent + String.format(java.util.Locale.ROOT,
                    " (support %.4f, confidence %.4f, lift %.3f)", support, confidence, lift);
        }
    }

    /**
     * A suggested item with the rule that suggests it most strongly.
     *
     * @param label the item's label in the baskets the rules were mined from
     */
    public record Recommendation(int item, String label, Rule because) {
    }

    /** Rules in rank order: confidence, lift, count (descending), then fewer antecedent items, then by items. */
    static final Comparator<Rule> RANK = Comparator.comparingDouble(Rule::confidence).reversed()
            .thenComparing(Comparator.comparingDouble(Rule::lift).reversed())
            .thenComparing(Comparator.comparingInt(Rule::count).reversed())
            .thenComparingInt(r -> r.antecedent.length)
            .thenComparing((a, b) -> Arrays.compare(a.antecedent, b.antecedent))
            .thenComparingInt(Rule::consequent);

    private final Options options;
    private final int baskets;
    private final int minCount;
    private final List<String> labels;
    private final List<Itemset> itemsets;
    private final List<Rule> rules;
    /** Rules with a one-item antecedent a: ranks {@code byItem[byItemStart[a]] …}, best first. */
    private final int[] byItemStart;
    private final int[] byItem;
    /** Two-item antecedents: packed pair → group g; group g's rules are ranks {@code byPair[byPairStart[g]] …}. */
    private final LongIntMap pairGroups;
    private final long[] pairOfGroup;
    private final int[] byPairStart;
    private final int[] byPair;
    /** Item counts of all baskets, by item number. */
    private final int[] itemCounts;

    private AssociationRules(Options options, int baskets, int minCount, List<String> labels, int[] itemCounts,
                             List<Itemset> itemsets, List<Rule> rules) {
        this.options = options;
        this.baskets = baskets;
        this.minCount = minCount;
        this.labels = labels;
        this.itemCounts = itemCounts;
        this.itemsets = List.copyOf(itemsets);
        this.rules = List.copyOf(rules);
        int items = itemCounts.length;
        byItemStart = new int[items + 1];
        LongIntMap groups = new LongIntMap(16);
        List<Long> groupPairs = new ArrayList<>();
        for (Rule r : this.rules) {
            if (r.antecedent.length == 1) {
                byItemStart[r.antecedent[0] + 1]++;
            } else {
                long key = pack(r.antecedent[0], r.antecedent[1]);
                if (groups.get(key, -1) < 0) {
                    groups.put(key, groupPairs.size());
                    groupPairs.add(key);
                }
            }
        }
        for (int i = 0; i < items; i++) {
            byItemStart[i + 1] += byItemStart[i];
        }
        byItem = new int[byItemStart[items]];
        pairOfGroup = groupPairs.stream().mapToLong(Long::longValue).toArray();
        byPairStart = new int[pairOfGroup.length + 1];
        for (Rule r : this.rules) {
            if (r.antecedent.length == 2) {
                byPairStart[groups.get(pack(r.antecedent[0], r.antecedent[1]), -1) + 1]++;
            }
        }
        for (int g = 0; g < pairOfGroup.length; g++) {
            byPairStart[g + 1] += byPairStart[g];
        }
        byPair = new int[byPairStart[pairOfGroup.length]];
        int[] fillItem = Arrays.copyOf(byItemStart, items);
        int[] fillPair = Arrays.copyOf(byPairStart, pairOfGroup.length);
        for (int rank = 0; rank < this.rules.size(); rank++) {
            Rule r = this.rules.get(rank);
            if (r.antecedent.length == 1) {
                byItem[fillItem[r.antecedent[0]]++] = rank;
            } else {
                byPair[fillPair[groups.get(pack(r.antecedent[0], r.antecedent[1]), -1)]++] = rank;
            }
        }
        this.pairGroups = groups;
    }

    static long pack(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    /**
     * Mines the frequent itemsets of up to three items and the rules among them.
     *
     * @throws NullPointerException for null arguments
     */
    public static AssociationRules fit(Baskets baskets, Options options) {
        return fit(baskets, options, DENSE_CELLS);
    }

    /** Triples of one item are counted in an array up to this many pairs of partners, in a hash map above. */
    static final int DENSE_CELLS = 1 << 22;

    static AssociationRules fit(Baskets baskets, Options options, int denseCells) {
        Mining m = new Mining(baskets, options, denseCells);
        return new AssociationRules(options, baskets.size(), m.minCount, baskets.labels(), m.itemCounts,
                m.itemsets(), m.rules());
    }

    /** The options the rules were mined with. */
    public Options options() {
        return options;
    }

    /** The baskets mined. */
    public int baskets() {
        return baskets;
    }

    /** The least count of a frequent itemset: ⌈minSupport · baskets⌉, at least 1. */
    public int minCount() {
        return minCount;
    }

    /** The frequent itemsets: by size, then by items. */
    public List<Itemset> frequentItemsets() {
        return itemsets;
    }

    /** The rules, best first (confidence, then lift, then count). */
    public List<Rule> rules() {
        return rules;
    }

    /** The baskets holding an item (0 for an item beyond those numbered). */
    public int itemCount(int item) {
        return item >= 0 && item < itemCounts.length ? itemCounts[item] : 0;
    }

    /** An item's label in the baskets mined. */
    public String label(int item) {
        return labels.get(item);
    }

    /**
     * Up to k items the customer does not have, best first: each item's best rule whose antecedent the customer
     * has (by confidence, then lift, then count), with that rule as the explanation. Items numbered beyond those of
     * the mined baskets are ignored; repeated items count once. Fewer than k when fewer rules apply.
     *
     * @param customerItems the items the customer has bought (numbers of the mined baskets)
     * @throws IllegalArgumentException for k &lt; 0 or a negative item
     */
    public List<Recommendation> recommend(int[] customerItems, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("the number of suggestions must be at least 0, got " + k);
        }
        int items = itemCounts.length;
        boolean[] has = new boolean[items];
        int[] mine = new int[customerItems.length];
        int m = 0;
        for (int item : customerItems) {
            if (item < 0) {
                throw new IllegalArgumentException("item numbers start at 0, got " + item);
            }
            if (item < items && !has[item]) {
                has[item] = true;
                mine[m++] = item;
            }
        }
        if (k == 0 || m == 0) {
            return List.of();
        }
        Arrays.sort(mine, 0, m);
        int[] best = new int[items];
        Arrays.fill(best, Integer.MAX_VALUE);
        for (int i = 0; i < m; i++) {
            int a = mine[i];
            for (int j = byItemStart[a]; j < byItemStart[a + 1]; j++) {
                offer(byItem[j], has, best);
            }
        }
        if (pairOfGroup.length > 0 && m > 1) {
            if ((long) m * (m - 1) / 2 <= pairOfGroup.length) {
                for (int i = 0; i < m; i++) {
                    for (int j = i + 1; j < m; j++) {
                        int g = pairGroups.get(pack(mine[i], mine[j]), -1);
                        if (g >= 0) {
                            offerGroup(g, has, best);
                        }
                    }
                }
            } else {
                for (int g = 0; g < pairOfGroup.length; g++) {
                    if (has[(int) (pairOfGroup[g] >>> 32)] && has[(int) pairOfGroup[g]]) {
                        offerGroup(g, has, best);
                    }
                }
            }
        }
        List<int[]> candidates = new ArrayList<>();
        for (int item = 0; item < items; item++) {
            if (best[item] != Integer.MAX_VALUE) {
                candidates.add(new int[] {best[item], item});
            }
        }
        candidates.sort(Comparator.comparingInt(c -> c[0]));
        List<Recommendation> out = new ArrayList<>(Math.min(k, candidates.size()));
        for (int i = 0; i < candidates.size() && out.size() < k; i++) {
            int item = candidates.get(i)[1];
            out.add(new Recommendation(item, labels.get(item), rules.get(candidates.get(i)[0])));
        }
        return out;
    }

    private void offerGroup(int g, boolean[] has, int[] best) {
        for (int j = byPairStart[g]; j < byPairStart[g + 1]; j++) {
            offer(byPair[j], has, best);
        }
    }

    private void offer(int rank, boolean[] has, int[] best) {
        int c = rules.get(rank).consequent;
        if (!has[c] && rank < best[c]) {
            best[c] = rank;
        }
    }

    /** The counting, in frequent-item numbers (0 = the least frequent frequent item). */
    private static final class Mining {
        final int n;
        final int minCount;
        final int[] itemCounts;
        final Options options;
        /** Frequent item number → item. */
        int[] itemOf;
        /** Frequent pairs (a &lt; b, frequent numbers) → count. */
        LongIntMap pairs;
        /** Frequent triples as a &lt; b &lt; c, frequent numbers, with their counts. */
        int[] triples = new int[48];
        int[] tripleCounts = new int[16];
        int tripleCount;

        Mining(Baskets data, Options options, int denseCells) {
            this.options = options;
            n = data.size();
            minCount = (int) Math.max(1, Math.ceil(options.minSupport() * n - 1e-9));
            int items = data.itemCount();
            itemCounts = new int[items];
            for (int item : data.items) {
                itemCounts[item]++;
            }
            // Frequent items, renumbered by ascending count (ties by item).
            int f = 0;
            for (int c : itemCounts) {
                f += c >= minCount ? 1 : 0;
            }
            long[] order = new long[f];
            int k = 0;
            for (int i = 0; i < items; i++) {
                if (itemCounts[i] >= minCount) {
                    order[k++] = ((long) itemCounts[i] << 32) | i;
                }
            }
            Arrays.sort(order);
            itemOf = new int[f];
            int[] frequentOf = new int[items];
            Arrays.fill(frequentOf, -1);
            for (int r = 0; r < f; r++) {
                itemOf[r] = (int) order[r];
                frequentOf[itemOf[r]] = r;
            }
            pairs = new LongIntMap(64);
            if (f < 2) {
                return;
            }
            // The baskets cut down to frequent items (renumbered, ascending); baskets left with < 2 are dropped.
            int[] start = new int[n + 1];
            int[] cut = new int[data.items.length];
            int baskets = 0;
            int at = 0;
            for (int b = 0; b < n; b++) {
                int from = at;
                for (int i = data.start[b]; i < data.start[b + 1]; i++) {
                    int r = frequentOf[data.items[i]];
                    if (r >= 0) {
                        cut[at++] = r;
                    }
                }
                if (at - from < 2) {
                    at = from;
                } else {
                    Arrays.sort(cut, from, at);
                    start[++baskets] = at;
                }
            }
            // The vertical layout: for each item, the positions in `cut` where it occurs; and each position's
            // basket end.
            int[] end = new int[at];
            int[] occStart = new int[f + 1];
            for (int b = 0; b < baskets; b++) {
                for (int i = start[b]; i < start[b + 1]; i++) {
                    end[i] = start[b + 1];
                    occStart[cut[i] + 1]++;
                }
            }
            for (int r = 0; r < f; r++) {
                occStart[r + 1] += occStart[r];
            }
            int[] occ = new int[at];
            int[] fill = Arrays.copyOf(occStart, f);
            for (int i = 0; i < at; i++) {
                occ[fill[cut[i]]++] = i;
            }
            boolean triplesToo = options.maxAntecedent() >= 2;
            int[] counter = new int[f];
            int[] partners = new int[f];
            int[] localOf = new int[f];
            Arrays.fill(localOf, -1);
            int[] projected = new int[f];
            int[] tri = new int[0];
            for (int a = 0; a < f; a++) {
                // Pairs {a, b}, b > a.
                for (int o = occStart[a]; o < occStart[a + 1]; o++) {
                    for (int i = occ[o] + 1, e = end[occ[o]]; i < e; i++) {
                        counter[cut[i]]++;
                    }
                }
                int p = 0;
                for (int b = a + 1; b < f; b++) {
                    if (counter[b] >= minCount) {
                        pairs.put(pack(a, b), counter[b]);
                        localOf[b] = p;
                        partners[p++] = b;
                    }
                    counter[b] = 0;
                }
                if (!triplesToo || p < 2) {
                    for (int i = 0; i < p; i++) {
                        localOf[partners[i]] = -1;
                    }
                    continue;
                }
                // Triples {a, b, c} in a's baskets, among its frequent partners.
                long cells = (long) p * (p - 1) / 2;
                boolean dense = cells <= denseCells;
                LongIntMap sparse = dense ? null : new LongIntMap(1024);
                if (dense && tri.length < cells) {
                    tri = new int[(int) Math.max(cells, Math.min(denseCells, tri.length * 2L))];
                }
                for (int o = occStart[a]; o < occStart[a + 1]; o++) {
                    int q = 0;
                    for (int i = occ[o] + 1, e = end[occ[o]]; i < e; i++) {
                        int local = localOf[cut[i]];
                        if (local >= 0) {
                            projected[q++] = local;
                        }
                    }
                    for (int i = 0; i < q; i++) {
                        int x = projected[i];
                        if (dense) {
                            // Row x of the upper triangle without the diagonal starts at x·(2p − x − 1)/2.
                            int row = (int) ((long) x * (2L * p - x - 1) / 2) - x - 1;
                            for (int j = i + 1; j < q; j++) {
                                tri[row + projected[j]]++;
                            }
                        } else {
                            for (int j = i + 1; j < q; j++) {
                                sparse.add(pack(x, projected[j]), 1);
                            }
                        }
                    }
                }
                if (dense) {
                    int cell = 0;
                    for (int x = 0; x < p; x++) {
                        for (int y = x + 1; y < p; y++, cell++) {
                            if (tri[cell] >= minCount) {
                                addTriple(a, partners[x], partners[y], tri[cell]);
                            }
                            tri[cell] = 0;
                        }
                    }
                } else {
                    int first = a;
                    sparse.forEach((key, count) -> {
                        if (count >= minCount) {
                            addTriple(first, partners[(int) (key >>> 32)], partners[(int) key], count);
                        }
                    });
                }
                for (int i = 0; i < p; i++) {
                    localOf[partners[i]] = -1;
                }
            }
        }

        private void addTriple(int a, int b, int c, int count) {
            if (tripleCount == tripleCounts.length) {
                tripleCounts = Arrays.copyOf(tripleCounts, tripleCount * 2);
                triples = Arrays.copyOf(triples, tripleCount * 6);
            }
            triples[3 * tripleCount] = a;
            triples[3 * tripleCount + 1] = b;
            triples[3 * tripleCount + 2] = c;
            tripleCounts[tripleCount++] = count;
        }

        List<Itemset> itemsets() {
            List<Itemset> out = new ArrayList<>();
            for (int r = 0; r < itemOf.length; r++) {
                out.add(itemset(new int[] {itemOf[r]}, itemCounts[itemOf[r]]));
            }
            pairs.forEach((key, count) -> out.add(itemset(items((int) (key >>> 32), (int) key), count)));
            for (int t = 0; t < tripleCount; t++) {
                out.add(itemset(items(triples[3 * t], triples[3 * t + 1], triples[3 * t + 2]), tripleCounts[t]));
            }
            out.sort(Comparator.comparingInt((Itemset s) -> s.items.length)
                    .thenComparing((x, y) -> Arrays.compare(x.items, y.items)));
            return out;
        }

        private Itemset itemset(int[] items, int count) {
            return new Itemset(items, count, (double) count / n);
        }

        /** Items of frequent numbers, ascending. */
        private int[] items(int... frequent) {
            int[] out = new int[frequent.length];
            for (int i = 0; i < frequent.length; i++) {
                out[i] = itemOf[frequent[i]];
            }
            Arrays.sort(out);
            return out;
        }

        List<Rule> rules() {
            List<Rule> out = new ArrayList<>();
            pairs.forEach((key, count) -> {
                int a = (int) (key >>> 32);
                int b = (int) key;
                rule(out, new int[] {itemOf[a]}, itemOf[b], count, itemCounts[itemOf[a]]);
                rule(out, new int[] {itemOf[b]}, itemOf[a], count, itemCounts[itemOf[b]]);
            });
            for (int t = 0; t < tripleCount; t++) {
                int a = triples[3 * t];
                int b = triples[3 * t + 1];
                int c = triples[3 * t + 2];
                int count = tripleCounts[t];
                rule(out, items(b, c), itemOf[a], count, pairs.get(pack(b, c), -1));
                rule(out, items(a, c), itemOf[b], count, pairs.get(pack(a, c), -1));
                rule(out, items(a, b), itemOf[c], count, pairs.get(pack(a, b), -1));
            }
            out.sort(RANK);
            return out;
        }

        private void rule(List<Rule> out, int[] antecedent, int consequent, int count, int antecedentCount) {
            double confidence = (double) count / antecedentCount;
            double lift = confidence / ((double) itemCounts[consequent] / n);
            if (confidence >= options.minConfidence() - 1e-12 && lift >= options.minLift() - 1e-12) {
                out.add(new Rule(antecedent, consequent, count, antecedentCount, (double) count / n, confidence,
                        lift));
            }
        }
    }
}
