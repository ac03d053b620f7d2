package io.fidelis.app.subscription;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The churn model's table: one row per customer with a subscription (issue 9's features: tenure, plan, charges,
 * services, support contacts, complaints and their resolution, survey scores, payment issues), and whether they
 * churned: every subscription ended on or before the day. A pure function of the subscriptions and the signals.
 */
final class SubscriptionChurnFeatures {
    static final String TARGET = "churned";
    static final List<String> NAMES = List.of("tenure_months", "plan", "contract", "payment_method",
            "monthly_charge", "total_charges", "services", "support_contacts", "payment_issues", "complaints",
            "unresolved_complaint", "csat", "nps", TARGET);
    static final Set<String> CATEGORICAL = Set.of("plan", "contract", "payment_method");

    private SubscriptionChurnFeatures() {
    }

    /** One customer's subscriptions, summarised. */
    record Subscriber(long customerId, boolean churned, LocalDate startedOn, LocalDate endedOn, long tenureMonths,
                      SubscriptionRecord latest, double monthlyCharge, double totalCharges, int services,
                      int supportContacts, int paymentIssues) {
    }

    /** Summarises one customer's subscriptions (at least one) as of {@code today}. */
    static Subscriber summarise(List<SubscriptionRecord> subs, LocalDate today) {
        SubscriptionRecord latest = subs.stream().max(Comparator.comparing(SubscriptionRecord::startedOn)
                .thenComparing(SubscriptionRecord::subscriptionId)).orElseThrow();
        boolean churned = subs.stream().allMatch(s -> s.endedOn() != null && !s.endedOn().isAfter(today));
        LocalDate start = subs.stream().map(SubscriptionRecord::startedOn).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate end = churned ? subs.stream().map(SubscriptionRecord::endedOn).max(Comparator.naturalOrder())
                .orElseThrow() : null;
        // What the customer had at the end: the running subscriptions, or those that ended last.
        List<SubscriptionRecord> current = churned ? subs.stream().filter(s -> s.endedOn().equals(end)).toList()
                : subs.stream().filter(s -> s.endedOn() == null || s.endedOn().isAfter(today)).toList();
        double monthly = 0;
        Set<String> services = new LinkedHashSet<>();
        for (SubscriptionRecord s : current) {
            monthly += s.monthlyCharge().doubleValue();
            services.addAll(s.services());
        }
        double total = 0;
        int contacts = 0;
        int issues = 0;
        for (SubscriptionRecord s : subs) {
            LocalDate until = s.endedOn() == null || s.endedOn().isAfter(today) ? today : s.endedOn();
            total += s.monthlyCharge().doubleValue() * Math.max(0, ChronoUnit.DAYS.between(s.startedOn(), until))
                    / (365.25 / 12);
            contacts += s.supportContacts();
            issues += s.paymentIssues();
        }
        long tenure = Math.max(0, ChronoUnit.MONTHS.between(start, churned ? end : today));
        return new Subscriber(latest.customerId(), churned, start, end, tenure, latest, monthly, total,
                services.size(), contacts, issues);
    }

    /** The table row of a subscriber, in the order of {@link #NAMES}. */
    static String[] row(Subscriber s, Map<Long, Integer> complaints, Set<Long> unresolved, Map<Long, Double> csat,
                        Map<Long, Double> nps) {
        Double c = csat.get(s.customerId());
        Double n = nps.get(s.customerId());
        return new String[] {Long.toString(s.tenureMonths()), s.latest().plan(), blank(s.latest().contract()),
                blank(s.latest().paymentMethod()), number(s.monthlyCharge()), number(s.totalCharges()),
                Integer.toString(s.services()), Integer.toString(s.supportContacts()),
                Integer.toString(s.paymentIssues()), Integer.toString(complaints.getOrDefault(s.customerId(), 0)),
                unresolved.contains(s.customerId()) ? "1" : "0", c == null ? "" : number(c),
                n == null ? "" : number(n), s.churned() ? "Yes" : "No"};
    }

    static List<String[]> rows(List<Subscriber> subscribers, Map<Long, Integer> complaints, Set<Long> unresolved,
                               Map<Long, Double> csat, Map<Long, Double> nps) {
        List<String[]> rows = new ArrayList<>(subscribers.size());
        for (Subscriber s : subscribers) {
            rows.add(row(s, complaints, unresolved, csat, nps));
        }
        return rows;
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }

    private static String number(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
