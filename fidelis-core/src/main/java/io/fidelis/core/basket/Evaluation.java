package io.fidelis.core.basket;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.fidelis.core.stats.Proportions;

/**
 * How well the rules' suggestions predict what customers buy next, on a time split: the rules are mined from the
 * baskets before a cut day, and every customer who buys in the held-out period (the cut day and after) and has
 * bought before it gets k suggestions from the items they bought before. A customer is a hit when any suggested item
 * is bought in the held-out period (suggestions never include an item already bought before the cut). The share of
 * hits is hit-rate@k, with its Wilson 95 % interval.
 *
 * <p>The baseline is the most popular items: the k items in the most training baskets that the customer has not
 * bought. A third list, the rules' suggestions filled up to k with the most popular items, shows what the two give
 * together (the rules alone may have fewer than k suggestions, or none, for a customer).
 */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * The outcome.
     *
     * @param cut                  the first held-out day
     * @param lastDay              the last day of any basket
     * @param k                    suggestions per customer
     * @param trainingBaskets      baskets before the cut
     * @param model                the rules mined from them
     * @param customers            customers evaluated: buying both before and from the cut
     * @param newCustomers         customers buying from the cut only (not evaluated: nothing to suggest from)
     * @param withRuleSuggestions  customers evaluated for whom at least one rule applies
     * @param rules                hit-rate@k of the rules' suggestions
     * @param popular              hit-rate@k of the most popular items not yet bought
     * @param rulesThenPopular     hit-rate@k of the rules' suggestions filled up with the most popular
     */
    public record Result(LocalDate cut, LocalDate lastDay, int k, int trainingBaskets, AssociationRules model,
                         int customers, int newCustomers, int withRuleSuggestions, Proportions.Share rules,
                         Proportions.Share popular, Proportions.Share rulesThenPopular) {
    }

    /**
     * The cut that holds out the last {@code months} months: the day after the last basket's, minus the months (for
     * a last basket on 2011-12-09 and 3 months, 2011-09-10).
     *
     * @throws IllegalArgumentException for no baskets, a basket without a day, or months &lt; 1
     */
    public static LocalDate cutMonthsBeforeEnd(Baskets baskets, int months) {
        if (months < 1) {
            throw new IllegalArgumentException("hold out at least 1 month, got " + months);
        }
        return LocalDate.ofEpochDay(lastDay(baskets) + 1L).minusMonths(months);
    }

    /**
     * Hit-rate@k of the rules mined from the baskets before {@code cut} against the most popular items.
     *
     * @param baskets baskets with a day each; those without a customer are mined but not evaluated
     * @throws IllegalArgumentException for k &lt; 1, a basket without a day, no basket before the cut, or no customer
     *                                  buying both before and from the cut
     */
    public static Result hitRate(Baskets baskets, LocalDate cut, int k, AssociationRules.Options options) {
        Objects.requireNonNull(cut, "cut");
        Objects.requireNonNull(options, "options");
        if (k < 1) {
            throw new IllegalArgumentException("suggest at least 1 item, got k = " + k);
        }
        int last = lastDay(baskets);
        int cutDay = Math.toIntExact(cut.toEpochDay());
        Baskets training = baskets.filter(b -> baskets.day(b) < cutDay);
        if (training.size() == 0) {
            throw new IllegalArgumentException("no basket before the cut " + cut);
        }
        AssociationRules model = AssociationRules.fit(training, options);
        int[][] before = itemsByCustomer(baskets, cutDay, true);
        int[][] after = itemsByCustomer(baskets, cutDay, false);
        // Items by training baskets, descending (ties by item number).
        int items = baskets.itemCount();
        Integer[] byPopularity = new Integer[items];
        for (int i = 0; i < items; i++) {
            byPopularity[i] = i;
        }
        Arrays.sort(byPopularity, (x, y) -> model.itemCount(x) != model.itemCount(y)
                ? Integer.compare(model.itemCount(y), model.itemCount(x)) : Integer.compare(x, y));
        int customers = 0;
        int newCustomers = 0;
        int withSuggestions = 0;
        int ruleHits = 0;
        int popularHits = 0;
        int bothHits = 0;
        boolean[] excluded = new boolean[items];
        for (int c = 0; c < after.length; c++) {
            if (after[c].length == 0) {
                continue;
            }
            if (before[c].length == 0) {
                newCustomers++;
                continue;
            }
            customers++;
            int[] mine = before[c];
            int[] next = after[c];
            List<AssociationRules.Recommendation> suggested = model.recommend(mine, k);
            withSuggestions += suggested.isEmpty() ? 0 : 1;
            boolean ruleHit = false;
            for (int i : mine) {
                excluded[i] = true;
            }
            for (AssociationRules.Recommendation r : suggested) {
                ruleHit |= Arrays.binarySearch(next, r.item()) >= 0;
                excluded[r.item()] = true;
            }
            ruleHits += ruleHit ? 1 : 0;
            // Fill the rules' list up to k with the most popular items not bought and not suggested.
            boolean fillHit = ruleHit;
            int filled = suggested.size();
            for (int i = 0; i < items && filled < k && model.itemCount(byPopularity[i]) > 0; i++) {
                int item = byPopularity[i];
                if (!excluded[item]) {
                    fillHit |= Arrays.binarySearch(next, item) >= 0;
                    filled++;
                }
            }
            bothHits += fillHit ? 1 : 0;
            for (AssociationRules.Recommendation r : suggested) {
                excluded[r.item()] = false;
            }
            boolean popularHit = false;
            int shown = 0;
            for (int i = 0; i < items && shown < k && model.itemCount(byPopularity[i]) > 0; i++) {
                int item = byPopularity[i];
                if (!excluded[item]) {
                    popularHit |= Arrays.binarySearch(next, item) >= 0;
                    shown++;
                }
            }
            popularHits += popularHit ? 1 : 0;
            for (int i : mine) {
                excluded[i] = false;
            }
        }
        if (customers == 0) {
            throw new IllegalArgumentException("no customer buys both before and from the cut " + cut);
        }
        return new Result(cut, LocalDate.ofEpochDay(last), k, training.size(), model, customers, newCustomers,
                withSuggestions, Proportions.wilson(ruleHits, customers, 0.95),
                Proportions.wilson(popularHits, customers, 0.95), Proportions.wilson(bothHits, customers, 0.95));
    }

    private static int lastDay(Baskets baskets) {
        if (baskets.size() == 0) {
            throw new IllegalArgumentException("no baskets");
        }
        int last = Integer.MIN_VALUE;
        for (int b = 0; b < baskets.size(); b++) {
            if (baskets.day(b) == Baskets.NO_DAY) {
                throw new IllegalArgumentException("basket " + b + " has no day: a time split needs one for each");
            }
            last = Math.max(last, baskets.day(b));
        }
        return last;
    }

    /** Each customer's distinct items (ascending) in the baskets before the cut, or from the cut on. */
    private static int[][] itemsByCustomer(Baskets baskets, int cutDay, boolean beforeCut) {
        int customers = baskets.customerCount();
        int[] start = new int[customers + 1];
        for (int b = 0; b < baskets.size(); b++) {
            int c = baskets.customer(b);
            if (c >= 0 && (baskets.day(b) < cutDay) == beforeCut) {
                start[c + 1] += baskets.start[b + 1] - baskets.start[b];
            }
        }
        for (int c = 0; c < customers; c++) {
            start[c + 1] += start[c];
        }
        int[] all = new int[start[customers]];
        int[] fill = Arrays.copyOf(start, customers);
        for (int b = 0; b < baskets.size(); b++) {
            int c = baskets.customer(b);
            if (c >= 0 && (baskets.day(b) < cutDay) == beforeCut) {
                for (int i = baskets.start[b]; i < baskets.start[b + 1]; i++) {
                    all[fill[c]++] = baskets.items[i];
                }
            }
        }
        int[][] out = new int[customers][];
        for (int c = 0; c < customers; c++) {
            int[] mine = Arrays.copyOfRange(all, start[c], start[c + 1]);
            Arrays.sort(mine);
            int n = 0;
            for (int i = 0; i < mine.length; i++) {
                if (i == 0 || mine[i] != mine[i - 1]) {
                    mine[n++] = mine[i];
                }
            }
            out[c] = n == mine.length ? mine : Arrays.copyOf(mine, n);
        }
        return out;
    }
}
