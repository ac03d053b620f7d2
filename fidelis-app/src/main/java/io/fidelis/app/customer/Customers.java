package io.fidelis.app.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Stores customer aggregates with explicit SQL. */
@Repository
class Customers {
    private static final String RECORD = "select c.id, c.external_id, c.name, c.email, c.phone, c.region,"
            + " c.segment, c.acquired_on, c.acquisition_channel, r.external_id referred_by, u.username manager,"
            + " c.marketing_consent, c.consent_changed_at, c.consent_source, c.time_zone, c.created_at,"
            + " c.updated_at, c.version from customer c left join customer r on r.id = c.referred_by_id"
            + " left join staff_user u on u.id = c.account_manager_id";

    private final JdbcClient jdbc;

    Customers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Customer> byExternalId(String externalId) {
        return jdbc.sql("select * from customer where external_id = ?").param(externalId)
                .query(Customers::aggregate).optional();
    }

    Optional<Long> idOf(String externalId) {
        return jdbc.sql("select id from customer where external_id = ?").param(externalId)
                .query(Long.class).optional();
    }

    Optional<CustomerRecord> recordOf(String externalId) {
        return jdbc.sql(RECORD + " where c.external_id = ?").param(externalId).query(Customers::record).optional();
    }

    long insert(Customer c) {
        KeyHolder keys = new GeneratedKeyHolder();
        CustomerDetails d = c.details();
        jdbc.sql("insert into customer (external_id, name, email, phone, region, segment, acquired_on,"
                        + " acquisition_channel, referred_by_id, account_manager_id, marketing_consent,"
                        + " consent_changed_at, consent_source, time_zone, created_at, updated_at, version)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(c.externalId(), d.name(), d.email(), d.phone(), d.region(), d.segment(), d.acquiredOn(),
                        d.acquisitionChannel(), c.referredById(), c.accountManagerId(), c.consent().given(),
                        utc(c.consent().changedAt()), c.consent().source(), d.timeZone().getId(),
                        utc(c.createdAt()), utc(c.updatedAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** @return false when someone else changed the customer since it was read (optimistic locking) */
    boolean update(Customer c) {
        CustomerDetails d = c.details();
        return jdbc.sql("update customer set name = ?, email = ?, phone = ?, region = ?, segment = ?,"
                        + " acquired_on = ?, acquisition_channel = ?, referred_by_id = ?, account_manager_id = ?,"
                        + " marketing_consent = ?, consent_changed_at = ?, consent_source = ?, time_zone = ?,"
                        + " updated_at = ?, version = version + 1 where id = ? and version = ?")
                .params(d.name(), d.email(), d.phone(), d.region(), d.segment(), d.acquiredOn(),
                        d.acquisitionChannel(), c.referredById(), c.accountManagerId(), c.consent().given(),
                        utc(c.consent().changedAt()), c.consent().source(), d.timeZone().getId(),
                        utc(c.updatedAt()), c.id(), c.version())
                .update() == 1;
    }

    /** Whether following referrers up from {@code start} reaches {@code target} (a referral cycle). */
    boolean referralChainReaches(long start, long target) {
        Long current = start;
        for (int hops = 0; current != null && hops < 10_000; hops++) {
            if (current == target) {
                return true;
            }
            current = jdbc.sql("select referred_by_id from customer where id = ?").param(current)
                    .query((rs, n) -> rs.getObject(1, Long.class)).optional().orElse(null);
        }
        return false;
    }

    CustomerPage search(CustomerQuery q, Optional<Long> managerScope) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.text() != null && !q.text().isBlank()) {
            String like = "%" + q.text().strip().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" and (lower(c.name) like ? escape '\\' or lower(c.email) like ? escape '\\'"
                    + " or lower(c.external_id) like ? escape '\\')");
            params.add(like);
            params.add(like);
            params.add(like);
        }
        if (q.email() != null && !q.email().isBlank()) {
            where.append(" and lower(c.email) = ?");
            params.add(q.email().strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (q.segment() != null && !q.segment().isBlank()) {
            where.append(" and c.segment = ?");
            params.add(q.segment());
        }
        if (q.region() != null && !q.region().isBlank()) {
            where.append(" and c.region = ?");
            params.add(q.region());
        }
        if (q.accountManager() != null && !q.accountManager().isBlank()) {
            where.append(" and u.username = ?");
            params.add(q.accountManager());
        }
        managerScope.ifPresent(id -> {
            where.append(" and c.account_manager_id = ?");
            params.add(id);
        });
        String order = " order by " + q.sortColumn() + (q.descending() ? " desc" : " asc") + ", c.id asc";
        long total = jdbc.sql("select count(*) from customer c left join staff_user u on u.id = c.account_manager_id"
                + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(q.size());
        pageParams.add((long) q.page() * q.size());
        List<CustomerRecord> items = jdbc.sql(RECORD + where + order + " limit ? offset ?").params(pageParams)
                .query(Customers::record).list();
        return new CustomerPage(items, q.page(), q.size(), total);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Customer aggregate(ResultSet rs, int n) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("external_id"),
                new CustomerDetails(rs.getString("name"), rs.getString("email"), rs.getString("phone"),
                        rs.getString("region"), rs.getString("segment"),
                        rs.getObject("acquired_on", java.time.LocalDate.class), rs.getString("acquisition_channel"),
                        ZoneId.of(rs.getString("time_zone"))),
                rs.getObject("referred_by_id", Long.class), rs.getObject("account_manager_id", Long.class),
                new MarketingConsent(rs.getBoolean("marketing_consent"), instant(rs, "consent_changed_at"),
                        rs.getString("consent_source")),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"));
    }

    private static CustomerRecord record(ResultSet rs, int n) throws SQLException {
        return new CustomerRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getObject(8, java.time.LocalDate.class), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getBoolean(12), instant(rs, "consent_changed_at"),
                rs.getString(14), rs.getString(15), instant(rs, "created_at"), instant(rs, "updated_at"),
                rs.getLong(18));
    }
}
