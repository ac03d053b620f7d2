package io.fidelis.core.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.fidelis.core.programme.EarningRules.CategoryMultiplier;
import io.fidelis.core.programme.EarningRules.GiftRule;
import io.fidelis.core.programme.EarningRules.Line;
import io.fidelis.core.programme.EarningRules.Scope;
import org.junit.jupiter.api.Test;

class EarningRulesTest {
    static final LocalDate MAR_15 = LocalDate.of(2026, 3, 15);

    static Line line(String sku, String category, String quantity, String net) {
        return new Line(sku, category, new BigDecimal(quantity), new BigDecimal(net));
    }

    static final CategoryMultiplier DOUBLE_COFFEE = new CategoryMultiplier("double points on coffee", "Coffee",
            new BigDecimal("2"), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));

    @Test
    void onePointPerUnitRoundedDownOncePerOrder() {
        // 2.60 + 3.70 = 6.30 → 6 points (rounding each line down would give 2 + 3 = 5).
        EarningRules.Earning e = EarningRules.defaults().earn(MAR_15,
                List.of(line("A", "Tea", "1", "2.60"), line("B", "Tea", "2", "3.70")));
        assertThat(e.points()).isEqualTo(6);
        assertThat(e.lines().get(0).points()).isEqualByComparingTo("2.60");
        assertThat(e.lines().get(0).reason()).isEqualTo("2.60 × 1 point(s) per 1.00");
        assertThat(e.gifts()).isEmpty();
        // 1.5 points per 1.00: 10.00 × 1.5 = 15.
        assertThat(EarningRules.defaults().withPointsPerUnit(new BigDecimal("1.5"))
                .earn(MAR_15, List.of(line("A", "Tea", "1", "10.00"))).points()).isEqualTo(15);
    }

    @Test
    void doublePointsOnACategoryOnlyWithinItsDates() {
        EarningRules rules = EarningRules.defaults().withMultiplier(DOUBLE_COFFEE);
        List<Line> basket = List.of(line("BEANS", "Coffee", "1", "10.50"), line("GREEN", "Tea", "1", "4.99"));
        // In March: 10.50 × 2 = 21 + 4.99 = 25.99 → 25.
        EarningRules.Earning march = rules.earn(MAR_15, basket);
        assertThat(march.points()).isEqualTo(25);
        assertThat(march.lines().get(0).multiplier()).isEqualByComparingTo("2");
        assertThat(march.lines().get(0).reason()).isEqualTo(
                "10.50 × 1 point(s) per 1.00 × 2 (double points on coffee, 2026-03-01 to 2026-03-31)");
        assertThat(march.lines().get(1).multiplier()).isEqualByComparingTo("1");
        // The last day is included: 31 March is still double.
        assertThat(rules.earn(LocalDate.of(2026, 3, 31), basket).points()).isEqualTo(25);
        // On 1 April: 10.50 + 4.99 = 15.49 → 15.
        assertThat(rules.earn(LocalDate.of(2026, 4, 1), basket).points()).isEqualTo(15);
        // Before it starts, too.
        assertThat(rules.earn(LocalDate.of(2026, 2, 28), basket).points()).isEqualTo(15);
    }

    @Test
    void overlappingMultipliersDoNotCompoundTheHighestApplies() {
        EarningRules rules = EarningRules.defaults().withMultiplier(DOUBLE_COFFEE)
                .withMultiplier(new CategoryMultiplier("triple coffee weekend", "Coffee", new BigDecimal("3"),
                        LocalDate.of(2026, 3, 14), LocalDate.of(2026, 3, 15)));
        // 10 × 3 = 30, not 10 × 2 × 3 = 60.
        assertThat(rules.earn(MAR_15, List.of(line("BEANS", "Coffee", "1", "10"))).points()).isEqualTo(30);
        assertThat(rules.earn(LocalDate.of(2026, 3, 16), List.of(line("BEANS", "Coffee", "1", "10"))).points())
                .isEqualTo(20);
    }

    @Test
    void buyNGetAGiftCountsMatchingQuantityPerPurchase() {
        EarningRules rules = EarningRules.defaults()
                .withGiftRule(new GiftRule("3 bags, a mug", Scope.SKU, "BAG-1", new BigDecimal("3"), "mug", null,
                        null))
                .withGiftRule(new GiftRule("5 teas, a tin", Scope.CATEGORY, "Tea", new BigDecimal("5"), "tea tin",
                        LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
        List<Line> basket = List.of(line("BAG-1", "Coffee", "2", "20"), line("BAG-1", "Coffee", "5", "50"),
                line("GREEN", "Tea", "4", "8"), line("BLACK", "Tea", "1", "2"));
        // BAG-1: 2 + 5 = 7 → 7 ÷ 3 = 2 mugs (1 left over, not carried). Tea: 4 + 1 = 5 → 1 tin in March.
        EarningRules.Earning e = rules.earn(MAR_15, basket);
        assertThat(e.gifts()).extracting(EarningRules.GiftEntitlement::gift, EarningRules.GiftEntitlement::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mug", 2),
                        org.assertj.core.groups.Tuple.tuple("tea tin", 1));
        assertThat(e.gifts().get(0).reason()).isEqualTo("3 bags, a mug: 7 of BAG-1 bought, 2 × mug (one per 3)");
        assertThat(e.points()).isEqualTo(80); // 20 + 50 + 8 + 2
        // In April the tea rule has ended; 2 bags are not enough for a mug.
        assertThat(rules.earn(LocalDate.of(2026, 4, 2), basket).gifts()).extracting(
                EarningRules.GiftEntitlement::gift).containsExactly("mug");
        assertThat(rules.earn(MAR_15, List.of(line("BAG-1", "Coffee", "2", "20"))).gifts()).isEmpty();
    }

    @Test
    void invalidRulesAndLinesAreRefused() {
        assertThatThrownBy(() -> line("A", "Tea", "1", "-5"))
                .hasMessage("a line's net amount cannot be negative (returns reverse points), got -5 for A");
        assertThatThrownBy(() -> line("A", "Tea", "0", "5"))
                .hasMessage("a line's quantity must be above 0, got 0 for A");
        assertThatThrownBy(() -> new CategoryMultiplier("x", "Tea", BigDecimal.ZERO, MAR_15, MAR_15))
                .hasMessage("a multiplier must be above 0, got 0 for x");
        assertThatThrownBy(() -> new CategoryMultiplier("x", "Tea", BigDecimal.TEN, MAR_15, MAR_15.minusDays(1)))
                .hasMessage("x ends on 2026-03-14, before it starts on 2026-03-15");
        assertThatThrownBy(() -> EarningRules.defaults().withPointsPerUnit(new BigDecimal("-1")))
                .hasMessage("points per currency unit cannot be negative, got -1");
        assertThatThrownBy(() -> new GiftRule("g", Scope.SKU, "A", BigDecimal.ZERO, "mug", null, null))
                .hasMessage("a gift rule needs a quantity above 0, got 0 for g");
    }
}
