package io.fidelis.core.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DeliveryEffectsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    /**
     * A business generated with known effects of a late delivery: the next CSAT 0.6 points lower, the log odds of a
     * complaint within 30 days 1.5 higher, and log(1 + days) to the next order 0.3 longer; frequent buyers are both
     * happier and quicker to buy again, and key accounts happier, so that the adjustment matters. Each estimate's
     * 95% interval holds the planted value. A customer answers or complains about a delivery before their next one.
     */
    @Test
    void theEffectsPlantedInGeneratedDataAreRecoveredWithinTheirIntervals() {
        SplittableRandom random = new SplittableRandom(9);
        List<Delivery> deliveries = new ArrayList<>();
        Map<String, List<LocalDate>> orders = new HashMap<>();
        Map<String, List<LocalDate>> complaints = new HashMap<>();
        List<DeliveryEffects.Score> scores = new ArrayList<>();
        int order = 0;
        for (int c = 0; c < 1500; c++) {
            String id = "C" + c;
            String segment = random.nextDouble() < 0.3 ? "Key account" : "Consumer";
            double rate = 2 + random.nextDouble() * 20; // orders a year
            LocalDate day = AS_OF.minusDays(700 + random.nextInt(30));
            List<LocalDate> own = new ArrayList<>();
            while (day.isBefore(AS_OF)) {
                own.add(day);
                boolean late = random.nextDouble() < 0.12;
                LocalDate delivered = day.plusDays(late ? 3 : 1);
                boolean isShort = random.nextDouble() < 0.08;
                deliveries.add(new Delivery("O" + (++order), id, "R", segment, "W", day.plusDays(1), delivered,
                        List.of("P"), isShort ? Set.of("P") : Set.of(), Set.of()));
                double meanLog = Math.log(365 / rate) + 0.3 * (late ? 1 : 0);
                long gap = Math.max(0, Math.round(Math.expm1(meanLog + 0.5 * gaussian(random))));
                if (random.nextDouble() < 0.3 && gap >= 1) {
                    double csat = 3.2 + 0.25 * Math.log1p(rate) + (segment.equals("Key account") ? 0.3 : 0)
                            - 0.6 * (late ? 1 : 0) - 0.3 * (isShort ? 1 : 0) + 0.6 * gaussian(random);
                    scores.add(new DeliveryEffects.Score(id, delivered.plusDays(1
                            + random.nextInt((int) Math.min(20, gap))), csat));
                }
                double eta = -3.0 + 1.5 * (late ? 1 : 0) - 0.2 * Math.log1p(rate);
                if (random.nextDouble() < 1 / (1 + Math.exp(-eta)) && gap >= 1) {
                    complaints.computeIfAbsent(id, k -> new ArrayList<>()).add(delivered.plusDays(1
                            + random.nextInt((int) Math.min(25, gap))));
                }
                day = delivered.plusDays(gap);
            }
            orders.put(id, own);
        }
        // NPS answers from a stream of their own (the rows above do not change): 7.5 points, 1.5 lower after a late
        // delivery and 0.5 lower after a short one, given the day after the delivery when the next one is later.
        SplittableRandom npsRandom = new SplittableRandom(11);
        List<DeliveryEffects.Score> nps = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery d = deliveries.get(i);
            boolean nextLater = i + 1 == deliveries.size() || !deliveries.get(i + 1).customer().equals(d.customer())
                    || deliveries.get(i + 1).deliveredOn().isAfter(d.deliveredOn().plusDays(1));
            if (nextLater && npsRandom.nextDouble() < 0.2 && d.deliveredOn().isBefore(AS_OF)) {
                boolean late = d.deliveredOn().isAfter(d.promisedOn());
                nps.add(new DeliveryEffects.Score(d.customer(), d.deliveredOn().plusDays(1), 7.5 - 1.5 * (late ? 1 : 0)
                        - 0.5 * (d.inFull() ? 0 : 1) + 1.5 * gaussian(npsRandom)));
            }
        }
        DeliveryEffects.Result r = DeliveryEffects.estimate(deliveries, new DeliveryEffects.Outcomes(orders, scores,
                complaints, nps), AS_OF, DeliveryEffects.Options.defaults());
        assertThat(r.nps().late().lower()).isLessThan(-1.5);
        assertThat(r.nps().late().upper()).isGreaterThan(-1.5);
        assertThat(r.nps().late().significant()).isTrue();
        assertThat(r.nps().shortDelivery().lower()).isLessThan(-0.5);
        assertThat(r.nps().shortDelivery().upper()).isGreaterThan(-0.5);
        // Without NPS answers there is no NPS model, and the other three are the same.
        DeliveryEffects.Result without = DeliveryEffects.estimate(deliveries, new DeliveryEffects.Outcomes(orders,
                scores, complaints), AS_OF, DeliveryEffects.Options.defaults());
        assertThat(without.nps()).isNull();
        assertThat(without.survey().late().estimate()).isEqualTo(r.survey().late().estimate());
        assertThat(r.survey().late().lower()).isLessThan(-0.6);
        assertThat(r.survey().late().upper()).isGreaterThan(-0.6);
        assertThat(r.survey().late().significant()).isTrue();
        assertThat(r.survey().shortDelivery().lower()).isLessThan(-0.3);
        assertThat(r.survey().shortDelivery().upper()).isGreaterThan(-0.3);
        assertThat(r.complaint().late().lower()).isLessThan(1.5);
        assertThat(r.complaint().late().upper()).isGreaterThan(1.5);
        assertThat(r.complaint().late().natural()).isCloseTo(Math.exp(r.complaint().late().estimate()),
                offset(1e-12));
        // The gap is rounded to whole days and floored at 0, so log(1 + days) moves by a little under 0.3.
        assertThat(r.nextPurchase().late().lower()).isLessThan(0.3);
        assertThat(r.nextPurchase().late().upper()).isGreaterThan(0.25);
        assertThat(r.nextPurchase().late().significant()).isTrue();
        assertThat(r.complaint().fit().clusters()).isLessThanOrEqualTo(1500);
    }

    @Test
    void thePriorPurchaseRateCountsTheYearBeforeOrTheTimeSinceTheFirstOrder() {
        LocalDate day = LocalDate.of(2026, 1, 1);
        assertThat(DeliveryEffects.priorRate(List.of(), day)).isZero();
        // One order 10 days before: at least 30 days of exposure, so 365 / 30 a year.
        assertThat(DeliveryEffects.priorRate(List.of(day.minusDays(10)), day)).isCloseTo(365.0 / 30, offset(1e-12));
        // Four orders in the year before, the first two years ago: 4 a year.
        assertThat(DeliveryEffects.priorRate(List.of(day.minusDays(730), day.minusDays(300), day.minusDays(200),
                day.minusDays(100), day.minusDays(1), day, day.plusDays(3)), day)).isCloseTo(4.0, offset(1e-12));
    }

    @Test
    void tooFewLateDeliveriesFitNoModel() {
        List<Delivery> ds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ds.add(new Delivery("O" + i, "C" + i, "R", "S", "W", AS_OF.minusDays(100), AS_OF.minusDays(100),
                    List.of(), Set.of(), Set.of()));
        }
        DeliveryEffects.Result r = DeliveryEffects.estimate(ds, new DeliveryEffects.Outcomes(Map.of(), List.of(),
                Map.of()), AS_OF, DeliveryEffects.Options.defaults());
        assertThat(r.complaint()).isNull();
        assertThat(r.survey()).isNull();
        assertThat(r.nextPurchase()).isNull();
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
