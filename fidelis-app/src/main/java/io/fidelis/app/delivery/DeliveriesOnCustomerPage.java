package io.fidelis.app.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import io.fidelis.app.customer.TimelineEntry;
import org.springframework.stereotype.Component;

/**
 * The deliveries part of the Customer 360 page: over the last twelve months, how many deliveries came late or short
 * (evidence for the customer's satisfaction and loyalty), and each late or short one; late deliveries also go on the
 * timeline.
 */
@Component
class DeliveriesOnCustomerPage implements CustomerViewContribution {
    static final int MONTHS = 12;
    private final Deliveries deliveries;

    DeliveriesOnCustomerPage(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    /** A late or short delivery as the page lists it; {@code daysLate} is 0 when it came on time. */
    public record Problem(String orderId, String warehouse, LocalDate promisedOn, Instant deliveredAt, long daysLate,
                          boolean isShort, boolean outOfStock) {
    }

    @Override
    public int order() {
        return 12;
    }

    @Override
    public String fragment() {
        return "delivery/customer :: panel";
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        ZoneId zone = ZoneId.of(customer.timeZone());
        LocalDate today = LocalDate.now(zone);
        List<DeliveryFact> facts = deliveries.ofCustomerSince(customer.id(), today.minusMonths(MONTHS));
        List<Problem> problems = problems(facts, zone, today);
        long late = problems.stream().filter(p -> p.daysLate() > 0).count();
        long isShort = problems.stream().filter(Problem::isShort).count();
        return Map.of("deliveries", facts.size(), "late", late, "short", isShort, "problems",
                problems.stream().sorted(Comparator.comparing(Problem::promisedOn).reversed()).limit(20).toList(),
                "months", MONTHS);
    }

    static List<Problem> problems(List<DeliveryFact> facts, ZoneId zone, LocalDate today) {
        List<Problem> out = new ArrayList<>();
        for (DeliveryFact f : facts) {
            LocalDate arrived = f.deliveredAt() == null ? null : f.deliveredAt().atZone(zone).toLocalDate();
            long daysLate = arrived == null ? Math.max(0, ChronoUnit.DAYS.between(f.promisedOn(), today))
                    : Math.max(0, ChronoUnit.DAYS.between(f.promisedOn(), arrived));
            if (daysLate > 0 || !f.inFull()) {
                out.add(new Problem(f.orderId(), f.warehouse(), f.promisedOn(), f.deliveredAt(), daysLate,
                        !f.inFull(), f.outOfStockLines() > 0));
            }
        }
        return out;
    }

    @Override
    public List<TimelineEntry> timeline(CustomerRecord customer, int limit) {
        ZoneId zone = ZoneId.of(customer.timeZone());
        LocalDate today = LocalDate.now(zone);
        List<TimelineEntry> entries = new ArrayList<>();
        for (Problem p : problems(deliveries.ofCustomerSince(customer.id(), today.minusMonths(MONTHS)), zone, today)) {
            Instant at = p.deliveredAt() != null ? p.deliveredAt()
                    : p.promisedOn().plusDays(1).atStartOfDay(zone).toInstant();
            entries.add(p.daysLate() > 0
                    ? new TimelineEntry(at, "delivery", "timeline.lateDelivery", List.of(p.orderId(), p.daysLate(),
                    p.warehouse()), null)
                    : new TimelineEntry(at, "delivery", "timeline.shortDelivery", List.of(p.orderId(),
                    p.warehouse()), null));
        }
        entries.sort(Comparator.comparing(TimelineEntry::at).reversed());
        return entries.subList(0, Math.min(limit, entries.size()));
    }
}
