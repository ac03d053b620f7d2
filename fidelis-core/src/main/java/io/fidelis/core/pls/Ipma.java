package io.fidelis.core.pls;

import java.util.List;

/**
 * An importance-performance map for one target construct (see {@link FittedPlsPm#ipma(String, double, double)}):
 * each construct with an effect on the target, and each of its items, with importance (effect on the target's 0–100
 * score per 0–100 point) against performance (0–100). High importance with low performance is where to act first.
 *
 * @param target            the target construct (for example satisfaction or loyalty)
 * @param targetPerformance the target's own 0–100 index
 */
public record Ipma(String target, double targetPerformance, List<ConstructPoint> constructs, List<ItemPoint> items) {
    public Ipma {
        constructs = List.copyOf(constructs);
        items = List.copyOf(items);
    }

    /**
     * @param importance  the unstandardised total effect on the target's 0–100 score
     * @param totalEffect the standardised total effect, as in {@link FittedPlsPm#totalEffects()}
     * @param performance the construct's 0–100 index ({@link IndexWeighting#ITEM_METRIC})
     */
    public record ConstructPoint(String construct, double importance, double totalEffect, double performance) {
    }

    /**
     * @param importance  the item's normalised item-metric weight × its construct's importance
     * @param performance the item's mean answer on 0–100
     */
    public record ItemPoint(String item, String construct, double importance, double performance) {
    }
}
