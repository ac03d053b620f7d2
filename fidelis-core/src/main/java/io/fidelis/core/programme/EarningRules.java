package io.fidelis.core.programme;

import static io.fidelis.core.programme.Texts.money;
import static io.fidelis.core.programme.Texts.nonBlank;
import static io.fidelis.core.programme.Texts.require;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The points and gifts one purchase earns.
 *
 * <p><b>Points.</b> Each line earns {@code net amount × pointsPerUnit × multiplier}, exactly; the order's points are
 * the sum rounded down once, so the fractions of several lines add up (1 point per 1.00: lines of 2.60 and 3.70 earn
 * 6 points, not 5). The multiplier is 1 unless a {@link CategoryMultiplier} for the line's category covers the day of
 * the purchase; when several do, the highest applies (they do not compound).
 *
 * <p><b>Gifts.</b> A {@link GiftRule} "buy N of a SKU or category, get a gift" counts the quantity of matching lines
 * in the purchase (within the rule's dates) and yields one entitlement per full N: 7 bought with N = 3 give 2 gifts.
 * The count is per purchase; the remainder is not carried to the next one.
 *
 * <p>Returns are not purchases here: a returned line's points are taken back with
 * {@link PointsLedger#reverse(LocalDate, String, long, String)}.
 *
 * @param pointsPerUnit points per 1.00 of net amount [1]
 * @param multipliers   time-limited category multipliers [none]
 * @param giftRules     "buy N, get a gift" rules [none]
 */
public record EarningRules(BigDecimal pointsPerUnit, List<CategoryMultiplier> multipliers, List<GiftRule> giftRules) {
    public EarningRules {
        Objects.requireNonNull(pointsPerUnit, "pointsPerUnit");
        require(pointsPerUnit.signum() >= 0, "points per currency unit cannot be negative, got " + pointsPerUnit);
        multipliers = List.copyOf(multipliers);
        giftRules = List.copyOf(giftRules);
    }

    /** 1 point per 1.00, no multipliers, no gift rules. */
    public static EarningRules defaults() {
        return new EarningRules(BigDecimal.ONE, List.of(), List.of());
    }

    public EarningRules withPointsPerUnit(BigDecimal points) {
        return new EarningRules(points, multipliers, giftRules);
    }

    /** These rules with one more category multiplier. */
    public EarningRules withMultiplier(CategoryMultiplier multiplier) {
        List<CategoryMultiplier> all = new ArrayList<>(multipliers);
        all.add(multiplier);
        return new EarningRules(pointsPerUnit, all, giftRules);
    }

    /** These rules with one more gift rule. */
    public EarningRules withGiftRule(GiftRule rule) {
        List<GiftRule> all = new ArrayList<>(giftRules);
        all.add(rule);
        return new EarningRules(pointsPerUnit, multipliers, all);
    }

    /**
     * "Double points on coffee in March": a multiplier for one category between two dates, both included.
     *
     * @param name       shown in the explanation, e.g. "double points on coffee"
     * @param multiplier above 0 (2 for double points)
     */
    public record CategoryMultiplier(String name, String category, BigDecimal multiplier, LocalDate from,
                                     LocalDate to) {
        public CategoryMultiplier {
            nonBlank(name, "a multiplier's name");
            nonBlank(category, "a multiplier's category");
            Objects.requireNonNull(multiplier, "multiplier");
            require(multiplier.signum() > 0, "a multiplier must be above 0, got " + multiplier + " for " + name);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            require(!to.isBefore(from), name + " ends on " + to + ", before it starts on " + from);
        }

        boolean appliesTo(String lineCategory, LocalDate day) {
            return category.equals(lineCategory) && !day.isBefore(from) && !day.isAfter(to);
        }
    }

    /** What a gift rule counts: one SKU or one category. */
    public enum Scope { SKU, CATEGORY }

    /**
     * "Buy 3 bags of coffee, get a mug": N of a SKU or category in one purchase give one gift.
     *
     * @param name     shown in the explanation
     * @param scope    whether {@code key} is a SKU or a category
     * @param quantity N, above 0
     * @param gift     what is given
     * @param from     first day of the rule, or null for no start
     * @param to       last day of the rule, or null for no end
     */
    public record GiftRule(String name, Scope scope, String key, BigDecimal quantity, String gift, LocalDate from,
                           LocalDate to) {
        public GiftRule {
            nonBlank(name, "a gift rule's name");
            Objects.requireNonNull(scope, "scope");
            nonBlank(key, "the SKU or category of a gift rule");
            Objects.requireNonNull(quantity, "quantity");
            require(quantity.signum() > 0, "a gift rule needs a quantity above 0, got " + quantity + " for " + name);
            nonBlank(gift, "a gift rule's gift");
            require(from == null || to == null || !to.isBefore(from), name + " ends on " + to
                    + ", before it starts on " + from);
        }

        boolean matches(Line line) {
            return key.equals(scope == Scope.SKU ? line.sku() : line.category());
        }

        boolean activeOn(LocalDate day) {
            return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
        }
    }

    /**
     * One purchase line.
     *
     * @param category  the product's category, or null
     * @param quantity  above 0
     * @param netAmount the line's amount after discounts, net of tax; 0 or more
     */
    public record Line(String sku, String category, BigDecimal quantity, BigDecimal netAmount) {
        public Line {
            nonBlank(sku, "a line's SKU");
            Objects.requireNonNull(quantity, "quantity");
            require(quantity.signum() > 0, "a line's quantity must be above 0, got " + quantity + " for " + sku);
            Objects.requireNonNull(netAmount, "netAmount");
            require(netAmount.signum() >= 0, "a line's net amount cannot be negative (returns reverse points),"
                    + " got " + netAmount + " for " + sku);
        }
    }

    /** A line's exact (unrounded) points, the multiplier applied and why. */
    public record LinePoints(Line line, BigDecimal multiplier, BigDecimal points, String reason) {
    }

    /** Gifts a rule gives for the purchase. */
    public record GiftEntitlement(String rule, String gift, int count, String reason) {
    }

    /**
     * What a purchase earns.
     *
     * @param points the order's points: the lines' exact points summed and rounded down
     */
    public record Earning(long points, List<LinePoints> lines, List<GiftEntitlement> gifts) {
        public Earning {
            lines = List.copyOf(lines);
            gifts = List.copyOf(gifts);
        }
    }

    /** The points and gifts a purchase on the day earns. */
    public Earning earn(LocalDate day, List<Line> lines) {
        Objects.requireNonNull(day, "day");
        List<LinePoints> perLine = new ArrayList<>(lines.size());
        BigDecimal total = BigDecimal.ZERO;
        for (Line line : lines) {
            CategoryMultiplier best = null;
            for (CategoryMultiplier m : multipliers) {
                if (line.category() != null && m.appliesTo(line.category(), day)
                        && (best == null || m.multiplier().compareTo(best.multiplier()) > 0)) {
                    best = m;
                }
            }
            BigDecimal multiplier = best == null ? BigDecimal.ONE : best.multiplier();
            BigDecimal points = line.netAmount().multiply(pointsPerUnit).multiply(multiplier);
            total = total.add(points);
            String reason = money(line.netAmount()) + " × " + pointsPerUnit.stripTrailingZeros().toPlainString()
                    + " point(s) per 1.00" + (best == null ? "" : " × " + multiplier.stripTrailingZeros().toPlainString()
                    + " (" + best.name() + ", " + best.from() + " to " + best.to() + ")");
            perLine.add(new LinePoints(line, multiplier, points, reason));
        }
        List<GiftEntitlement> gifts = new ArrayList<>();
        for (GiftRule rule : giftRules) {
            if (!rule.activeOn(day)) {
                continue;
            }
            BigDecimal bought = BigDecimal.ZERO;
            for (Line line : lines) {
                if (rule.matches(line)) {
                    bought = bought.add(line.quantity());
                }
            }
            int count = bought.divideToIntegralValue(rule.quantity()).intValueExact();
            if (count > 0) {
                gifts.add(new GiftEntitlement(rule.name(), rule.gift(), count, rule.name() + ": "
                        + bought.stripTrailingZeros().toPlainString() + " of " + rule.key() + " bought, "
                        + count + " × " + rule.gift() + " (one per " + rule.quantity().stripTrailingZeros()
                        .toPlainString() + ")"));
            }
        }
        return new Earning(total.setScale(0, RoundingMode.FLOOR).longValueExact(), perLine, gifts);
    }
}
