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
        // Repeat buying with dropout: some customers buy once, many buy again.
        long buyers = purchases.stream().skip(1).map(l -> l.split(",")[1]).distinct().count();
        assertThat(buyers).isEqualTo(5_000);
        assertThat(files.orderCount()).isBetween(3L * 5_000, 40L * 5_000);
        assertThat(purchases.stream().skip(1).allMatch(l -> l.split(",")[2].compareTo(AS_OF.plusDays(1).toString()) < 0))
                .isTrue();
    }

    @Test
    void maxLinesCapsTheOutput(@TempDir Path dir) throws Exception {
        DemoFiles files = DemoBusiness.of(new DemoOptions(100_000, 1, AS_OF, 10_000)).writeTo(dir);
        assertThat(files.lineCount()).isEqualTo(10_000);
        assertThat(Files.readAllLines(files.purchases())).hasSize(10_001);
    }
}
