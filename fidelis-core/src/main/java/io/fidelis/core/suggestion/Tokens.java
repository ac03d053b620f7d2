package io.fidelis.core.suggestion;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a suggestion, normalised for comparison in English and Chinese. The text is NFKC-normalised (full-width
 * letters and digits become ASCII) and lower-cased; runs of Latin letters and digits are words, with a light English
 * stemming (a plural or {@code -ing}/{@code -ed} ending is dropped) and common English function words left out; runs
 * of CJK characters, which have no spaces between words, become their overlapping character bigrams and their single
 * characters ("沙发太大" gives 沙发, 发太, 太大, 沙, 发, 太, 大): the bigrams carry the words, and the characters
 * make up for the bigrams that straddle two words (on generated needs in Chinese, {@code fidelis bench grouping
 * --chinese 1}, the characters raised the pairwise F1 from 0.60 to 0.76; IDF weighs down the common ones).
 * Punctuation and everything else separate tokens.
 */
public final class Tokens {
    private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "but", "of", "to", "in", "on",
            "at", "for", "with", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
            "those", "we", "our", "you", "your", "i", "my", "me", "they", "them", "their", "he", "she", "his", "her",
            "do", "does", "did", "not", "no", "so", "too", "very", "would", "could", "should", "can", "will", "please",
            "have", "has", "had", "if", "as", "by", "from", "into", "than", "then", "there", "some", "any", "all",
            "more", "less", "much", "many", "like", "just", "also");

    private Tokens() {
    }

    /** The tokens of a text, in order, repeats kept (for term frequencies). */
    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder latin = new StringBuilder();
        StringBuilder cjk = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isCjk(cp)) {
                flushLatin(latin, out);
                cjk.appendCodePoint(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                flushCjk(cjk, out);
                latin.appendCodePoint(cp);
            } else {
                flushLatin(latin, out);
                flushCjk(cjk, out);
            }
        }
        flushLatin(latin, out);
        flushCjk(cjk, out);
        return out;
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    private static void flushLatin(StringBuilder word, List<String> out) {
        if (word.isEmpty()) {
            return;
        }
        String w = word.toString();
        word.setLength(0);
        if (STOP.contains(w) || (w.length() < 2 && !Character.isDigit(w.charAt(0)))) {
            return;
        }
        out.add(stem(w));
    }

    private static void flushCjk(StringBuilder run, List<String> out) {
        if (run.isEmpty()) {
            return;
        }
        int[] cps = run.codePoints().toArray();
        run.setLength(0);
        if (cps.length == 1) {
            out.add(new String(cps, 0, 1));
            return;
        }
        for (int k = 0; k + 1 < cps.length; k++) {
            out.add(new String(cps, k, 2));
        }
        for (int cp : cps) {
            out.add(new String(Character.toChars(cp)));
        }
    }

    /** A light English stemmer: enough that "sofas" meets "sofa" and "detaching" meets "detach". */
    static String stem(String w) {
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 5 && w.endsWith("ing")) {
            return w.substring(0, w.length() - 3);
        }
        if (w.length() > 4 && w.endsWith("ed")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
