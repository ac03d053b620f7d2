package io.fidelis.core.suggestion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proposes which improvement item each new suggestion belongs to. A suggestion and an item are compared by
 * <pre>
 *   similarity = w × subject + (1 − w) × cosine
 * </pre>
 * where {@code subject} is 1 when they name a product in common, ½ when they share only a category and 0 otherwise,
 * and {@code cosine} is the TF-IDF cosine of the suggestion's text against the item's texts taken together (see
 * {@link Tokens}: words in English, character bigrams in Chinese; the weights are fitted on all the texts at hand). A
 * suggestion joins its most similar item when the similarity reaches {@link Options#threshold} and the texts share
 * something ({@code cosine ≥} {@link Options#minimumCosine}: the same product alone does not make two suggestions
 * the same need); otherwise it starts a new item, which the next suggestions may join. Suggestions are taken in the
 * order given (oldest first), so the result is deterministic. Staff accept, move or split what this proposes.
 */
public final class SuggestionGrouping {
    private SuggestionGrouping() {
    }

    /**
     * @param subjectWeight {@code w} above, in [0, 1]
     * @param threshold     the least similarity to join an item
     * @param minimumCosine the least text similarity to join an item
     */
    public record Options(double subjectWeight, double threshold, double minimumCosine) {
        public Options {
            if (!(subjectWeight >= 0 && subjectWeight <= 1) || !(threshold > 0 && threshold <= 1)
                    || !(minimumCosine >= 0 && minimumCosine <= 1)) {
                throw new IllegalArgumentException("weights and thresholds are in [0, 1], the threshold above 0");
            }
        }

        public static Options defaults() {
            return new Options(0.3, 0.35, 0.1);
        }
    }

    /** A suggestion: its id, the products (SKUs) and categories it names, and its text. */
    public record Suggestion(long id, Set<String> skus, Set<String> categories, String text) {
        public Suggestion {
            skus = Set.copyOf(skus);
            categories = Set.copyOf(categories);
        }
    }

    /** An existing item: its id and the suggestions already in it. */
    public record Item(long id, List<Suggestion> suggestions) {
        public Item {
            suggestions = List.copyOf(suggestions);
        }
    }

    /**
     * Where a suggestion goes: an existing item ({@code itemId}), or a new one ({@code itemId} null, {@code newItem}
     * the number of the new item, from 0, shared by the suggestions proposed to go together), with the similarity
     * that decided it (0 for the first suggestion of a new item).
     */
    public record Proposal(long suggestionId, Long itemId, int newItem, double similarity) {
    }

    private static final class Cluster {
        final Long itemId;
        final int newItem;
        final Set<String> skus = new HashSet<>();
        final Set<String> categories = new HashSet<>();
        final Map<String, Double> vector = new HashMap<>();

        Cluster(Long itemId, int newItem) {
            this.itemId = itemId;
            this.newItem = newItem;
        }

        void add(Suggestion s, Map<String, Double> v) {
            skus.addAll(s.skus());
            categories.addAll(s.categories());
            v.forEach((t, w) -> vector.merge(t, w, Double::sum));
        }
    }

    /** Proposes an item for each of {@code fresh}, against {@code items} and the new items formed on the way. */
    public static List<Proposal> propose(List<Suggestion> fresh, List<Item> items, Options options) {
        List<List<String>> documents = new ArrayList<>();
        Map<Long, List<String>> tokens = new HashMap<>();
        for (Item i : items) {
            for (Suggestion s : i.suggestions()) {
                documents.add(tokens.computeIfAbsent(s.id(), k -> Tokens.of(s.text())));
            }
        }
        for (Suggestion s : fresh) {
            documents.add(tokens.computeIfAbsent(s.id(), k -> Tokens.of(s.text())));
        }
        TfIdf tfidf = TfIdf.fit(documents);
        List<Cluster> clusters = new ArrayList<>();
        for (Item i : items) {
            Cluster c = new Cluster(i.id(), -1);
            for (Suggestion s : i.suggestions()) {
                c.add(s, tfidf.vector(tokens.get(s.id())));
            }
            clusters.add(c);
        }
        List<Proposal> out = new ArrayList<>();
        int created = 0;
        for (Suggestion s : fresh) {
            Map<String, Double> v = tfidf.vector(tokens.get(s.id()));
            Cluster best = null;
            double bestScore = -1;
            for (Cluster c : clusters) {
                double cosine = TfIdf.cosine(v, c.vector);
                if (cosine < options.minimumCosine()) {
                    continue;
                }
                double score = options.subjectWeight() * subject(s.skus(), s.categories(), c.skus, c.categories)
                        + (1 - options.subjectWeight()) * cosine;
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            if (best == null || bestScore < options.threshold()) {
                best = new Cluster(null, created++);
                clusters.add(best);
                bestScore = 0;
            }
            best.add(s, v);
            out.add(new Proposal(s.id(), best.itemId, best.newItem, bestScore));
        }
        return out;
    }

    /** 1 for a product in common, ½ for only a category in common, 0 otherwise. */
    public static double subject(Collection<String> skusA, Collection<String> categoriesA, Collection<String> skusB,
                                 Collection<String> categoriesB) {
        if (skusA.stream().anyMatch(skusB::contains)) {
            return 1;
        }
        return categoriesA.stream().anyMatch(categoriesB::contains) ? 0.5 : 0;
    }

    /** The similarity of two suggestions on their own (for explaining a proposal), as {@link #propose} scores it. */
    public static double similarity(Suggestion a, Suggestion b, TfIdf tfidf, Options options) {
        double cosine = TfIdf.cosine(tfidf.vector(Tokens.of(a.text())), tfidf.vector(Tokens.of(b.text())));
        return options.subjectWeight() * subject(a.skus(), a.categories(), b.skus(), b.categories())
                + (1 - options.subjectWeight()) * cosine;
    }
}
