package io.fidelis.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Cross-category and directional buying on small histories worked out by hand. */
class PurchaseBreadthTest {
    static final LocalDate D1 = LocalDate.of(2025, 1, 1);
    static final LocalDate D2 = LocalDate.of(2025, 2, 1);

    @Test
    void shareOutsideTheFirstCategoryAndOnTheTopBrand() {
        PurchaseBreadth.Breadth b = PurchaseBreadth.of(List.of(
                new PurchaseBreadth.Line(D1, "Tea", "Leaf & Co", 40),
                new PurchaseBreadth.Line(D2, "Tea", "Leaf & Co", 20),
                new PurchaseBreadth.Line(D2, "Cups", "Potter", 30),
                new PurchaseBreadth.Line(D2, "Cakes", null, 10)));
        assertThat(b.categories()).isEqualTo(3);
        // First purchase: Tea (60 of 100 net spend) → 40 % elsewhere.
        assertThat(b.crossCategoryShare()).isCloseTo(0.4, offset(1e-12));
        // Branded spend 90, of which Leaf & Co 60.
        assertThat(b.topBrandShare()).isCloseTo(60.0 / 90, offset(1e-12));
    }

    @Test
    void returnsReduceTheirCategoryAndUnknownsGiveNaN() {
        PurchaseBreadth.Breadth b = PurchaseBreadth.of(List.of(
                new PurchaseBreadth.Line(D1, "Tea", null, 50),
                new PurchaseBreadth.Line(D2, "Cups", null, 50),
                new PurchaseBreadth.Line(D2, "Cups", null, -50)));
        assertThat(b.categories()).isEqualTo(1); // the cups went back
        assertThat(b.crossCategoryShare()).isCloseTo(0.0, offset(1e-12));
        assertThat(b.topBrandShare()).isNaN();
        assertThat(PurchaseBreadth.of(List.of(new PurchaseBreadth.Line(D1, null, null, 10))).crossCategoryShare())
                .isNaN();
    }
}
