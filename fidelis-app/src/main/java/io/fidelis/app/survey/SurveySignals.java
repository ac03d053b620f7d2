package io.fidelis.app.survey;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fidelis.app.loyalty.CustomerSignals;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What customers said in surveys, for the loyalty stage (the conscious and emotional loyalty of seed 003), from each
 * customer's latest answer within {@code signalMonths}:
 * <ul>
 *   <li>satisfied: a CSAT at or above {@code satisfiedCsat}, an NPS of 7 or more, or an overall satisfaction
 *       (ECSI CUSA1) at or above {@code satisfiedRating};</li>
 *   <li>promoter: an NPS of 9 or 10;</li>
 *   <li>intention to buy again: INTEND_REPURCHASE or ECSI CUSL1 at or above {@code intentionRating};</li>
 *   <li>kept through a competitor's offer: yes to RESIST_OFFER.</li>
 * </ul>
 */
@Component
class SurveySignals implements CustomerSignals {
    private final SurveyRepository repository;
    private final SurveySettings settings;
    private final Clock clock = Clock.systemUTC();
    /** Some customers' signals only, or everyone's when null. */
    private final List<Long> only;

    @org.springframework.beans.factory.annotation.Autowired
    SurveySignals(SurveyRepository repository, SurveySettings settings) {
        this(repository, settings, null);
    }

    private SurveySignals(SurveyRepository repository, SurveySettings settings, List<Long> only) {
        this.repository = repository;
        this.settings = settings;
        this.only = only;
    }

    /** The same signals read for these customers alone (within the caller's transaction). */
    @Override
    public CustomerSignals forCustomers(java.util.Collection<Long> customerIds) {
        return new SurveySignals(repository, settings, List.copyOf(customerIds));
    }

    private Instant since() {
        return Instant.now(clock).minus(settings.signalMonths() * 31L, ChronoUnit.DAYS);
    }

    @Override
    @Transactional(readOnly = true)
    public Set<Long> satisfied() {
        Set<Long> out = new HashSet<>();
        at(repository.latestByType(QuestionType.CSAT, since(), only), settings.satisfiedCsat(), out);
        at(repository.latestByType(QuestionType.NPS, since(), only), 7, out);
        at(repository.latestNumbers(List.of("CUSA1"), since(), only), settings.satisfiedRating(), out);
        return out;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<Long> promoters() {
        Set<Long> out = new HashSet<>();
        at(repository.latestByType(QuestionType.NPS, since(), only), 9, out);
        return out;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<Long> intendToRepurchase() {
        Set<Long> out = new HashSet<>();
        at(repository.latestNumbers(SurveyTemplates.INTENTION, since(), only), settings.intentionRating(), out);
        return out;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<Long> keptThroughCompetitorOffer() {
        Set<Long> out = new HashSet<>();
        at(repository.latestNumbers(SurveyTemplates.RESISTED_OFFER, since(), only), 1, out);
        return out;
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<Long, Double> latestNps() {
        return repository.latestByType(QuestionType.NPS, since(), only);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<Long, Double> latestCsat() {
        return repository.latestByType(QuestionType.CSAT, since(), only);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<Long, String> npsGroups() {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        repository.latestByType(QuestionType.NPS, since(), only).forEach((customer, nps) -> out.put(customer,
                nps >= 9 ? "promoter" : nps >= 7 ? "passive" : "detractor"));
        return out;
    }

    private static void at(Map<Long, Double> latest, double threshold, Set<Long> out) {
        latest.forEach((customer, value) -> {
            if (value >= threshold) {
                out.add(customer);
            }
        });
    }
}
