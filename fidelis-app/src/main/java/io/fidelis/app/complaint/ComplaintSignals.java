package io.fidelis.app.complaint;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fidelis.app.loyalty.CustomerSignals;
import io.fidelis.app.purchase.PurchaseRecording;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What complaints say for the loyalty stage, over the last twelve months: a complaint the customer accepted the
 * resolution of is a satisfied signal (seed 004: a complaint resolved well makes a customer); followed by a purchase
 * after it was resolved, it is loyalty kept through a complaint. A complaint still open blocks the higher stages and
 * puts the customer at risk until it is resolved.
 */
@Component
class ComplaintSignals implements CustomerSignals {
    private final ComplaintRepository repository;
    private final PurchaseRecording purchases;
    private final Clock clock = Clock.systemUTC();
    /** Some customers' signals only, or everyone's when null. */
    private final List<Long> only;

    @org.springframework.beans.factory.annotation.Autowired
    ComplaintSignals(ComplaintRepository repository, PurchaseRecording purchases) {
        this(repository, purchases, null);
    }

    private ComplaintSignals(ComplaintRepository repository, PurchaseRecording purchases, List<Long> only) {
        this.repository = repository;
        this.purchases = purchases;
        this.only = only;
    }

    /** The same signals read for these customers alone (within the caller's transaction). */
    @Override
    public CustomerSignals forCustomers(java.util.Collection<Long> customerIds) {
        return new ComplaintSignals(repository, purchases, List.copyOf(customerIds));
    }

    private List<ComplaintRepository.Outcome> resolved() {
        Instant since = Instant.now(clock).minus(365, ChronoUnit.DAYS);
        return repository.outcomes(only).stream().filter(o -> o.resolvedAt() != null && o.resolvedAt().isAfter(since)
                && (o.status() == ComplaintStatus.RESOLVED || o.status() == ComplaintStatus.CLOSED)).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Set<Long> satisfied() {
        Set<Long> out = new HashSet<>();
        resolved().forEach(o -> out.add(o.customerId()));
        return out;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Integer> complaintsLastYear() {
        Instant since = Instant.now(clock).minus(365, ChronoUnit.DAYS);
        Map<Long, Integer> out = new java.util.HashMap<>();
        repository.outcomes(only).stream().filter(o -> o.receivedAt() != null && o.receivedAt().isAfter(since))
                .forEach(o -> out.merge(o.customerId(), 1, Integer::sum));
        return out;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<Long> unresolvedComplaints() {
        Set<Long> out = new HashSet<>();
        repository.outcomes(only).stream().filter(o -> o.status().open()).forEach(o -> out.add(o.customerId()));
        return out;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<Long> keptThroughComplaint() {
        List<ComplaintRepository.Outcome> resolved = resolved();
        Set<Long> out = new HashSet<>();
        if (resolved.isEmpty()) {
            return out;
        }
        Instant earliest = resolved.stream().map(ComplaintRepository.Outcome::resolvedAt).min(Instant::compareTo)
                .orElseThrow();
        Map<Long, List<Instant>> orders = only == null ? purchases.ordersSince(earliest)
                : purchases.ordersSince(only, earliest);
        for (ComplaintRepository.Outcome o : resolved) {
            if (orders.getOrDefault(o.customerId(), List.of()).stream().anyMatch(t -> t.isAfter(o.resolvedAt()))) {
                out.add(o.customerId());
            }
        }
        return out;
    }
}
