package io.fidelis.app.visit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fidelis.app.complaint.HandlingComplaints;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.loyalty.CustomerSignals;
import io.fidelis.app.loyalty.LoyaltyReadings;
import io.fidelis.app.purchase.PurchaseSuggestions;
import io.fidelis.core.loyalty.LoyaltyStage;
import io.fidelis.core.nba.CustomerFacts;
import io.fidelis.core.nba.NextBestAction;
import io.fidelis.core.nba.Suggestion;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The next best action per customer: one ranked, explained suggestion (and up to two more) from plain rules
 * ({@link NextBestAction}, thresholds in {@code fidelis.nba.*}) over what Fidelis knows of the customer — loyalty
 * stage, risk, CLV and its percentile, open complaints, latest NPS and CSAT, marketing consent, days since the last
 * contact, tenure, referrals made, and the product the co-purchase rules suggest.
 */
@Service
public class NextBestActions {
    private final CustomerManagement customers;
    private final LoyaltyReadings loyalty;
    private final HandlingComplaints complaints;
    private final List<CustomerSignals> signals;
    private final VisitRepository repository;
    private final PurchaseSuggestions suggestions;
    private final NbaSettings settings;
    private final Clock clock = Clock.systemUTC();

    NextBestActions(CustomerManagement customers, LoyaltyReadings loyalty, HandlingComplaints complaints,
                    List<CustomerSignals> signals, VisitRepository repository, PurchaseSuggestions suggestions,
                    NbaSettings settings) {
        this.customers = customers;
        this.loyalty = loyalty;
        this.complaints = complaints;
        this.signals = signals;
        this.repository = repository;
        this.suggestions = suggestions;
        this.settings = settings;
    }

    /** A customer's suggestions, best first, and the product suggestions behind an offer. */
    public record Advice(CustomerRecord customer, List<Suggestion> suggestions,
                         List<PurchaseSuggestions.Suggestion> products) {
        /** The first suggestion. */
        public Suggestion best() {
            return suggestions.get(0);
        }
    }

    /** For one customer the caller may see (system use: the Customer 360 checks that). */
    @Transactional(readOnly = true)
    public Advice forCustomer(CustomerRecord customer) {
        return advise(List.of(customer), true).get(0);
    }

    /** For these customers, those with something to do, best first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Advice> forCustomers(Set<Long> ids, int limit) {
        List<CustomerRecord> records = new ArrayList<>(customers.recordsForSystem(ids).values());
        return advise(records, false).stream()
                .filter(a -> a.best().kind() != Suggestion.Kind.NONE)
                .sorted(Comparator.comparingDouble((Advice a) -> -a.best().score())
                        .thenComparing(a -> a.customer().externalId()))
                .limit(limit).toList();
    }

    private List<Advice> advise(List<CustomerRecord> records, boolean withProducts) {
        Instant now = Instant.now(clock);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Long> ids = records.stream().map(CustomerRecord::id).toList();
        Map<Long, LoyaltyReadings.Brief> briefs = loyalty.briefsOf(ids);
        // A few customers (the Customer 360 asks for one): read theirs alone; many: read everyone's once.
        boolean few = ids.size() <= FEW;
        double[] clvs = few ? null : loyalty.clvsSorted();
        Map<Long, Integer> open = new HashMap<>();
        complaints.unresolvedOf(ids).forEach(u -> open.merge(u.customerId(), 1, Integer::sum));
        Map<Long, Double> nps = new HashMap<>();
        Map<Long, Double> csat = new HashMap<>();
        Map<Long, Integer> late = new HashMap<>();
        for (CustomerSignals s : signals) {
            if (few) {
                CustomerSignals theirs = s.forCustomers(ids);
                nps.putAll(theirs.latestNps());
                csat.putAll(theirs.latestCsat());
                late.putAll(theirs.recentLateDeliveries());
            } else {
                nps.putAll(s.latestNps());
                csat.putAll(s.latestCsat());
                late.putAll(s.recentLateDeliveries());
            }
        }
        Instant contactsSince = now.minus(Duration.ofDays(3650));
        Map<Long, Instant> contacted = few ? repository.lastContacts(contactsSince, ids)
                : repository.lastContacts(contactsSince);
        NextBestAction.Rules rules = settings.rules();
        List<Advice> out = new ArrayList<>();
        for (CustomerRecord c : records) {
            LoyaltyReadings.Brief b = briefs.get(c.id());
            LoyaltyStage stage = b == null ? LoyaltyStage.NEW : b.loyaltyStage();
            double clv = b == null || b.clv() == null || !Double.isFinite(b.clv()) ? 0 : b.clv();
            double percentile = b == null || b.clv() == null ? 0
                    : few ? loyalty.clvPercentile(clv) : clvs.length == 0 ? 0 : percentile(clvs, clv);
            Instant last = contacted.get(c.id());
            LocalDate since = c.acquiredOn() != null ? c.acquiredOn()
                    : LocalDate.ofInstant(c.createdAt(), ZoneOffset.UTC);
            List<PurchaseSuggestions.Suggestion> products = withProducts ? suggestions.forCustomer(c.id(), 3)
                    : List.of();
            PurchaseSuggestions.Suggestion top = products.isEmpty() ? null : products.get(0);
            Double n = nps.get(c.id());
            Double s = csat.get(c.id());
            CustomerFacts facts = new CustomerFacts(stage, b != null && "AT_RISK".equals(b.overlay()),
                    b != null && "LOST".equals(b.overlay()),
                    b == null || b.pAlive() == null ? 1 : Math.max(0, Math.min(1, b.pAlive())), clv, percentile,
                    open.getOrDefault(c.id(), 0), n == null ? null : (int) Math.round(n),
                    s == null ? Double.NaN : s, c.marketingConsent(),
                    last == null ? -1 : (int) ChronoUnit.DAYS.between(LocalDate.ofInstant(last, ZoneOffset.UTC),
                            today),
                    Math.max(0, ChronoUnit.DAYS.between(since, today) / 365.25),
                    customers.traitsOf(c.id()).map(t -> t.referralsMade()).orElse(0),
                    top == null ? null : top.name(),
                    top == null ? null : "customers who buy " + String.join(" and ", top.becauseNames())
                            + " often buy " + top.name() + String.format(java.util.Locale.ROOT,
                            " (confidence %.0f %%, lift %.1f)", 100 * top.confidence(), top.lift()),
                    late.getOrDefault(c.id(), 0));
            out.add(new Advice(c, NextBestAction.rank(facts, rules), products));
        }
        return out;
    }

    /** Up to this many customers, advice reads their signals alone rather than everyone's. */
    static final int FEW = 20;

    /** The share of customers (in %) whose CLV is at most this one's: the most valuable customer is at 100. */
    static double percentile(double[] sorted, double clv) {
        int i = Arrays.binarySearch(sorted, clv);
        int upTo = i >= 0 ? i + 1 : -i - 1;
        while (i >= 0 && upTo < sorted.length && sorted[upTo] == clv) {
            upTo++;
        }
        return 100.0 * upTo / sorted.length;
    }

    /** New purchase history from an import: the co-purchase rules are refitted on the next request. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(io.fidelis.app.importing.CsvImported imported) {
        suggestions.forget();
    }
}
