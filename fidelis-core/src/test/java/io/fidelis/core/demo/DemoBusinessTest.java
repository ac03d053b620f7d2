package io.fidelis.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoBusinessTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    @Test
    void theSameOptionsGiveTheSameFiles(@TempDir Path a, @TempDir Path b) throws Exception {
        DemoFiles first = DemoBusiness.of(DemoOptions.of(300, 7, AS_OF)).writeTo(a);
        DemoFiles second = DemoBusiness.of(DemoOptions.of(300, 7, AS_OF)).writeTo(b);
        assertThat(Files.readAllBytes(first.purchases())).isEqualTo(Files.readAllBytes(second.purchases()));
        assertThat(Files.readAllBytes(first.customers())).isEqualTo(Files.readAllBytes(second.customers()));
        DemoFiles other = DemoBusiness.of(DemoOptions.of(300, 8, AS_OF)).writeTo(a.resolve("other"));
        assertThat(Files.readAllBytes(other.purchases())).isNotEqualTo(Files.readAllBytes(first.purchases()));
    }

    @Test
    void theDefaultBusinessHasTheShapeTheDemoPromises(@TempDir Path dir) throws Exception {
        DemoFiles files = DemoBusiness.of(DemoOptions.of(DemoOptions.DEFAULT_CUSTOMERS, 42, AS_OF)).writeTo(dir);
        assertThat(files.customerCount()).isEqualTo(5_000);
        assertThat(files.productCount()).isEqualTo(64);
        List<String> customers = Files.readAllLines(files.customers());
        assertThat(customers).hasSize(5_001);
        long referred = customers.stream().skip(1).filter(l -> l.contains(",referral,C")).count();
        // About 18% are referred (binomial, n = 5000): well inside 15%..21%.
        assertThat(referred).isBetween(750L, 1050L);
        List<String> purchases = Files.readAllLines(files.purchases());
        assertThat(purchases).hasSize((int) files.lineCount() + 1);
        long returns = purchases.stream().filter(l -> l.startsWith("RT")).count();
        assertThat(returns).isPositive();
        long buyers = purchases.stream().skip(1).map(l -> l.split(",")[1]).distinct().count();
        assertThat(buyers).isEqualTo(5_000);
        assertThat(files.orderCount()).isBetween(3L * 5_000, 40L * 5_000);
        assertThat(purchases.stream().skip(1).allMatch(l -> l.split(",")[2].compareTo(AS_OF.plusDays(1).toString()) < 0))
                .isTrue();
    }

    @Test
    void maxLinesCapsTheOutputExactly(@TempDir Path dir) throws Exception {
        for (long cap : new long[] {9_999, 10_000, 12_345}) {
            DemoFiles files = DemoBusiness.of(new DemoOptions(100_000, 1, AS_OF, cap)).writeTo(dir.resolve("c" + cap));
            assertThat(files.lineCount()).isEqualTo(cap);
            assertThat(Files.readAllLines(files.purchases())).hasSize((int) cap + 1);
        }
    }

    @Test
    void customersBuyAgainAndDropOut(@TempDir Path dir) throws Exception {
        DemoFiles files = DemoBusiness.of(DemoOptions.of(2_000, 3, AS_OF)).writeTo(dir);
        java.util.Map<String, java.util.TreeSet<String>> days = new java.util.HashMap<>();
        for (String l : Files.readAllLines(files.purchases()).subList(1, (int) files.lineCount() + 1)) {
            String[] f = l.split(",");
            days.computeIfAbsent(f[1], k -> new java.util.TreeSet<>()).add(f[2].substring(0, 10));
        }
        long oneDayOnly = days.values().stream().filter(d -> d.size() == 1).count();
        long repeat = days.size() - oneDayOnly;
        // Heterogeneous repeat buying: both one-time and repeat buyers are common.
        assertThat(oneDayOnly).isGreaterThan(200);
        assertThat(repeat).isGreaterThan(500);
        // Dropout: among customers acquired in the first half year, many have not bought in the last six months.
        long silent = days.values().stream().filter(d -> d.first().compareTo(AS_OF.minusMonths(18).toString()) < 0)
                .filter(d -> d.last().compareTo(AS_OF.minusMonths(6).toString()) < 0).count();
        assertThat(silent).isGreaterThan(50);
    }

    @Test
    void theCourierStrikeRaisesTheEarlyWarningInTheLastDays(@TempDir Path dir) throws Exception {
        // The demo's promise: the spike of delivery complaints alarms the CUSUM on one of the last three days with
        // at least three complaints that day (the app's alert-min-count), as the overview's alert needs.
        DemoFiles files = DemoBusiness.of(DemoOptions.of(DemoOptions.DEFAULT_CUSTOMERS, 42, AS_OF)).writeTo(dir);
        int days = 364;
        LocalDate first = AS_OF.minusDays(days - 1);
        int[] delivery = new int[days];
        for (String l : Files.readAllLines(files.complaints()).subList(1, Files.readAllLines(files.complaints())
                .size())) {
            String[] f = l.split(",");
            LocalDate day = LocalDate.parse(f[1]);
            if (f[2].equals("DELIVERY") && !day.isBefore(first)) {
                delivery[(int) java.time.temporal.ChronoUnit.DAYS.between(first, day)]++;
            }
        }
        io.fidelis.core.stats.Cusum.Result r = io.fidelis.core.stats.Cusum.detect(delivery, first,
                io.fidelis.core.stats.Cusum.Options.defaults());
        assertThat(r.alarms()).anyMatch(d -> d.isAfter(AS_OF.minusDays(3))
                && delivery[(int) java.time.temporal.ChronoUnit.DAYS.between(first, d)] >= 3);
    }

    /**
     * The demo's deliveries: five warehouses, most orders promised the next day and delivered on time, the bad month
     * of one warehouse, a stock-out; and the planted consequences of a late delivery found again by the supply
     * analytics (io.fidelis.core.supply), each 95% interval excluding no effect.
     */
    @Test
    void theDeliveriesHaveTheirBadMonthAndTheAnalyticsFindWhatALateDeliveryDoes(@TempDir Path dir) throws Exception {
        DemoFiles files = DemoBusiness.of(DemoOptions.of(DemoOptions.DEFAULT_CUSTOMERS, 42, AS_OF)).writeTo(dir);
        java.util.Map<String, String[]> customers = new java.util.HashMap<>();
        Files.readAllLines(files.customers()).stream().skip(1).map(l -> l.split(","))
                .forEach(f -> customers.put(f[0], f));
        java.util.Map<String, String> customerOfOrder = new java.util.HashMap<>();
        java.util.Map<String, List<LocalDate>> orders = new java.util.HashMap<>();
        java.util.Map<String, List<String>> skus = new java.util.HashMap<>();
        for (String l : Files.readAllLines(files.purchases()).subList(1, (int) files.lineCount() + 1)) {
            String[] f = l.split(",");
            if (f[0].startsWith("SO") && customerOfOrder.put(f[0], f[1]) == null) {
                orders.computeIfAbsent(f[1], k -> new java.util.ArrayList<>()).add(LocalDate.parse(f[2].substring(0,
                        10)));
            }
            skus.computeIfAbsent(f[0], k -> new java.util.ArrayList<>()).add(f[3]);
        }
        java.util.Map<String, String[]> byOrder = new java.util.LinkedHashMap<>();
        java.util.Map<String, java.util.Set<String>> shortSkus = new java.util.HashMap<>();
        java.util.Map<String, java.util.Set<String>> outOfStock = new java.util.HashMap<>();
        for (String l : Files.readAllLines(files.deliveries()).subList(1, Files.readAllLines(files.deliveries())
                .size())) {
            String[] f = l.split(",", -1);
            byOrder.putIfAbsent(f[0], f);
            if (!f[4].isEmpty()) {
                shortSkus.computeIfAbsent(f[0], k -> new java.util.HashSet<>()).add(f[4]);
                if (f[6].equals("true")) {
                    outOfStock.computeIfAbsent(f[0], k -> new java.util.HashSet<>()).add(f[4]);
                }
            }
        }
        assertThat(byOrder.keySet()).isEqualTo(customerOfOrder.keySet());
        List<io.fidelis.core.supply.Delivery> deliveries = new java.util.ArrayList<>();
        byOrder.forEach((order, f) -> {
            String[] c = customers.get(customerOfOrder.get(order));
            deliveries.add(new io.fidelis.core.supply.Delivery(order, c[0], c[4], c[5], f[1], LocalDate.parse(f[2]),
                    f[3].isEmpty() ? null : LocalDate.parse(f[3].substring(0, 10)), skus.get(order),
                    shortSkus.getOrDefault(order, java.util.Set.of()), outOfStock.getOrDefault(order,
                    java.util.Set.of())));
        });
        assertThat(deliveries.stream().map(io.fidelis.core.supply.Delivery::warehouse).distinct().sorted())
                .containsExactly("Beijing", "Chengdu", "Guangzhou", "Rotterdam", "Shenyang");
        var months = io.fidelis.core.supply.Otif.byWarehouseAndMonth(deliveries, AS_OF);
        java.time.YearMonth bad = java.time.YearMonth.from(AS_OF.minusMonths(4));
        assertThat(months.get(DemoBusiness.BAD_WAREHOUSE).get(bad).onTimeRate()).isLessThan(0.6);
        assertThat(months.get("Beijing").get(bad).onTimeRate()).isGreaterThan(0.9);
        assertThat(io.fidelis.core.supply.Otif.overall(deliveries, AS_OF).otifRate()).isBetween(0.85, 0.97);
        assertThat(io.fidelis.core.supply.Otif.stockOuts(deliveries)).isNotEmpty();

        List<io.fidelis.core.supply.DeliveryEffects.Score> scores = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(files.surveyAnswers())) {
            String[] f = l.split(",");
            if (f.length > 5 && f[4].equals("CSAT")) {
                scores.add(new io.fidelis.core.supply.DeliveryEffects.Score(f[2], LocalDate.parse(f[3]),
                        Double.parseDouble(f[5])));
            }
        }
        java.util.Map<String, List<LocalDate>> complaints = new java.util.HashMap<>();
        for (String l : Files.readAllLines(files.complaints()).subList(1, Files.readAllLines(files.complaints())
                .size())) {
            String[] f = l.split(",");
            complaints.computeIfAbsent(f[0], k -> new java.util.ArrayList<>()).add(LocalDate.parse(f[1]));
        }
        var r = io.fidelis.core.supply.DeliveryEffects.estimate(deliveries,
                new io.fidelis.core.supply.DeliveryEffects.Outcomes(orders, scores, complaints), AS_OF,
                io.fidelis.core.supply.DeliveryEffects.Options.defaults());
        System.out.printf("demo effects of a late delivery: survey %s%n complaint %s%n next purchase %s%n",
                r.survey().late(), r.complaint().late(), r.nextPurchase().late());
        assertThat(r.complaint().late().lower()).isGreaterThan(0);
        assertThat(r.survey().late().upper()).isLessThan(0);
        assertThat(r.nextPurchase().late().lower()).isGreaterThan(0);
    }
}
