package io.fidelis.app.complaint;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffAccount;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.core.sla.SlaStatus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches the open complaints' service-level clocks every few minutes: the handler is warned once a clock enters its
 * warning margin; on a breach the complaint is escalated to the department's head (a manager of that team), and if
 * it is still unresolved after twice its time to resolve, to the managers and admins. Each step is recorded in the
 * complaint's history and e-mailed to those concerned when a mail server is configured.
 */
@Component
@ConditionalOnWebApplication
class ComplaintSlaWatch {
    private final ComplaintRepository repository;
    private final ComplaintSla sla;
    private final ComplaintSettings settings;
    private final StaffDirectory staff;
    private final StaffNotices notices;
    private final Clock clock = Clock.systemUTC();
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    ComplaintSlaWatch(ComplaintRepository repository, ComplaintSla sla, ComplaintSettings settings,
                      StaffDirectory staff, StaffNotices notices,
                      org.springframework.transaction.PlatformTransactionManager transactionManager) {
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        this.repository = repository;
        this.sla = sla;
        this.settings = settings;
        this.staff = staff;
        this.notices = notices;
    }

    @Scheduled(fixedDelayString = "${fidelis.complaints.watch-every:PT5M}", initialDelayString = "PT1M")
    void scheduled() {
        watch(Instant.now(clock));
    }

    /**
     * One pass over the open complaints; the number of warnings and escalations made. Each complaint is looked at in
     * a short transaction of its own: one transaction over thousands of open complaints would hold its connection,
     * and the rows it changes, for minutes while the service staff work on them.
     */
    int watch(Instant now) {
        int steps = 0;
        List<StaffAccount> accounts = staff.accounts();
        // Complaints too young for any warning are not read at all (a minute's margin for rounding).
        Instant receivedBy = now.minus(sla.earliestWarning()).plus(java.time.Duration.ofMinutes(1));
        for (ComplaintRepository.Watched w : repository.watched(receivedBy)) {
            Integer step = transactions.execute(status -> watchOne(w, accounts, now));
            steps += step == null ? 0 : step;
        }
        return steps;
    }

    /** One complaint: 1 if it was warned about or escalated now, else 0. */
    private int watchOne(ComplaintRepository.Watched w, List<StaffAccount> accounts, Instant now) {
        int steps = 0;
        Complaint c = repository.byId(w.id()).orElse(null);
        if (c == null) {
            return 0;
        }
        ComplaintSla.Clocks clocks = sla.of(c, repository.history(c.id()), now);
        SlaStatus.State worst = clocks.worst();
        double resolveHours = ComplaintSettings.hours(settings.resolveHours(), c.severity());
        boolean twiceOver = !clocks.resolveDone() && clocks.resolve().elapsed().toSeconds()
                >= 2 * resolveHours * 3600;
        if (worst == SlaStatus.State.BREACHED && w.escalation() == 0) {
            List<StaffAccount> heads = accounts.stream().filter(a -> a.enabled() && a.member().role() == Role.MANAGER
                    && sameTeam(a.team(), c.department())).toList();
            repository.escalate(c.id(), 1, w.warned(), now, "escalated to the head of " + c.department() + ": "
                    + names(heads));
            notify(heads, c, "breached its service level and is escalated to you");
            io.micrometer.core.instrument.Metrics.counter("fidelis.complaints.sla.breaches", "severity",
                    c.severity().name()).increment();
            steps++;
        } else if (twiceOver && w.escalation() == 1) {
            List<StaffAccount> managers = accounts.stream().filter(a -> a.enabled()
                    && (a.member().role() == Role.ADMIN || a.member().role() == Role.MANAGER)).toList();
            repository.escalate(c.id(), 2, w.warned(), now, "escalated to the managers: " + names(managers));
            notify(managers, c, "is still unresolved after twice its time to resolve");
            steps++;
        } else if (worst == SlaStatus.State.WARNING && !w.warned()) {
            List<StaffAccount> handler = accounts.stream().filter(a -> c.assigneeId() != null
                    && a.member().id() == c.assigneeId()).toList();
            repository.escalate(c.id(), w.escalation(), true, now, "warned " + names(handler)
                    + ": the service level is nearly used up");
            notify(handler, c, "is close to breaching its service level");
            steps++;
        }
        return steps;
    }

    private static boolean sameTeam(String team, String department) {
        return team != null && department != null
                && team.strip().toLowerCase(Locale.ROOT).equals(department.strip().toLowerCase(Locale.ROOT));
    }

    private static String names(List<StaffAccount> who) {
        List<String> names = new ArrayList<>();
        who.forEach(a -> names.add(a.username()));
        return names.isEmpty() ? "nobody (no one is set up for it)" : String.join(", ", names);
    }

    private void notify(List<StaffAccount> who, Complaint c, String what) {
        notices.send(who, "Complaint " + c.reference() + " " + what, "Complaint " + c.reference() + " ("
                + c.severity().name().toLowerCase(Locale.ROOT) + ", " + c.category() + "): " + c.subject()
                + "\n\nIt " + what + ".\n");
    }
}
