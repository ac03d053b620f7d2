package io.fidelis.app.complaint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.core.stats.Cusum;
import io.fidelis.core.stats.Proportions;
import io.fidelis.core.summary.PurchaseFrequency;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Learning from complaints (seeds 002 and 004: "keep a database of all complaints to prevent PR crises"): the
 * Pareto of categories and root causes; the daily volume per category with a Poisson CUSUM alarm (a rise above the
 * first eight weeks' level, designed for one false alarm a year per category); and whether complaints resolved in
 * time keep customers — the share who buy again within {@code days} of the resolution, for complaints resolved within
 * their SLA, resolved late, and not resolved, against customers who never complained, matched on how often they
 * bought in the year before (the business's own version of the seeds' 82 % and 81 %), with 95 % intervals.
 * Analytics for roles that see every customer.
 */
@Service
public class ComplaintAnalytics {
    /** Days of daily counts the alarm looks at (the first 56 set its baseline). */
    static final int ALARM_DAYS = 364;
    /** Products watched by the alarm: those with the most complaints in the year. */
    static final int ALARM_PRODUCTS = 20;
    /** Rows of the handling table. */
    static final int HANDLING_ROWS = 120;

    private final ComplaintRepository repository;
    private final PurchaseRecording purchases;
    private final ComplaintSla sla;
    private final io.fidelis.app.loyalty.LoyaltyReadings loyalty;
    private final io.fidelis.app.customer.CustomerManagement customers;
    private final io.fidelis.app.staff.StaffDirectory staff;
    private final ComplaintSettings settings;
    private final ComplaintRouting routing;
    private final Clock clock = Clock.systemUTC();

    ComplaintAnalytics(ComplaintRepository repository, PurchaseRecording purchases, ComplaintSla sla,
                       io.fidelis.app.loyalty.LoyaltyReadings loyalty,
                       io.fidelis.app.customer.CustomerManagement customers,
                       io.fidelis.app.staff.StaffDirectory staff, ComplaintSettings settings,
                       ComplaintRouting routing) {
        this.customers = customers;
        this.staff = staff;
        this.settings = settings;
        this.routing = routing;
        this.loyalty = loyalty;
        this.repository = repository;
        this.purchases = purchases;
        this.sla = sla;
    }

    /** A Pareto bar: a name, its count and the cumulative share up to it. */
    public record Bar(String name, long count, double cumulativeShare) {
    }

    /** One category's daily counts, the alarm band (the count that would alarm), and the days that alarmed. */
    public record Alarm(String category, List<Integer> counts, List<Integer> band, List<LocalDate> alarms,
                       int nextAlarmCount, String kind, double baseline) {
    }

    /** A group's repurchase share with its interval. */
    public record Repurchase(String group, int customers, int boughtAgain, double share, double lower, double upper) {
    }

    /**
     * Recovery economics: what the recovery actions cost, against the 12-month CLV of the customers whose complaint
     * was resolved and who bought again afterwards (kept), from the latest loyalty scoring.
     */
    public record Economics(java.math.BigDecimal recoveryCost, int customersKept, double clvKept, int resolved) {
        /** The CLV kept as money, rounded to cents. */
        public java.math.BigDecimal clvKeptMoney() {
            return java.math.BigDecimal.valueOf(clvKept).setScale(2, java.math.RoundingMode.HALF_UP);
        }
    }

    /** What to look at: the repurchase window in days, and optionally a period, a product and a region. */
    public record Filter(int days, LocalDate from, LocalDate to, String sku, String region) {
        public Filter {
            days = Math.max(7, Math.min(days, 365));
            sku = sku == null || sku.isBlank() ? null : sku.strip();
            region = region == null || region.isBlank() ? null : region.strip();
        }

        public static Filter days(int days) {
            return new Filter(days, null, null, null, null);
        }

        boolean period(Instant at) {
            LocalDate d = LocalDate.ofInstant(at, ZoneOffset.UTC);
            return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
        }
    }

    /** Who handled a category's complaints in a month: the department and the staff who had them. */
    public record Handling(String category, java.time.YearMonth month, String department, long complaints,
                           List<String> handlers) {
    }

    /** A category's coming turns in the rotation: the department for each of the next periods. */
    public record Turn(String category, java.time.YearMonth from, String department) {
    }

    public record Overview(long complaints, List<Bar> categories, List<Bar> rootCauses, List<Bar> products,
                           List<Bar> regions, LocalDate firstDay, List<Alarm> alarms, int days,
                           List<Repurchase> repurchase, double slaMetShare, Economics economics,
                           List<Handling> handling, List<Turn> rotation) {
        /** The category series, for the chart. */
        public List<Alarm> categoryAlarms() {
            return alarms.stream().filter(a -> a.kind().equals("category")).toList();
        }
    }

    @Transactional(readOnly = true)
    public Overview overview(int days) {
        return overview(Filter.days(days));
    }

    @Transactional(readOnly = true)
    public Overview overview(Filter filter) {
        Instant now = Instant.now(clock);
        Map<Long, List<String>> products = repository.productsOfAll();
        Map<Long, String> regions = new HashMap<>();
        List<Complaint> every = repository.all();
        customers.recordsForSystem(every.stream().map(Complaint::customerId).distinct().toList())
                .forEach((id, r) -> regions.put(id, r.region()));
        // Product and region narrow everything; the period narrows the Pareto charts, the handling and the economics
        // (the alarm always looks at the last year, the repurchase at complaints whose window has ended).
        List<Complaint> all = every.stream()
                .filter(c -> filter.sku() == null || products.getOrDefault(c.id(), List.of()).contains(filter.sku()))
                .filter(c -> filter.region() == null || filter.region().equalsIgnoreCase(
                        java.util.Objects.requireNonNullElse(regions.get(c.customerId()), "")))
                .toList();
        List<Complaint> inPeriod = all.stream().filter(c -> filter.period(c.receivedAt())).toList();
        Map<Long, List<Complaint.History>> waits = repository.waits(all.stream().map(Complaint::id).toList());
        Map<String, Long> byCategory = new HashMap<>();
        Map<String, Long> byCause = new HashMap<>();
        Map<String, Long> byProduct = new HashMap<>();
        Map<String, Long> byRegion = new HashMap<>();
        for (Complaint c : inPeriod) {
            byCategory.merge(c.category(), 1L, Long::sum);
            if (c.rootCause() != null) {
                byCause.merge(c.rootCause().strip().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
            }
            products.getOrDefault(c.id(), List.of()).forEach(sku -> byProduct.merge(sku, 1L, Long::sum));
            String region = regions.get(c.customerId());
            byRegion.merge(region == null || region.isBlank() ? "–" : region, 1L, Long::sum);
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Alarm> alarms = alarms(all, products, today);
        return new Overview(inPeriod.size(), pareto(byCategory), pareto(byCause), top(pareto(byProduct), 20),
                pareto(byRegion), today.minusDays(ALARM_DAYS - 1), alarms, filter.days(),
                repurchase(all, waits, filter.days(), now), slaMet(inPeriod, waits, now), economics(inPeriod, now),
                handling(inPeriod), rotation(now));
    }

    private static List<Bar> top(List<Bar> bars, int n) {
        return bars.size() <= n ? bars : bars.subList(0, n);
    }

    /**
     * The CUSUM over the last {@link #ALARM_DAYS} days to {@code today}, per category and for the
     * {@link #ALARM_PRODUCTS} products with the most complaints in that year: each series' daily counts, alarm band
     * and alarm days.
     */
    List<Alarm> alarms(List<Complaint> complaints, Map<Long, List<String>> products, LocalDate today) {
        LocalDate first = today.minusDays(ALARM_DAYS - 1);
        Map<String, int[]> categories = new TreeMap<>();
        Map<String, int[]> byProduct = new HashMap<>();
        for (Complaint c : complaints) {
            LocalDate d = LocalDate.ofInstant(c.receivedAt(), ZoneOffset.UTC);
            if (!d.isBefore(first) && !d.isAfter(today)) {
                int day = (int) ChronoUnit.DAYS.between(first, d);
                categories.computeIfAbsent(c.category(), k -> new int[ALARM_DAYS])[day]++;
                for (String sku : products.getOrDefault(c.id(), List.of())) {
                    byProduct.computeIfAbsent(sku, k -> new int[ALARM_DAYS])[day]++;
                }
            }
        }
        Map<String, int[]> topProducts = new LinkedHashMap<>();
        byProduct.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -java.util.Arrays.stream(e.getValue())
                        .sum()).thenComparing(Map.Entry::getKey))
                .limit(ALARM_PRODUCTS)
                .forEach(e -> topProducts.put(e.getKey(), e.getValue()));
        List<Alarm> alarms = new ArrayList<>();
        alarms.addAll(alarms("category", categories, first));
        alarms.addAll(alarms("product", topProducts, first));
        return alarms;
    }

    private static List<Alarm> alarms(String kind, Map<String, int[]> series, LocalDate first) {
        List<Alarm> alarms = new ArrayList<>();
        if (series.isEmpty()) {
            return alarms;
        }
        Cusum.detect(series, first, Cusum.Options.defaults()).forEach((subject, r) -> {
            List<Integer> counts = new ArrayList<>();
            for (int v : series.get(subject)) {
                counts.add(v);
            }
            List<Integer> band = new ArrayList<>(Collections.nCopies(ALARM_DAYS - r.days(), (Integer) null));
            for (int b : r.alarmBand()) {
                band.add(b);
            }
            alarms.add(new Alarm(subject, counts, band, r.alarms(), r.nextAlarmCount(), kind, r.trainingMean()));
        });
        return alarms;
    }

    /** Per category and month, newest first: the department that handled it and who in it had the complaints. */
    private List<Handling> handling(List<Complaint> complaints) {
        Map<Long, String> names = new HashMap<>();
        staff.accounts().forEach(a -> names.put(a.member().id(), a.username()));
        record Key(String category, java.time.YearMonth month, String department) {
        }
        Map<Key, long[]> counts = new HashMap<>();
        Map<Key, Set<String>> who = new HashMap<>();
        for (Complaint c : complaints) {
            Key k = new Key(c.category(), java.time.YearMonth.from(c.receivedAt().atOffset(ZoneOffset.UTC)),
                    c.department() == null ? "–" : c.department());
            counts.computeIfAbsent(k, x -> new long[1])[0]++;
            if (c.assigneeId() != null) {
                who.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(names.getOrDefault(c.assigneeId(), "?"));
            }
        }
        return counts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Key, long[]> e) -> e.getKey().month()).reversed()
                        .thenComparing(e -> e.getKey().category()).thenComparing(e -> e.getKey().department()))
                .limit(HANDLING_ROWS)
                .map(e -> new Handling(e.getKey().category(), e.getKey().month(), e.getKey().department(),
                        e.getValue()[0], List.copyOf(who.getOrDefault(e.getKey(), Set.of()))))
                .toList();
    }

    /** The rotating categories' departments for this and the next periods. */
    private List<Turn> rotation(Instant now) {
        List<Turn> turns = new ArrayList<>();
        java.time.YearMonth month = java.time.YearMonth.from(now.atOffset(ZoneOffset.UTC));
        int step = Math.max(1, settings.rotationMonths());
        new TreeMap<>(settings.rotation()).forEach((category, departments) -> {
            for (int i = 0; i < Math.max(3, departments.size()); i++) {
                java.time.YearMonth m = month.plusMonths((long) i * step);
                turns.add(new Turn(category, m, routing.department(category, null,
                        m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))));
            }
        });
        return turns;
    }

    private Economics economics(List<Complaint> all, Instant now) {
        java.math.BigDecimal cost = java.math.BigDecimal.ZERO;
        for (Complaint c : all) {
            for (ComplaintRepository.Recovery r : repository.recoveries(c.id())) {
                cost = cost.add(r.cost());
            }
        }
        Map<Long, List<Instant>> orders = purchases.ordersSince(now.minus(Duration.ofDays(3 * 365L)));
        Map<Long, Double> clv = loyalty.clvs();
        Set<Long> kept = new HashSet<>();
        int resolved = 0;
        for (Complaint c : all) {
            if (c.resolvedAt() != null) {
                resolved++;
                if (orders.getOrDefault(c.customerId(), List.of()).stream().anyMatch(t -> t.isAfter(c.resolvedAt()))) {
                    kept.add(c.customerId());
                }
            }
        }
        double value = kept.stream().mapToDouble(id -> clv.getOrDefault(id, 0.0)).sum();
        return new Economics(cost, kept.size(), value, resolved);
    }

    private static List<Bar> pareto(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        long total = sorted.stream().mapToLong(Map.Entry::getValue).sum();
        List<Bar> out = new ArrayList<>();
        long running = 0;
        for (var e : sorted) {
            running += e.getValue();
            out.add(new Bar(e.getKey(), e.getValue(), (double) running / total));
        }
        return out;
    }

    /** The share of resolved complaints whose resolution came within the resolve SLA. */
    private double slaMet(List<Complaint> all, Map<Long, List<Complaint.History>> waits, Instant now) {
        int resolved = 0;
        int met = 0;
        for (Complaint c : all) {
            if (c.resolvedAt() != null) {
                resolved++;
                met += sla.of(c, waits.getOrDefault(c.id(), List.of()), now).resolve().state()
                        != io.fidelis.core.sla.SlaStatus.State.BREACHED ? 1 : 0;
            }
        }
        return resolved == 0 ? Double.NaN : (double) met / resolved;
    }

    /**
     * Bought again within {@code days} after the complaint was resolved (or, for one not resolved, after it came);
     * only complaints whose window has ended count. The matched group: for each complainant, the customers who never
     * complained and bought as often in the year before, followed over the same window.
     */
    private List<Repurchase> repurchase(List<Complaint> all, Map<Long, List<Complaint.History>> waits, int days,
                                        Instant now) {
        Map<Long, List<Instant>> orders = purchases.ordersSince(now.minus(Duration.ofDays(3 * 365L)));
        Set<Long> complainants = new HashSet<>();
        all.forEach(c -> complainants.add(c.customerId()));
        Map<String, int[]> groups = new LinkedHashMap<>();
        for (String g : List.of("resolvedInTime", "resolvedLate", "notResolved", "neverComplained")) {
            groups.put(g, new int[2]);
        }
        // Non-complainers by how often they bought in a year, for matching.
        List<Long> others = orders.keySet().stream().filter(id -> !complainants.contains(id)).sorted().toList();
        for (Complaint c : all) {
            Instant from = c.resolvedAt() != null ? c.resolvedAt() : c.receivedAt();
            Instant to = from.plus(Duration.ofDays(days));
            if (to.isAfter(now)) {
                continue;
            }
            String group;
            if (c.resolvedAt() == null) {
                group = "notResolved";
            } else {
                boolean inTime = sla.of(c, waits.getOrDefault(c.id(), List.of()), now).resolve().state()
                        != io.fidelis.core.sla.SlaStatus.State.BREACHED;
                group = inTime ? "resolvedInTime" : "resolvedLate";
            }
            int[] g = groups.get(group);
            g[0]++;
            g[1] += boughtBetween(orders.get(c.customerId()), from, to) ? 1 : 0;
            Instant yearBefore = c.receivedAt().minus(Duration.ofDays(365));
            int before = PurchaseFrequency.classOf(PurchaseFrequency.count(orders.get(c.customerId()), yearBefore,
                    c.receivedAt()));
            int[] matched = groups.get("neverComplained");
            for (long other : others) {
                List<Instant> theirs = orders.get(other);
                if (PurchaseFrequency.classOf(PurchaseFrequency.count(theirs, yearBefore, c.receivedAt())) == before
                        && before > 0) {
                    matched[0]++;
                    matched[1] += boughtBetween(theirs, from, to) ? 1 : 0;
                }
            }
        }
        List<Repurchase> out = new ArrayList<>();
        groups.forEach((name, g) -> {
            if (g[0] == 0) {
                out.add(new Repurchase(name, 0, 0, Double.NaN, Double.NaN, Double.NaN));
            } else {
                Proportions.Share s = Proportions.wilson(g[1], g[0], 0.95);
                out.add(new Repurchase(name, g[0], g[1], s.share(), s.lower(), s.upper()));
            }
        });
        return out;
    }

    private static boolean boughtBetween(List<Instant> orders, Instant from, Instant to) {
        return orders != null && orders.stream().anyMatch(t -> t.isAfter(from) && !t.isAfter(to));
    }

    /**
     * When each customer's complaints were received, every category (or one, when {@code category} is not null); for
     * the supply analytics (system use, not scoped).
     */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public java.util.Map<Long, List<java.time.Instant>> receivedByCustomer(String category) {
        java.util.Map<Long, List<java.time.Instant>> out = new java.util.HashMap<>();
        repository.eachReceived((c, at) -> out.computeIfAbsent(c, k -> new java.util.ArrayList<>()).add(at), category);
        return out;
    }

    /** A complaint's customer, when it was received, its order (or null) and the products it names. */
    public record ProductComplaint(long customerId, java.time.Instant receivedAt, String orderId, List<String> skus) {
    }

    /**
     * The complaints received since a time, with their order and the products they name; for the improvement
     * backlog, which counts the complaints about an item's products (system use, not scoped).
     */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public List<ProductComplaint> withProductsSince(java.time.Instant since) {
        List<ProductComplaint> out = new java.util.ArrayList<>();
        repository.eachWithProducts(since, (c, at, order, skus) -> out.add(new ProductComplaint(c, at, order,
                List.copyOf(skus))));
        return out;
    }
}
