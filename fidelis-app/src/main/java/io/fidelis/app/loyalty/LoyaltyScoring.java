package io.fidelis.app.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerTraits;
import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.core.clv.BgNbd;
import io.fidelis.core.clv.Clv;
import io.fidelis.core.clv.FittedBgNbd;
import io.fidelis.core.clv.FittedGammaGamma;
import io.fidelis.core.clv.GammaGamma;
import io.fidelis.core.clv.InsufficientDataException;
import io.fidelis.core.loyalty.LoyaltyAssessment;
import io.fidelis.core.loyalty.LoyaltySignals;
import io.fidelis.core.loyalty.LoyaltyStage;
import io.fidelis.core.loyalty.LoyaltyStagePolicy;
import io.fidelis.core.stats.PurchaseBreadth;
import io.fidelis.core.stats.Rfm;
import io.fidelis.core.summary.CustomerSummaries;
import io.fidelis.core.summary.CustomerSummary;
import io.fidelis.core.summary.Period;
import io.fidelis.core.summary.Transaction;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Scores every customer: purchase occasions (days in the customer's own time zone) → BG/NBD and Gamma-Gamma fitted
 * on the whole population → P(alive), expected purchases, expected spend and CLV per customer, RFM, and the loyalty
 * stage with its evidence. Stores the profiles, records every stage change and publishes {@link LoyaltyStageChanged}.
 */
@Service
public class LoyaltyScoring {
    private final CustomerManagement customers;
    private final PurchaseRecording purchases;
    private final List<CustomerSignals> signals;
    private final LoyaltyProfiles profiles;
    private final LoyaltySettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    LoyaltyScoring(CustomerManagement customers, PurchaseRecording purchases, List<CustomerSignals> signals,
                   LoyaltyProfiles profiles, LoyaltySettings settings, ApplicationEventPublisher events) {
        this.customers = customers;
        this.purchases = purchases;
        this.signals = signals;
        this.profiles = profiles;
        this.settings = settings;
        this.events = events;
    }

    private final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();
    private org.springframework.transaction.support.TransactionTemplate transactions;
    private io.micrometer.core.instrument.MeterRegistry meters = new io.micrometer.core.instrument.simple
            .SimpleMeterRegistry();

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void meters(io.micrometer.core.instrument.MeterRegistry registry) {
        this.meters = registry;
    }

    @org.springframework.beans.factory.annotation.Autowired
    void transactions(org.springframework.transaction.PlatformTransactionManager manager) {
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(manager);
        // Its own transaction always, also when called after another transaction's commit (event listeners).
        this.transactions.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Scores every customer who has bought, in one transaction. One run at a time in this server: a second caller
     * waits for the first run and then scores again.
     */
    public ScoringRun scoreAll() {
        running.lock();
        long started = System.nanoTime();
        try {
            // Population models of other capabilities first (the subscription churn model), each in its own work.
            signals.forEach(CustomerSignals::beforeScoring);
            ScoringRun run = transactions.execute(status -> scoreAllInTransaction());
            profiles.forgetClvs();
            return run;
        } finally {
            running.unlock();
            io.micrometer.core.instrument.Timer.builder("fidelis.scoring.duration")
                    .description("a scoring run of every customer").register(meters)
                    .record(java.time.Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private ScoringRun scoreAllInTransaction() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        // Purchase days are local to each customer; the observation ends with the latest local day anywhere
        // (UTC+14), so that no customer's purchase of today falls after it.
        LocalDate today = now.atZone(ZoneOffset.ofHours(14)).toLocalDate();
        Map<Long, CustomerTraits> traits = new HashMap<>();
        customers.eachTraits(t -> traits.put(t.id(), t));
        List<Transaction> transactions = new ArrayList<>();
        Map<Long, PurchaseBreadth.Accumulator> breadth = new HashMap<>();
        Map<Long, double[]> valueAndMargin = new HashMap<>();
        purchases.eachLine(line -> {
            double[] vm = valueAndMargin.computeIfAbsent(line.customerId(), k -> new double[3]);
            vm[0] += line.value();
            if (!Double.isNaN(line.margin())) {
                vm[1] += line.margin();
            } else {
                vm[2]++; // lines without a cost
            }
            occasion(line, traits, transactions, breadth);
        });
        List<CustomerSummary> summaries = CustomerSummaries.of(transactions, today, Period.WEEK);
        Map<String, Integer> recent = recentOccasions(transactions, today.minusWeeks(26), today);

        FittedBgNbd model = null;
        FittedGammaGamma spend = null;
        String notFitted = null;
        try {
            model = BgNbd.fit(summaries, BgNbd.Options.defaults());
        } catch (InsufficientDataException e) {
            notFitted = e.getMessage();
        }
        try {
            spend = GammaGamma.fit(summaries, GammaGamma.Options.defaults());
        } catch (InsufficientDataException e) {
            notFitted = notFitted == null ? "spend: " + e.getMessage() : notFitted;
        }
        if (model != null) {
            profiles.saveModel("bgnbd", model.fit(), summaries.size(), now);
        }
        if (spend != null) {
            profiles.saveModel("gamma-gamma", spend.fit(), spend.customers(), now);
        }

        Map<String, Double> typicalRate = typicalRates(summaries, traits);
        List<Rfm.Input> rfmInput = new ArrayList<>();
        for (CustomerSummary s : summaries) {
            double[] vm = valueAndMargin.get(Long.parseLong(s.customerId()));
            rfmInput.add(new Rfm.Input(s.customerId(), (s.T() - s.tx()) * 7, s.x() + 1, vm == null ? 0 : vm[0]));
        }
        List<Rfm.Score> rfm = Rfm.score(rfmInput);

        Population pop = population(model, spend, typicalRate, today, now);
        Map<Long, LoyaltyProfiles.Previous> previous = profiles.previous();
        Map<String, Long> stages = new TreeMap<>();
        List<LoyaltyProfile> scored = new ArrayList<>(summaries.size());
        List<LoyaltyStageChanged> changes = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            CustomerSummary s = summaries.get(i);
            long id = Long.parseLong(s.customerId());
            LoyaltyProfiles.Previous before = previous.get(id);
            Rfm.Score r = rfm.get(i);
            PurchaseBreadth.Accumulator b = breadth.get(id);
            LoyaltyProfile p = assess(s, traits.get(id), recent.getOrDefault(s.customerId(), 0),
                    b == null ? PurchaseBreadth.of(List.of()) : b.result(), r.code(), r.segment().name(), before, pop);
            scored.add(p);
            stages.merge(p.stage(), 1L, Long::sum);
            change(before, p).ifPresent(changes::add);
        }
        // Subscribers who have never bought: judged by their subscriptions alone.
        Set<Long> bought = new HashSet<>();
        summaries.forEach(s -> bought.add(Long.parseLong(s.customerId())));
        for (Map.Entry<Long, SubscriptionStay> e : new TreeMap<>(pop.subscriptions()).entrySet()) {
            if (!bought.contains(e.getKey())) {
                LoyaltyProfiles.Previous before = previous.get(e.getKey());
                LoyaltyProfile p = assessSubscriber(e.getKey(), e.getValue(), before, pop);
                scored.add(p);
                stages.merge(p.stage(), 1L, Long::sum);
                change(before, p).ifPresent(changes::add);
            }
        }
        profiles.replaceAll(scored);
        Map<String, Object> population = population(valueAndMargin, transactions, today);
        population.put("typicalRates", typicalRate);
        profiles.savePopulation(population, now);
        profiles.recordChanges(changes);
        changes.forEach(events::publishEvent);
        return new ScoringRun(summaries.size(), model == null ? null : "bgnbd",
                model == null ? Map.of() : model.fit().params(), model == null ? null : model.fit().logLikelihood(),
                model == null ? List.of() : model.fit().boundary(), notFitted, stages, changes.size(),
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * A purchase line as scoring counts it: a transaction on the customer's own local day, and a line of their
     * purchase breadth.
     */
    private static void occasion(PurchaseRecording.LineFact line, Map<Long, CustomerTraits> traits,
                                 List<Transaction> transactions, Map<Long, PurchaseBreadth.Accumulator> breadth) {
        CustomerTraits t = traits.get(line.customerId());
        ZoneId zone = t == null ? ZoneOffset.UTC : t.timeZone();
        LocalDate day = line.purchasedAt().atZone(zone).toLocalDate();
        transactions.add(new Transaction(Long.toString(line.customerId()), day, line.value()));
        breadth.computeIfAbsent(line.customerId(), k -> new PurchaseBreadth.Accumulator())
                .add(new PurchaseBreadth.Line(day, line.category(), line.brand(), line.value()));
    }

    /** What scoring a customer needs of the population: the fitted models, typical rates, signals, the day. */
    private record Population(FittedBgNbd model, FittedGammaGamma spend, Map<String, Double> typicalRate,
                              Set<Long> satisfied, Set<Long> promoters, Set<Long> intend, Set<Long> keptComplaint,
                              Set<Long> keptOffer, Set<Long> unresolved, Map<Long, Integer> late,
                              Map<Long, SubscriptionStay> subscriptions, LocalDate today, Instant now) {
    }

    private Population population(FittedBgNbd model, FittedGammaGamma spend, Map<String, Double> typicalRate,
                                  LocalDate today, Instant now) {
        return population(signals, model, spend, typicalRate, today, now);
    }

    private static Population population(List<CustomerSignals> from, FittedBgNbd model, FittedGammaGamma spend,
                                         Map<String, Double> typicalRate, LocalDate today, Instant now) {
        return new Population(model, spend, typicalRate, union(from, CustomerSignals::satisfied),
                union(from, CustomerSignals::promoters), union(from, CustomerSignals::intendToRepurchase),
                union(from, CustomerSignals::keptThroughComplaint),
                union(from, CustomerSignals::keptThroughCompetitorOffer),
                union(from, CustomerSignals::unresolvedComplaints), merged(from, CustomerSignals::recentLateDeliveries),
                merged(from, CustomerSignals::subscriptionStay), today, now);
    }

    /** A change of stage or overlay since the previous profile (or the first profile), if there is one. */
    private static java.util.Optional<LoyaltyStageChanged> change(LoyaltyProfiles.Previous before, LoyaltyProfile p) {
        if (before != null && before.stage().equals(p.stage()) && before.overlay().equals(p.overlay())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new LoyaltyStageChanged(p.customerId(), before == null ? null : before.stage(),
                p.stage(), before == null ? null : before.overlay(), p.overlay(), p.scoredAt()));
    }

    /** One customer's profile from their summary and the population. */
    private LoyaltyProfile assess(CustomerSummary s, CustomerTraits t, int recentOccasions,
                                  PurchaseBreadth.Breadth breadth,
                                  String rfmCode, String rfmSegment, LoyaltyProfiles.Previous before, Population pop) {
        long id = Long.parseLong(s.customerId());
        FittedBgNbd model = pop.model();
        double pAlive = model == null ? Double.NaN : model.pAlive(s.x(), s.tx(), s.T());
        double expected = model == null ? Double.NaN : model.expectedPurchases(settings.horizonWeeks(), s.x(), s.tx(),
                s.T());
        double perPurchase = pop.spend() != null ? pop.spend().expectedSpend(s.x(), s.monetary())
                : s.x() > 0 ? s.monetary() : Double.NaN;
        Clv clv = new Clv(settings.discountRate(), settings.clvMonths(), settings.marginRatio(), Period.WEEK);
        double value = model == null || Double.isNaN(perPurchase) ? Double.NaN
                : clv.value(w -> model.expectedPurchases(w, s.x(), s.tx(), s.T()), perPurchase);
        // Repeat occasions per year since the first purchase, over at least half a year: two purchases in a
        // customer's first week are not yet a habit.
        double rate = s.x() / (Math.max(s.T(), 26) / 52.1775);
        double longRunPerWeek = (s.x() + 1) / Math.max(s.T(), 1);
        double recentRatio = s.T() >= 52 ? recentOccasions / 26.0 / longRunPerWeek : Double.NaN;
        int monthsEmotional = before == null || before.emotionalSince() == null ? 0
                : (int) ChronoUnit.MONTHS.between(before.emotionalSince(), pop.today());
        double typical = pop.typicalRate().getOrDefault(segment(t), 0.0);
        LocalDate lastPurchase = pop.today().minusDays(Math.round((s.T() - s.tx()) * 7));
        AliveSignal alive = AliveSignal.choose(pAlive, s.x(), lastPurchase, pop.subscriptions().get(id));
        LoyaltySignals signal = new LoyaltySignals(s.x() + 1, alive.p(), rate, typical,
                recentRatio, (s.T() - s.tx()) * 7, usualInterval(s, typical), breadth.categories(),
                pop.satisfied().contains(id),
                pop.promoters().contains(id), t == null ? 0 : t.referralsMade(), pop.intend().contains(id),
                monthsEmotional, pop.keptComplaint().contains(id), pop.keptOffer().contains(id),
                pop.unresolved().contains(id), pop.late().getOrDefault(id, 0), alive.fromSubscription(),
                alive.detail());
        LoyaltyAssessment a = new LoyaltyStagePolicy(settings.policy()).assess(signal);
        boolean emotionalNow = a.stage().number() >= LoyaltyStage.EMOTIONAL.number();
        LocalDate emotionalSince = !emotionalNow ? null
                : before != null && before.emotionalSince() != null ? before.emotionalSince() : pop.today();
        return new LoyaltyProfile(id, pop.now(), a.stage().name(), a.overlay().name(), a.index(),
                alive.fromSubscription() ? nan(alive.p()) : nan(pAlive),
                nan(expected), nan(perPurchase), nan(value), rfmCode, rfmSegment, s.x() + 1, s.tx(), s.T(),
                s.monetary(), emotionalSince, LoyaltyEvidence.json(a.evidence()), breadth.categories(),
                nan(breadth.crossCategoryShare()), nan(breadth.topBrandShare()));
    }

    /**
     * A subscriber who has never bought, judged by their subscriptions: each month of a subscription counts as an
     * occasion (a renewal is the contractual repeat purchase), at twelve a year against a typical twelve, with
     * P(stay) in the role of P(alive) and the services as the breadth. A cancelled subscriber is silent since the
     * day the last subscription ended.
     */
    private LoyaltyProfile assessSubscriber(long id, SubscriptionStay sub, LoyaltyProfiles.Previous before,
                                            Population pop) {
        long months = Math.max(0, sub.tenureMonths(pop.today()));
        LocalDate lastRenewal = sub.cancelled() ? sub.endedOn() : sub.startedOn().plusMonths(months);
        double daysSince = java.time.temporal.ChronoUnit.DAYS.between(lastRenewal, pop.today());
        AliveSignal alive = AliveSignal.choose(Double.NaN, 0, null, sub);
        int monthsEmotional = before == null || before.emotionalSince() == null ? 0
                : (int) ChronoUnit.MONTHS.between(before.emotionalSince(), pop.today());
        int occasions = (int) Math.min(Integer.MAX_VALUE, months + 1);
        LoyaltySignals signal = new LoyaltySignals(occasions, alive.p(), 12, 12, Double.NaN, daysSince,
                365.25 / 12, sub.services(), pop.satisfied().contains(id), pop.promoters().contains(id), 0,
                pop.intend().contains(id), monthsEmotional, pop.keptComplaint().contains(id),
                pop.keptOffer().contains(id), pop.unresolved().contains(id), pop.late().getOrDefault(id, 0),
                alive.fromSubscription(), alive.detail());
        LoyaltyAssessment a = new LoyaltyStagePolicy(settings.policy()).assess(signal);
        boolean emotionalNow = a.stage().number() >= LoyaltyStage.EMOTIONAL.number();
        LocalDate emotionalSince = !emotionalNow ? null
                : before != null && before.emotionalSince() != null ? before.emotionalSince() : pop.today();
        double tWeeks = java.time.temporal.ChronoUnit.DAYS.between(sub.startedOn(), pop.today()) / 7.0;
        double txWeeks = java.time.temporal.ChronoUnit.DAYS.between(sub.startedOn(), lastRenewal) / 7.0;
        return new LoyaltyProfile(id, pop.now(), a.stage().name(), a.overlay().name(), a.index(), nan(alive.p()),
                null, null, null, before == null ? null : before.rfm(), before == null ? null : before.rfmSegment(),
                occasions, txWeeks, tWeeks, sub.monthlyCharge(), emotionalSince,
                LoyaltyEvidence.json(a.evidence()), sub.services(), null, null);
    }

    /**
     * Rescores one customer with the population models of the last full run (cheap: no fit), after a purchase is
     * recorded. The RFM code, relative to the whole population, is kept until the next full run. Does nothing before
     * the first full run.
     */
    public java.util.Optional<LoyaltyProfile> scoreOne(long customerId) {
        return scoreSome(List.of(customerId)).stream().findFirst();
    }

    /**
     * As {@link #scoreOne}, for several customers together (those who bought in the last moments): one transaction
     * and one query of each kind for all of them, so that under many purchases a second the rescoring costs a few
     * statements a batch, not a dozen a customer. Each profile is the one {@link #scoreOne} gives the customer.
     * Returns the profiles written, in no particular order: none before the first full run, and none for a
     * customer without purchases.
     */
    public List<LoyaltyProfile> scoreSome(java.util.Collection<Long> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        running.lock();
        try {
            return transactions.execute(status -> scoreSomeInTransaction(List.copyOf(new java.util
                    .LinkedHashSet<>(customerIds))));
        } finally {
            running.unlock();
        }
    }

    private List<LoyaltyProfile> scoreSomeInTransaction(List<Long> ids) {
        java.util.Optional<LoyaltyProfiles.Stored> stored = profiles.latestModels();
        if (stored.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(ZoneOffset.ofHours(14)).toLocalDate();
        Map<Long, CustomerTraits> traits = customers.traitsOf(ids);
        List<Transaction> transactions = new ArrayList<>();
        Map<Long, PurchaseBreadth.Accumulator> breadth = new HashMap<>();
        purchases.eachLineOf(ids, line -> {
            occasion(line, traits, transactions, breadth);
        });
        List<CustomerSummary> summaries = CustomerSummaries.of(transactions, today, Period.WEEK);
        if (summaries.isEmpty()) {
            return List.of();
        }
        LoyaltyProfiles.Stored models = stored.get();
        List<CustomerSignals> theirs = signals.stream().map(s -> s.forCustomers(ids)).toList();
        Population pop = population(theirs, models.bgNbd(), models.gammaGamma(), models.typicalRates(), today, now);
        Map<Long, LoyaltyProfiles.Previous> previous = profiles.previous(ids);
        Map<String, Integer> recent = recentOccasions(transactions, today.minusWeeks(26), today);
        List<LoyaltyProfile> scored = new ArrayList<>(summaries.size());
        List<LoyaltyStageChanged> changes = new ArrayList<>();
        for (CustomerSummary s : summaries) {
            long id = Long.parseLong(s.customerId());
            LoyaltyProfiles.Previous before = previous.get(id);
            LoyaltyProfile p = assess(s, traits.get(id), recent.getOrDefault(s.customerId(), 0),
                    breadth.get(id).result(), before == null ? null : before.rfm(),
                    before == null ? null : before.rfmSegment(), before, pop);
            scored.add(p);
            change(before, p).ifPresent(changes::add);
        }
        profiles.replace(scored);
        profiles.recordChanges(changes);
        changes.forEach(events::publishEvent);
        return scored;
    }

    /**
     * The customer base as a whole: the Pareto of margin (revenue where some cost is unknown) with the Lorenz curve
     * and Gini, and monthly cohort retention over the last two complete years of months.
     */
    static Map<String, Object> population(Map<Long, double[]> valueAndMargin, List<Transaction> transactions,
                                          LocalDate today) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (!valueAndMargin.isEmpty()) {
            boolean costKnown = valueAndMargin.values().stream().allMatch(v -> v[2] == 0);
            double[] values = valueAndMargin.values().stream().mapToDouble(v -> costKnown ? v[1] : v[0]).toArray();
            io.fidelis.core.stats.Pareto pareto = io.fidelis.core.stats.Pareto.of(values);
            if (pareto.total() > 0) {
                out.put("measure", costKnown ? "margin" : "revenue");
                out.put("customers", pareto.customers());
                out.put("topShare20", pareto.topShare(0.2));
                out.put("gini", pareto.gini());
                out.put("pareto", pareto.curve(20));
                out.put("lorenz", pareto.lorenz(20));
            }
        }
        // The last complete month: the current one would show retention that is still growing.
        java.time.YearMonth last = java.time.YearMonth.from(today).minusMonths(1);
        List<Map<String, Object>> cohorts = new ArrayList<>();
        for (io.fidelis.core.stats.Cohorts.Cohort c : io.fidelis.core.stats.Cohorts.monthly(transactions, last)) {
            if (!c.month().isBefore(last.minusMonths(23))) {
                cohorts.add(Map.of("month", c.month().toString(), "size", c.size(), "retention", c.retention()));
            }
        }
        out.put("cohorts", cohorts);
        return out;
    }

    /**
     * Days between the customer's occasions; for a one-time buyer, the typical interval of their segment (so that a
     * one-time buyer silent for years can be counted lost too).
     */
    static double usualInterval(CustomerSummary s, double typicalRatePerYear) {
        if (s.x() > 0) {
            return s.tx() * 7 / s.x();
        }
        return typicalRatePerYear > 0 ? 365.25 / typicalRatePerYear : Double.NaN;
    }

    private static <V> Map<Long, V> merged(List<CustomerSignals> from,
                                           java.util.function.Function<CustomerSignals, Map<Long, V>> of) {
        Map<Long, V> all = new HashMap<>();
        for (CustomerSignals s : from) {
            all.putAll(of.apply(s));
        }
        return all;
    }

    private static Set<Long> union(List<CustomerSignals> from,
                                   java.util.function.Function<CustomerSignals, Set<Long>> of) {
        Set<Long> all = new HashSet<>();
        for (CustomerSignals s : from) {
            all.addAll(of.apply(s));
        }
        return all;
    }

    private static String segment(CustomerTraits t) {
        return t == null || t.segment() == null ? "" : t.segment();
    }

    /**
     * The median repeat rate per year of each segment's repeat buyers observed at least 4 weeks, measured as for
     * each customer (over at least half a year). One-time buyers are left out: where most customers never come back
     * (as in most retail) the median would otherwise be 0.
     */
    private static Map<String, Double> typicalRates(List<CustomerSummary> summaries, Map<Long, CustomerTraits> traits) {
        Map<String, List<Double>> rates = new HashMap<>();
        for (CustomerSummary s : summaries) {
            if (s.T() >= 4 && s.x() > 0) {
                rates.computeIfAbsent(segment(traits.get(Long.parseLong(s.customerId()))), k -> new ArrayList<>())
                        .add(s.x() / (Math.max(s.T(), 26) / 52.1775));
            }
        }
        Map<String, Double> median = new HashMap<>();
        rates.forEach((segment, list) -> {
            double[] v = list.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(v);
            median.put(segment, v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
        });
        return median;
    }

    private static Map<String, Integer> recentOccasions(List<Transaction> transactions, LocalDate from, LocalDate to) {
        Map<String, Set<LocalDate>> days = new HashMap<>();
        for (Transaction t : transactions) {
            if (t.amount() >= 0 && t.date().isAfter(from) && !t.date().isAfter(to)) {
                days.computeIfAbsent(t.customerId(), k -> new HashSet<>()).add(t.date());
            }
        }
        Map<String, Integer> out = new HashMap<>();
        days.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    private static Double nan(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
