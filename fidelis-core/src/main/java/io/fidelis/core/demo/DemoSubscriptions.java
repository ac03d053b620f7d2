package io.fidelis.core.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The demo business's care plans (issue 9, subscription churn): about a quarter of the customers subscribe to a
 * monthly plan (delivery pass, assembly, extended warranty, cleaning) at some day of the last twenty months. Each
 * month a subscriber may cancel; the planted monthly hazard is 4.5 % times 1.8 on a month-to-month contract (0.6 on
 * one year, 0.3 on two), times (1 + 0.35 per support contact), times 1.8 with a payment issue, times 0.7 on the
 * Premium plan. The same seed always gives the same file (a random stream of its own, so the rest of the demo is
 * unchanged).
 */
public final class DemoSubscriptions {
    static final List<String> PLANS = List.of("Care Basic", "Care Plus", "Care Premium");
    static final double[] CHARGES = {9.90, 19.90, 29.90};
    static final List<String> SERVICES = List.of("delivery pass", "assembly", "extended warranty", "cleaning");
    static final double SUBSCRIBING = 0.25;
    static final double BASE_HAZARD = 0.045;

    private DemoSubscriptions() {
    }

    /** Writes {@code subscriptions.csv} (native import format) for customers {@code C000001…} and returns it. */
    public static Path write(Path directory, int customers, long seed, LocalDate asOf) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("subscriptions.csv");
        RandomDraws random = new RandomDraws(seed * 31 + 7);
        Writer writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        try (CSVPrinter out = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
                .setHeader("subscription_id", "customer_id", "plan", "started_on", "ended_on", "monthly_charge",
                        "contract", "payment_method", "services", "payment_issues", "support_contacts").get())) {
            int n = 0;
            for (int i = 0; i < customers; i++) {
                if (!random.chance(SUBSCRIBING)) {
                    continue;
                }
                int plan = random.uniform() < 0.5 ? 0 : random.uniform() < 0.6 ? 1 : 2;
                double c = random.uniform();
                String contract = c < 0.55 ? "Month-to-month" : c < 0.85 ? "One year" : "Two year";
                double contractFactor = c < 0.55 ? 1.8 : c < 0.85 ? 0.6 : 0.3;
                String payment = List.of("Card", "Bank transfer", "Cash on delivery").get(random.nextInt(3));
                int contacts = random.poisson(1.2);
                int issues = random.poisson(0.3);
                LocalDate start = asOf.minusDays(30 + random.nextInt(20 * 30));
                double hazard = Math.min(0.9, BASE_HAZARD * contractFactor * (1 + 0.35 * contacts)
                        * (issues > 0 ? 1.8 : 1) * (plan == 2 ? 0.7 : 1));
                LocalDate ended = null;
                for (LocalDate month = start.plusMonths(1); !month.isAfter(asOf); month = month.plusMonths(1)) {
                    if (random.chance(hazard)) {
                        ended = month;
                        break;
                    }
                }
                List<String> services = new ArrayList<>(SERVICES.subList(0, plan == 0 ? 1 : plan == 1 ? 2 : 4));
                out.printRecord("SUB" + String.format(Locale.ROOT, "%06d", ++n), "C" + String.format(Locale.ROOT,
                        "%06d", i + 1), PLANS.get(plan), start, ended == null ? "" : ended.toString(),
                        String.format(Locale.ROOT, "%.2f", CHARGES[plan]), contract, payment,
                        String.join(";", services), issues, contacts);
            }
        }
        return file;
    }
}
