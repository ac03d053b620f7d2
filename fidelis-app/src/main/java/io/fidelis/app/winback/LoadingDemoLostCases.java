package io.fidelis.app.winback;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.loyalty.LoyaltyReadings;
import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo's lost customers: a case for each customer scored lost whose last order was within the last year and a
 * half (recently lost), opened when their silence reached the lost threshold; about half already worked (a reason,
 * controllable or not, an action, declined or unreachable), the rest open for their account managers.
 */
@Service
public class LoadingDemoLostCases {
    private final WinBackRepository repository;
    private final CustomerManagement customers;
    private final LoyaltyReadings loyalty;
    private final PurchaseRecording purchases;
    private final StaffDirectory staff;
    private final JdbcClient jdbc;

    LoadingDemoLostCases(WinBackRepository repository, CustomerManagement customers, LoyaltyReadings loyalty,
                         PurchaseRecording purchases, StaffDirectory staff, JdbcClient jdbc) {
        this.repository = repository;
        this.customers = customers;
        this.loyalty = loyalty;
        this.purchases = purchases;
        this.staff = staff;
        this.jdbc = jdbc;
    }

    /** Cases opened; 0 when there were cases already. */
    @Transactional
    public int load(LocalDate end, long seed) {
        if (jdbc.sql("select count(*) from lost_case").query(Long.class).single() > 0) {
            return 0;
        }
        SplittableRandom random = new SplittableRandom(seed * 977 + 3);
        int lostDays = customers.settings().lostDays();
        Instant endAt = end.atTime(18, 0).toInstant(ZoneOffset.UTC);
        Map<Long, List<Instant>> orders = purchases.ordersSince(endAt.minusSeconds(86_400L * (lostDays + 540)));
        List<Long> ids = new ArrayList<>(orders.keySet());
        ids.sort(Long::compare);
        Map<Long, LoyaltyReadings.Brief> briefs = loyalty.briefsOf(ids);
        List<WinBackRepository.Reason> reasons = repository.reasons();
        int n = 0;
        for (Long id : ids) {
            LoyaltyReadings.Brief b = briefs.get(id);
            if (b == null || !"LOST".equals(b.overlay())) {
                continue;
            }
            Instant last = orders.get(id).stream().max(Instant::compareTo).orElseThrow();
            Instant opened = last.plusSeconds(86_400L * lostDays);
            if (opened.isAfter(endAt)) {
                continue;
            }
            CustomerRecord c = customers.recordForSystem(id).orElseThrow();
            Long manager = c.accountManager() == null ? null : staff.byUsername(c.accountManager())
                    .map(StaffMember::id).orElse(null);
            LostCase lost = LostCase.open(id, manager, opened, LocalDate.ofInstant(opened, ZoneOffset.UTC)
                    .plusDays(7));
            long caseId = repository.insert(lost);
            if (random.nextDouble() < 0.5) {
                WinBackRepository.Reason reason = reasons.get(random.nextInt(reasons.size()));
                LostCase worked = repository.byId(caseId).orElseThrow();
                worked.record(reason.code(), WinBackAction.values()[random.nextInt(4)], "Talked to them");
                worked.end(random.nextDouble() < 0.7 ? LostCaseStatus.DECLINED : LostCaseStatus.UNREACHABLE,
                        c.accountManager() == null ? "demo" : c.accountManager(), opened.plusSeconds(86_400L * 5));
                repository.save(worked);
            }
            n++;
        }
        return n;
    }
}
