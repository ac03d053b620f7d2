package io.fidelis.app.visit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.fidelis.app.complaint.HandlingComplaints;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.loyalty.CustomerSignals;
import io.fidelis.app.loyalty.LoyaltyReadings;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import io.fidelis.app.survey.FollowUps;
import io.fidelis.app.winback.LostCases;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account manager's day: their follow-ups and the tasks the system generates for their customers, each with its
 * reason — a detractor to call back (surveys), a lost customer to contact (win-back), a valuable customer at risk
 * not contacted lately (loyalty), an unresolved complaint, a promoter to ask for a referral — overdue first, then by
 * due day; and their coverage: the share of their customers contacted lately, by value tier, which shows when
 * valuable customers are neglected. Managers also see every account manager's coverage.
 */
@Service
public class MyDay {
    private final VisitRepository repository;
    private final CustomerManagement customers;
    private final FollowUps followUps;
    private final LostCases lost;
    private final LoyaltyReadings loyalty;
    private final HandlingComplaints complaints;
    private final List<CustomerSignals> signals;
    private final StaffDirectory staff;
    private final CurrentStaff current;
    private final VisitSettings settings;
    private final NextBestActions actions;
    private final Clock clock = Clock.systemUTC();

    MyDay(VisitRepository repository, CustomerManagement customers, FollowUps followUps, LostCases lost,
          LoyaltyReadings loyalty, HandlingComplaints complaints, List<CustomerSignals> signals, StaffDirectory staff,
          CurrentStaff current, VisitSettings settings, NextBestActions actions) {
        this.actions = actions;
        this.repository = repository;
        this.customers = customers;
        this.followUps = followUps;
        this.lost = lost;
        this.loyalty = loyalty;
        this.complaints = complaints;
        this.signals = signals;
        this.staff = staff;
        this.current = current;
        this.settings = settings;
    }

    /** Where a task comes from. */
    public enum Kind { FOLLOW_UP, COMPLAINT, DETRACTOR, LOST, AT_RISK, ASK_REFERRAL }

    /**
     * A task of the day: its kind, the customer, why (a message key and its arguments), the due day, whether it is
     * overdue, where to act on it, and for a manager's own follow-up its id and version (to mark it done).
     */
    public record Task(Kind kind, String customerId, String customerName, String reasonKey, List<Object> reasonArgs,
                       LocalDate due, boolean overdue, String link, Long taskId, Long version) {
    }

    /** Coverage of one value tier: customers, contacted within the window, and the share. */
    public record Coverage(String tier, int customers, int contacted, double share) {
    }

    /** One account manager's coverage, for managers. */
    public record ManagerCoverage(String manager, List<Coverage> tiers) {
    }

    public record Day(LocalDate today, List<Task> tasks, List<Coverage> coverage, List<ManagerCoverage> team,
                      int coverageDays, List<NextBestActions.Advice> actions) {
    }

    @Transactional
    public Day today() {
        StaffMember me = current.get().orElseThrow();
        Instant now = Instant.now(clock);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Set<Long> mine = customers.idsManagedBy(me.id());
        Map<Long, CustomerRecord> records = customers.recordsForSystem(mine);
        Map<Long, Instant> lastContact = repository.lastContacts(now.minus(Duration.ofDays(Math.max(
                settings.coverageDays(), Math.max(settings.atRiskQuietDays(), settings.referralQuietDays())))));
        Map<Long, LoyaltyReadings.Brief> briefs = loyalty.briefsOf(mine);
        double[] clvs = loyalty.clvsSorted();
        double valuable = LoyaltyReadings.quantile(clvs, settings.valuableQuantile());
        double median = LoyaltyReadings.quantile(clvs, 0.5);
        Map<Long, Instant> coveredSince = repository.lastContacts(now.minus(Duration.ofDays(settings.coverageDays())));
        List<Task> tasks = new ArrayList<>();
        // An account manager's follow-ups go with their customers: those on customers handed to them since are
        // theirs now, and those on customers handed to someone else are not shown to them any more.
        for (FollowUpTask t : me.role() == Role.ACCOUNT_MANAGER ? repository.openTasksOn(mine)
                : repository.openTasksOf(me.id())) {
            CustomerRecord c = customers.recordForSystem(t.customerId()).orElseThrow();
            tasks.add(task(Kind.FOLLOW_UP, c, "task.followUp", List.of(t.title()), t.dueOn(), today,
                    customerLink(c), t.id(), t.version()));
        }
        for (HandlingComplaints.Unresolved u : complaints.unresolvedOf(mine)) {
            CustomerRecord c = records.get(u.customerId());
            tasks.add(task(Kind.COMPLAINT, c, "task.complaint", List.of(u.reference(), u.subject(),
                    u.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')),
                    LocalDate.ofInstant(u.receivedAt(), ZoneOffset.UTC).plusDays(1), today,
                    "/complaints/" + u.reference(), null, null));
        }
        for (FollowUps.FollowUp f : followUps.open()) {
            if (me.username().equals(f.accountManager())) {
                tasks.add(new Task(Kind.DETRACTOR, f.customer(), f.customerName(), "task.detractor",
                        List.of(f.detail() == null ? "" : f.detail()), LocalDate.ofInstant(f.dueAt(), ZoneOffset.UTC),
                        f.overdue(), "/follow-ups", null, null));
            }
        }
        for (LostCases.CaseView v : lost.openOf(mine)) {
            tasks.add(task(Kind.LOST, v.customer(), "task.lost", List.of(v.lostCase().openedAt().toString()
                    .substring(0, 10)), v.lostCase().dueOn(), today, "/lost/" + v.lostCase().id(), null, null));
        }
        Set<Long> promoters = new HashSet<>();
        signals.forEach(s -> promoters.addAll(s.promoters()));
        for (Long id : mine) {
            LoyaltyReadings.Brief b = briefs.get(id);
            Instant last = lastContact.get(id);
            if (b != null && "AT_RISK".equals(b.overlay()) && b.clv() != null && b.clv() >= valuable && valuable > 0
                    && (last == null || last.isBefore(now.minus(Duration.ofDays(settings.atRiskQuietDays()))))) {
                tasks.add(task(Kind.AT_RISK, records.get(id), "task.atRisk", List.of(
                        Math.round(100 * (b.pAlive() == null ? 0 : b.pAlive())), Math.round(b.clv())), today, today,
                        customerLink(records.get(id)), null, null));
            }
            if (promoters.contains(id) && (last == null
                    || last.isBefore(now.minus(Duration.ofDays(settings.referralQuietDays()))))
                    && customers.traitsOf(id).map(t -> t.referralsMade() == 0).orElse(false)) {
                CustomerRecord c = records.get(id);
                long years = c.acquiredOn() == null ? 0 : java.time.temporal.ChronoUnit.YEARS.between(c.acquiredOn(),
                        today);
                tasks.add(task(Kind.ASK_REFERRAL, c, "task.askReferral", List.of(years), today.plusDays(7), today,
                        customerLink(c), null, null));
            }
        }
        tasks.sort(Comparator.comparing((Task t) -> !t.overdue()).thenComparing(Task::due)
                .thenComparing(t -> t.kind().ordinal()).thenComparing(Task::customerId));
        List<ManagerCoverage> team = new ArrayList<>();
        if (me.role() == Role.ADMIN || me.role() == Role.MANAGER) {
            for (StaffMember m : staff.list()) {
                if (m.role() == Role.ACCOUNT_MANAGER) {
                    team.add(new ManagerCoverage(m.username(), coverage(customers.idsManagedBy(m.id()), null,
                            coveredSince, valuable, median)));
                }
            }
        }
        return new Day(today, tasks, coverage(mine, briefs, coveredSince, valuable, median), team, settings.coverageDays(),
                actions.forCustomers(mine, 20));
    }

    private static String customerLink(CustomerRecord c) {
        return "/customers/" + org.springframework.web.util.UriUtils.encodePathSegment(c.externalId(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Task task(Kind kind, CustomerRecord c, String key, List<Object> args, LocalDate due,
                             LocalDate today, String link, Long id, Long version) {
        return new Task(kind, c.externalId(), c.name(), key, args, due, due.isBefore(today), link, id, version);
    }

    /**
     * Coverage by value tier: A, the valuable (CLV at or above the valuable quantile); B, at or above the median;
     * C, below; "–", not scored.
     */
    private List<Coverage> coverage(Set<Long> ids, Map<Long, LoyaltyReadings.Brief> known, Map<Long, Instant> last,
                                    double valuable, double median) {
        Map<Long, LoyaltyReadings.Brief> briefs = known != null ? known : loyalty.briefsOf(ids);
        String[] tiers = {"A", "B", "C", "–"};
        int[][] n = new int[4][2];
        for (Long id : ids) {
            LoyaltyReadings.Brief b = briefs.get(id);
            int tier = b == null || b.clv() == null ? 3 : b.clv() >= valuable ? 0 : b.clv() >= median ? 1 : 2;
            n[tier][0]++;
            n[tier][1] += last.containsKey(id) ? 1 : 0;
        }
        List<Coverage> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(new Coverage(tiers[i], n[i][0], n[i][1], n[i][0] == 0 ? Double.NaN : (double) n[i][1] / n[i][0]));
        }
        return out;
    }
}
