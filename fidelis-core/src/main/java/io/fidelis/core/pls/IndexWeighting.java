package io.fidelis.core.pls;

/**
 * How item means are weighted into a construct's 0–100 index Σ w̃ᵢ (x̄ᵢ − min)/(max − min) · 100, w̃ normalised to
 * sum to 1. On the ECSI mobi data (path scheme) the Satisfaction index is 72.454 (A), 71.782 (B) and 71.970 (D);
 * plspm's {@code scaled=FALSE} fit with either weighting gives 71.169 (C). See the reference
 * {@code mobi_index_0_100_variants.csv} in the test resources.
 */
public enum IndexWeighting {
    /**
     * Variant A, the ACSI/ECSI form and the default: the outer weights on the items' own metric (standardised
     * weights divided by the item's standard deviation), so the index is the same linear function of the raw answers
     * as the construct score. This is the rescaling SmartPLS's importance-performance map uses.
     */
    ITEM_METRIC,
    /** Variant B: the reported outer weights normalised directly, as plspm 0.5.1's {@code rescale()}. */
    PLSPM,
    /** Variant D: the unweighted mean of the items. */
    EQUAL
}
