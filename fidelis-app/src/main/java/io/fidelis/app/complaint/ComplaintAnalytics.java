package io.fidelis.app.complaint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
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

    private final ComplaintRepository repository;
    private final PurchaseRecording purchases;
    private final ComplaintSla sla;
    private final io.fidelis.app.loyalty.LoyaltyReadings loyalty;
    private final Clock clock = Clock.systemUTC();

    ComplaintAnalytics(ComplaintRepository repository, PurchaseRecording purchases, ComplaintSla sla,
                       io.fidelis.app.loyalty.LoyaltyReadings loyalty) {
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
                       int nextAlarmCount) {
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

    public record Overview(long complaints, List<Bar> categories, List<Bar> rootCauses, LocalDate firstDay,
                           List<Alarm> alarms, int days, List<Repurchase> repurchase, double slaMetShare,
                           Economics economics) {
    }

    @Transactional(readOnly = true)
    public Overview overview(int days) {
        Instant now = Instant.now(clock);
        List<Complaint> all = repository.all();
        Map<Long, List<Complaint.History>> waits = repository.waits(all.stream().map(Complaint::id).toList());
        Map<String, Long> byCategory = new HashMap<>();
        Map<String, Long> byCause = new HashMap<>();
        for (Complaint c : all) {
            byCategory.merge(c.category(), 1L, Long::sum);
            if (c.rootCause() != null) {
                byCause.merge(c.rootCause().strip().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
            }
        }
        // Daily counts per category over the last ALARM_DAYS days, and the CUSUM alarm.
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(ALARM_DAYS - 1);
        Map<String, int[]> series = new TreeMap<>();
        for (Complaint c : all) {
            LocalDate d = LocalDate.ofInstant(c.receivedAt(), ZoneOffset.UTC);
            if (!d.isBefore(first) && !d.isAfter(today)) {
                series.computeIfAbsent(c.category(), k -> new int[ALARM_DAYS])[(int) ChronoUnit.DAYS.between(first,
                        d)]++;
            }
        }
        List<Alarm> alarms = new ArrayList<>();
        if (!series.isEmpty()) {
            Cusum.detect(series, first, Cusum.Options.defaults()).forEach((category, r) -> {
                List<Integer> counts = new ArrayList<>();
                for (int v : series.get(category)) {
                    counts.add(v);
                }
                List<Integer> band = new ArrayList<>(Collections.nCopies(ALARM_DAYS - r.days(), (Integer) null));
                for (int b : r.alarmBand()) {
                    band.add(b);
                }
                alarms.add(new Alarm(category, counts, band, r.alarms(), r.nextAlarmCount()));
            });
        }
        return new Overview(all.size(), pareto(byCategory), pareto(byCause), first, alarms, ALARM_DAYS,
                repurchase(all, waits, days, now), slaMet(all, waits, now), economics(all, now));
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
            int before = bucket(count(orders.get(c.customerId()), c.receivedAt().minus(Duration.ofDays(365)),
                    c.receivedAt()));
            int[] matched = groups.get("neverComplained");
            for (long other : others) {
                List<Instant> theirs = orders.get(other);
                if (bucket(count(theirs, c.receivedAt().minus(Duration.ofDays(365)), c.receivedAt())) == before
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

    private static int count(List<Instant> orders, Instant from, Instant to) {
        return orders == null ? 0 : (int) orders.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
    }

    /** Purchase frequency classes for matching: none, one, two or three, four to seven, eight or more. */
    private static int bucket(int n) {
        return n == 0 ? 0 : n == 1 ? 1 : n <= 3 ? 2 : n <= 7 ? 3 : 4;
    }
}
