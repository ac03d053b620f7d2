package io.fidelis.app.supply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fidelis.app.complaint.ComplaintAnalytics;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.delivery.Deliveries;
import io.fidelis.app.delivery.DeliveryFact;
import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.survey.SatisfactionOverview;
import io.fidelis.core.supply.Delivery;
import io.fidelis.core.supply.DeliveryEffects;
import io.fidelis.core.supply.Otif;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Supply and delivery as drivers of satisfaction (issue 9): OTIF per warehouse and month, region, customer and
 * product, the stock-outs that hit customers, and what a late or short delivery does to the next CSAT score, the
 * chance of a complaint within 30 days and the time to the next order (io.fidelis.core.supply). An account manager
 * sees the figures of their own customers only.
 */
@Service
public class SupplyAnalysis {
    private final Deliveries deliveries;
    private final CustomerManagement customers;
    private final PurchaseRecording purchases;
    private final SatisfactionOverview surveys;
    private final ComplaintAnalytics complaints;
    private final Clock clock;

    SupplyAnalysis(Deliveries deliveries, CustomerManagement customers, PurchaseRecording purchases,
                   SatisfactionOverview surveys, ComplaintAnalytics complaints) {
        this.deliveries = deliveries;
        this.customers = customers;
        this.purchases = purchases;
        this.surveys = surveys;
        this.complaints = complaints;
        this.clock = Clock.systemUTC();
    }

    /** Everything the supply page shows. */
    public record Report(LocalDate asOf, Otif.Rate overall, Map<String, Map<YearMonth, Otif.Rate>> byWarehouseMonth,
                         List<Otif.Rate> byWarehouse, List<Otif.Rate> byRegion, List<Otif.Rate> worstCustomers,
                         List<Otif.Rate> worstProducts, List<Otif.StockOut> stockOuts,
                         DeliveryEffects.Result effects) {
    }

    /**
     * OTIF over the deliveries promised in the last {@code days} days up to today, of the customers the caller may see
     * (the dashboard's supply card): cheap, without the effects.
     */
    @Transactional(readOnly = true)
    public Otif.Rate recent(int days) {
        Optional<Set<Long>> visible = customers.visibleIds();
        LocalDate asOf = LocalDate.now(clock);
        LocalDate from = asOf.minusDays(days);
        List<DeliveryFact> facts = new ArrayList<>();
        deliveries.eachDeliverySince(from, f -> {
            if (f.promisedOn().isBefore(asOf)
                    && (visible.isEmpty() || visible.get().contains(f.customerId()))) {
                facts.add(f);
            }
        });
        Map<Long, CustomerRecord> records = customers.recordsForSystem(facts.stream().map(DeliveryFact::customerId)
                .distinct().toList());
        List<Delivery> list = new ArrayList<>(facts.size());
        for (DeliveryFact f : facts) {
            CustomerRecord c = records.get(f.customerId());
            ZoneId zone = c == null ? ZoneOffset.UTC : ZoneId.of(c.timeZone());
            list.add(new Delivery(f.orderId(), Long.toString(f.customerId()), null, null, f.warehouse(),
                    f.promisedOn(), f.deliveredAt() == null ? null : f.deliveredAt().atZone(zone).toLocalDate(),
                    List.of(), f.skusShort().isEmpty() ? Set.of() : Set.of(f.skusShort().split(",")), Set.of()));
        }
        return Otif.overall(list, asOf);
    }

    /** The report over every delivery of the customers the caller may see. */
    @Transactional(readOnly = true)
    public Report report() {
        Optional<Set<Long>> visible = customers.visibleIds();
        List<DeliveryFact> facts = new ArrayList<>();
        deliveries.eachDelivery(f -> {
            if (visible.isEmpty() || visible.get().contains(f.customerId())) {
                facts.add(f);
            }
        });
        Map<Long, CustomerRecord> records = customers.recordsForSystem(facts.stream().map(DeliveryFact::customerId)
                .distinct().toList());
        Map<String, List<String>> skus = facts.isEmpty() ? Map.of() : purchases.skusByOrder();
        LocalDate asOf = LocalDate.now(clock);
        List<Delivery> list = new ArrayList<>(facts.size());
        for (DeliveryFact f : facts) {
            CustomerRecord c = records.get(f.customerId());
            ZoneId zone = c == null ? ZoneOffset.UTC : ZoneId.of(c.timeZone());
            List<String> shortSkus = f.skusShort().isEmpty() ? List.of() : List.of(f.skusShort().split(","));
            list.add(new Delivery(f.orderId(), c == null ? Long.toString(f.customerId()) : c.externalId(),
                    c == null ? null : c.region(), c == null ? null : c.segment(), f.warehouse(), f.promisedOn(),
                    f.deliveredAt() == null ? null : f.deliveredAt().atZone(zone).toLocalDate(),
                    skus.getOrDefault(f.orderId(), List.of()), Set.copyOf(shortSkus),
                    f.outOfStockLines() == 0 ? Set.of() : Set.copyOf(deliveries.outOfStockSkus(f.orderId()))));
        }
        Map<String, List<LocalDate>> orderDays = new HashMap<>();
        if (!list.isEmpty()) {
            purchases.ordersSince(Instant.EPOCH).forEach((id, times) -> {
                CustomerRecord c = records.get(id);
                if (c != null) {
                    ZoneId zone = ZoneId.of(c.timeZone());
                    orderDays.put(c.externalId(), times.stream().map(t -> t.atZone(zone).toLocalDate()).toList());
                }
            });
        }
        List<DeliveryEffects.Score> scores = new ArrayList<>();
        List<DeliveryEffects.Score> nps = new ArrayList<>();
        Map<String, List<LocalDate>> complaintDays = new HashMap<>();
        if (!list.isEmpty()) {
            for (SatisfactionOverview.Score s : surveys.csatScores()) {
                CustomerRecord c = records.get(s.customerId());
                if (c != null) {
                    scores.add(new DeliveryEffects.Score(c.externalId(), s.at().atZone(ZoneId.of(c.timeZone()))
                            .toLocalDate(), s.value()));
                }
            }
            for (SatisfactionOverview.Score s : surveys.npsScores()) {
                CustomerRecord c = records.get(s.customerId());
                if (c != null) {
                    nps.add(new DeliveryEffects.Score(c.externalId(), s.at().atZone(ZoneId.of(c.timeZone()))
                            .toLocalDate(), s.value()));
                }
            }
            complaints.receivedByCustomer(null).forEach((id, times) -> {
                CustomerRecord c = records.get(id);
                if (c != null) {
                    ZoneId zone = ZoneId.of(c.timeZone());
                    complaintDays.put(c.externalId(), times.stream().map(t -> t.atZone(zone).toLocalDate())
                            .toList());
                }
            });
        }
        DeliveryEffects.Result effects = DeliveryEffects.estimate(list, new DeliveryEffects.Outcomes(orderDays,
                scores, complaintDays, nps), asOf, DeliveryEffects.Options.defaults());
        List<Otif.Rate> byCustomer = new ArrayList<>(Otif.by(list, Delivery::customer, asOf));
        byCustomer.removeIf(r -> r.deliveries() < 3);
        byCustomer.sort(java.util.Comparator.comparingDouble(Otif.Rate::otifRate).thenComparing(Otif.Rate::key));
        List<Otif.Rate> byProduct = new ArrayList<>(Otif.byProduct(list, asOf));
        byProduct.sort(java.util.Comparator.comparingDouble(Otif.Rate::otifRate).thenComparing(Otif.Rate::key));
        List<Otif.StockOut> stockOuts = Otif.stockOuts(list);
        return new Report(asOf, Otif.overall(list, asOf), Otif.byWarehouseAndMonth(list, asOf),
                Otif.by(list, Delivery::warehouse, asOf), Otif.by(list, Delivery::region, asOf),
                byCustomer.subList(0, Math.min(10, byCustomer.size())),
                byProduct.subList(0, Math.min(10, byProduct.size())),
                stockOuts.subList(0, Math.min(10, stockOuts.size())), effects);
    }
}
