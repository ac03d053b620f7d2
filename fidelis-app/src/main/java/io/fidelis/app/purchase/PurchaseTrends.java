package io.fidelis.app.purchase;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fidelis.app.security.CurrentStaff;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Monthly figures for the overview: revenue and margin, customers gained and lost, and the customers active now.
 * Within the caller's scope: an account manager's figures cover only their own customers.
 */
@Service
public class PurchaseTrends {
    private final JdbcClient jdbc;
    private final CurrentStaff current;
    private final Clock clock = Clock.systemUTC();

    PurchaseTrends(JdbcClient jdbc, CurrentStaff current) {
        this.jdbc = jdbc;
        this.current = current;
    }

    /** The overview's figures. */
    public record Overview(long buyers, long active, List<MonthFigures> months) {
    }

    /**
     * @param months how many months to show, ending with the current one
     * @param activeDays a customer who ordered within this many days is active
     * @param lostDays a customer is lost when this many days pass after their last order without another
     */
    @Transactional(readOnly = true)
    public Overview overview(int months, int activeDays, int lostDays) {
        Instant now = clock.instant();
        YearMonth last = YearMonth.from(now.atZone(ZoneOffset.UTC));
        YearMonth first = last.minusMonths(months - 1L);
        OffsetDateTime from = first.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        Optional<Long> scope = current.accountManagerScope();
        String scoped = scope.isPresent() ? " and p.customer_id in (select id from customer where account_manager_id = ?)" : "";
        Map<YearMonth, BigDecimal[]> money = new TreeMap<>();
        List<Object> params = new ArrayList<>();
        params.add(from);
        scope.ifPresent(params::add);
        jdbc.sql("select extract(year from p.purchased_at at time zone 'UTC'), extract(month from p.purchased_at at"
                        + " time zone 'UTC'), sum(l.quantity * l.unit_price), sum(case when l.unit_cost is null then 0"
                        + " else l.quantity * (l.unit_price - l.unit_cost) end) from purchase p join purchase_line l"
                        + " on l.order_id = p.order_id where p.purchased_at >= ?" + scoped
                        + " group by extract(year from p.purchased_at at time zone 'UTC'),"
                        + " extract(month from p.purchased_at at time zone 'UTC')")
                .params(params)
                .query(rs -> {
                    money.put(YearMonth.of(rs.getInt(1), rs.getInt(2)), new BigDecimal[] {rs.getBigDecimal(3),
                            rs.getBigDecimal(4)});
                });
        Map<YearMonth, long[]> flows = new TreeMap<>();
        long[] counts = new long[2];
        Instant activeSince = now.minus(activeDays, ChronoUnit.DAYS);
        List<Object> scopeParams = scope.<List<Object>>map(List::of).orElse(List.of());
        jdbc.sql("select min(p.purchased_at), max(p.purchased_at) from purchase p where p.kind = 'ORDER'" + scoped
                        + " group by p.customer_id")
                .params(scopeParams)
                .query(rs -> {
                    Instant a = rs.getObject(1, OffsetDateTime.class).toInstant();
                    Instant b = rs.getObject(2, OffsetDateTime.class).toInstant();
                    counts[0]++;
                    if (!b.isBefore(activeSince)) {
                        counts[1]++;
                    }
                    flows.computeIfAbsent(YearMonth.from(a.atZone(ZoneOffset.UTC)), k -> new long[2])[0]++;
                    Instant lostAt = b.plus(lostDays, ChronoUnit.DAYS);
                    if (!lostAt.isAfter(now)) {
                        flows.computeIfAbsent(YearMonth.from(lostAt.atZone(ZoneOffset.UTC)), k -> new long[2])[1]++;
                    }
                });
        List<MonthFigures> result = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            BigDecimal[] v = money.getOrDefault(m, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            long[] f = flows.getOrDefault(m, new long[2]);
            result.add(new MonthFigures(m, v[0], v[1], f[0], f[1]));
        }
        return new Overview(counts[0], counts[1], List.copyOf(result));
    }
}
