package io.fidelis.app.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.InvalidInputException;
import io.fidelis.app.whatif.SimulatingRetention;
import io.fidelis.core.clv.RetentionWhatIf;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fidelis whatif}: the retention what-if on the stored scoring run, as the What-if page and
 * {@code GET /api/v1/whatif} run it (the same JSON).
 */
@Command(name = "whatif", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Retention economics on the last scoring run's model: what x points less annual dropout",
                "would bring over the horizon, against the baseline, net of the retention spend.",
                "Exit status 0 done, 1 refused (not scored yet, an empty scope, more points than the annual",
                "dropout), 2 a usage error."})
class WhatIfCommand implements Callable<Integer> {
    enum Format { JSON, TEXT }

    @Option(names = "--retention", description = "Points of annual dropout fewer, such as +5 (default:"
            + " fidelis.whatif.retention, 5).")
    Double retention;

    @Option(names = "--segment", description = "Only the customers of this segment.")
    String segment;

    @Option(names = "--stage", description = "Only the customers in this loyalty stage: NEW, SATISFIED, BEHAVIOURAL,"
            + " EMOTIONAL, SUSTAINABLE.")
    String stage;

    @Option(names = "--horizon-months", description = "Months ahead (default: fidelis.whatif.horizon-months, 12).")
    Integer horizonMonths;

    @Option(names = "--acquisition-cost", description = "Cost of winning one customer (default:"
            + " fidelis.whatif.acquisition-cost).")
    Double acquisitionCost;

    @Option(names = "--cost-per-customer-year", description = "Retention spend per active customer per year"
            + " (default: fidelis.whatif.cost-per-customer-year).")
    Double costPerCustomerYear;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // Standard output holds the answer alone (the JSON is a contract for scripts): no log lines there.
        try (ConfigurableApplicationContext context = Contexts.start(false, Map.of("logging.level.root", "off",
                "logging.level.io.fidelis", "off"))) {
            SimulatingRetention.Report report;
            try {
                report = context.getBean(SimulatingRetention.class).simulate(new SimulatingRetention.Scenario(
                        retention, segment, stage == null ? null : stage.toUpperCase(Locale.ROOT), horizonMonths,
                        acquisitionCost, costPerCustomerYear));
            } catch (BusinessRuleException | InvalidInputException e) {
                System.err.println("fidelis whatif: " + e.getMessage());
                return 1;
            }
            if (format == Format.JSON) {
                out.println(JsonMapper.builder().build().writeValueAsString(report.asMap()));
            } else {
                text(out, report);
            }
            return 0;
        }
    }

    private static void text(PrintStream out, SimulatingRetention.Report report) {
        RetentionWhatIf.Result r = report.result();
        out.printf(Locale.ROOT, "Retention +%.1f points over %d months, %,d customers%s%s%n", report.retention(),
                report.horizonMonths(), r.customers(), report.segment() == null ? "" : ", segment " + report.segment(),
                report.stage() == null ? "" : ", stage " + report.stage());
        out.printf(Locale.ROOT, "Annual dropout of today's active customers: %.1f %% -> %.1f %% (dropout x %.3f)%n",
                100 * r.annualDropoutBaseline(), 100 * r.annualDropoutScenario(), r.dropoutFactor());
        out.printf(Locale.ROOT, "%-34s %16s %16s%n", "", "baseline", "scenario");
        row(out, "expected purchases", r.baseline().purchases(), r.scenario().purchases());
        row(out, "margin", r.baseline().margin(), r.scenario().margin());
        row(out, "CLV (discounted margin)", r.baseline().clv(), r.scenario().clv());
        row(out, "customers active at the end", r.baseline().activeAtEnd(), r.scenario().activeAtEnd());
        out.printf(Locale.ROOT, "Margin uplift: %+.2f %%%s%n", 100 * r.marginUpliftShare(), r.band() == null
                ? " (no band: " + report.noBand() + ")"
                : String.format(Locale.ROOT, " (95 %% band %+.2f %% to %+.2f %%, %d draws)", 100 * r.band().lower(),
                100 * r.band().upper(), r.band().draws()));
        out.printf(Locale.ROOT, "Retention spend %,.2f at %,.2f per customer-year; net uplift %,.2f; break-even"
                + " spend %,.2f per customer per year%n", r.retentionSpend(), report.costPerCustomerYear(),
                r.netUplift(), r.breakEvenCostPerCustomerYear());
        out.printf(Locale.ROOT, "A year of retention for one customer costs %.2f of winning one (rule of thumb"
                + " 0.10-0.20); net uplift %+.2f %% of the baseline CLV%n", r.costRatio(), 100 * r.netUpliftShare());
        out.printf(Locale.ROOT, "Keeping one customer more costs %,.2f against %,.2f to win one: ratio %.2f (rule of"
                + " thumb 0.10-0.20)%n", r.costPerCustomerKept(), report.acquisitionCost(), r.keepToWinRatio());
        out.printf(Locale.ROOT, "Top 20 %% of customers: %.1f %% of past %s, %.1f %% of the expected margin (rule of"
                + " thumb 80 %%)%n", 100 * r.topSharePast(), report.profitMeasure(), 100 * r.topShareExpected());
    }

    private static void row(PrintStream out, String name, double baseline, double scenario) {
        out.printf(Locale.ROOT, "%-34s %,16.2f %,16.2f%n", name, baseline, scenario);
    }
}
