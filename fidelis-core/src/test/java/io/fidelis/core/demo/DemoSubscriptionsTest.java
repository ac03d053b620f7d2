package io.fidelis.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's care plans: deterministic, about a quarter of the customers, and the planted contract effect. */
class DemoSubscriptionsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesTheSameFileAndTheContractDrivesCancelling() throws Exception {
        Path a = DemoSubscriptions.write(dir.resolve("a"), 8000, 42, AS_OF);
        Path b = DemoSubscriptions.write(dir.resolve("b"), 8000, 42, AS_OF);
        assertThat(Files.readString(a)).isEqualTo(Files.readString(b));
        assertThat(Files.readString(DemoSubscriptions.write(dir.resolve("c"), 8000, 43, AS_OF)))
                .isNotEqualTo(Files.readString(a));

        List<String> lines = Files.readAllLines(a);
        assertThat(lines.get(0)).isEqualTo("subscription_id,customer_id,plan,started_on,ended_on,monthly_charge,"
                + "contract,payment_method,services,payment_issues,support_contacts");
        int subscribers = lines.size() - 1;
        // Binomial(8000, 0.25): mean 2000, sd 38.7; ±5 sd.
        assertThat(subscribers).isBetween(1806, 2194);
        Map<String, int[]> byContract = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            LocalDate started = LocalDate.parse(f[3]);
            assertThat(started).isBefore(AS_OF);
            if (!f[4].isEmpty()) {
                assertThat(LocalDate.parse(f[4])).isAfter(started).isBeforeOrEqualTo(AS_OF);
            }
            int[] c = byContract.computeIfAbsent(f[6], k -> new int[2]);
            c[0]++;
            c[1] += f[4].isEmpty() ? 0 : 1;
        }
        double monthly = share(byContract.get("Month-to-month"));
        double oneYear = share(byContract.get("One year"));
        double twoYear = share(byContract.get("Two year"));
        // The planted hazards are 1.8 : 0.6 : 0.3: the cancelled shares must keep that order clearly.
        assertThat(monthly).isGreaterThan(oneYear + 0.1);
        assertThat(oneYear).isGreaterThan(twoYear);
    }

    static double share(int[] c) {
        return (double) c[1] / c[0];
    }
}
