package io.fidelis.core.supply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** OTIF counted by hand on five deliveries. */
class OtifTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);

    static Delivery d(String order, String customer, String region, String warehouse, String promised,
                      String delivered, List<String> skus, Set<String> shortSkus, Set<String> outOfStock) {
        return new Delivery(order, customer, region, "Consumer", warehouse, LocalDate.parse(promised),
                delivered == null ? null : LocalDate.parse(delivered), skus, shortSkus, outOfStock);
    }

    static final List<Delivery> DELIVERIES = List.of(
            d("1", "A", "North", "W-N", "2026-03-02", "2026-03-02", List.of("P1", "P2"), Set.of(), Set.of()),
            d("2", "A", "North", "W-N", "2026-03-05", "2026-03-07", List.of("P1"), Set.of(), Set.of()),
            d("3", "B", "South", "W-S", "2026-02-10", "2026-02-09", List.of("P1", "P2"), Set.of("P2"), Set.of("P2")),
            d("4", "C", "South", "W-S", "2026-03-20", null, List.of("P2"), Set.of(), Set.of()),
            // promised after the as-of day and not delivered: not settled, left out
            d("5", "C", "South", "W-S", "2026-04-02", null, List.of("P1"), Set.of(), Set.of()));

    @Test
    void ratesPerCustomerRegionWarehouseMonthAndProduct() {
        Otif.Rate all = Otif.overall(DELIVERIES, AS_OF);
        // 4 settled: 1 OTIF; 2 late; 3 short; 4 not delivered after its day (late).
        assertThat(all.deliveries()).isEqualTo(4);
        assertThat(all.otif()).isEqualTo(1);
        assertThat(all.onTime()).isEqualTo(2);
        assertThat(all.inFull()).isEqualTo(3);
        assertThat(all.otifRate()).isEqualTo(0.25);

        assertThat(Otif.by(DELIVERIES, Delivery::customer, AS_OF)).extracting(r -> r.key() + ":" + r.otif() + "/"
                + r.deliveries()).containsExactly("A:1/2", "B:0/1", "C:0/1");
        assertThat(Otif.by(DELIVERIES, Delivery::region, AS_OF)).extracting(r -> r.key() + ":" + r.otif() + "/"
                + r.deliveries()).containsExactly("North:1/2", "South:0/2");
        var months = Otif.byWarehouseAndMonth(DELIVERIES, AS_OF);
        assertThat(months.get("W-S").get(YearMonth.of(2026, 2)).onTime()).isEqualTo(1);
        assertThat(months.get("W-S").get(YearMonth.of(2026, 3)).deliveries()).isEqualTo(1);
        assertThat(months.get("W-S")).doesNotContainKey(YearMonth.of(2026, 4));
        // P1 lines: orders 1 (OTIF), 2 (late), 3 (on time and P1 not short): 2 of 3. P2: 1 OTIF, 3 short, 4 late.
        assertThat(Otif.byProduct(DELIVERIES, AS_OF)).extracting(r -> r.key() + ":" + r.otif() + "/"
                + r.deliveries()).containsExactly("P1:2/3", "P2:1/3");
    }

    @Test
    void stockOutsCountOrdersAndCustomersHit() {
        assertThat(Otif.stockOuts(DELIVERIES)).containsExactly(new Otif.StockOut("P2", 1, 1,
                LocalDate.parse("2026-02-10"), LocalDate.parse("2026-02-10")));
    }
}
