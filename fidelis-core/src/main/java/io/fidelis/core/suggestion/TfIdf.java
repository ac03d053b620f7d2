package io.fidelis.core.suggestion;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * TF-IDF weights fitted on a collection of texts (the suggestions on hand), and the cosine similarity of two texts
 * under them. A term's weight in a text is {@code tf × idf} with {@code tf} its count in the text and the smoothed
 * {@code idf = ln((1 + N) / (1 + df)) + 1} (N texts, df of them containing the term; the scikit-learn default), so a
 * word every suggestion uses ("sofa" on a furniture maker's board) counts for less than one few use ("door").
 */
public final class TfIdf {
    private final Map<String, Double> idf;
    private final double unseen;

    private TfIdf(Map<String, Double> idf, double unseen) {
        this.idf = Map.copyOf(idf);
        this.unseen = unseen;
    }

    /** Fits the document frequencies of these texts' tokens. */
    public static TfIdf fit(Collection<List<String>> documents) {
        Map<String, Integer> df = new HashMap<>();
        for (List<String> d : documents) {
            for (String t : new HashSet<>(d)) {
                df.merge(t, 1, Integer::sum);
            }
        }
        int n = documents.size();
        Map<String, Double> idf = new HashMap<>();
        df.forEach((t, k) -> idf.put(t, Math.log((1.0 + n) / (1.0 + k)) + 1));
        return new TfIdf(idf, Math.log(1.0 + n) + 1);
    }

    /** The weighted vector of a text's tokens. */
    public Map<String, Double> vector(List<String> tokens) {
        Map<String, Double> v = new HashMap<>();
        for (String t : tokens) {
            v.merge(t, idf.getOrDefault(t, unseen), Double::sum);
        }
        return v;
    }

    /** The cosine of two weighted vectors; 0 when either is empty. */
    public static double cosine(Map<String, Double> a, Map<String, Double> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Map<String, Double> small = a.size() <= b.size() ? a : b;
        Map<String, Double> large = small == a ? b : a;
        double dot = 0;
        for (var e : small.entrySet()) {
            Double w = large.get(e.getKey());
            if (w != null) {
                dot += e.getValue() * w;
            }
        }
        double na = norm(a);
        double nb = norm(b);
        return na == 0 || nb == 0 ? 0 : Math.min(1, dot / (na * nb));
    }

    private static double norm(Map<String, Double> v) {
        double s = 0;
        for (double w : v.values()) {
            s += w * w;
        }
        return Math.sqrt(s);
    }

    /** The Jaccard index of two token sets: shared over all; 0 when both are empty. */
    public static double jaccard(Collection<String> a, Collection<String> b) {
        java.util.Set<String> union = new HashSet<>(a);
        union.addAll(b);
        if (union.isEmpty()) {
            return 0;
        }
        java.util.Set<String> shared = new HashSet<>(a);
        shared.retainAll(new HashSet<>(b));
        return (double) shared.size() / union.size();
    }
}
