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
import io.fidelis.app.shared.InChunks;

/** Stores customer aggregates with explicit SQL. */
@Repository
class Customers {
    private static final String RECORD = "select c.id, c.external_id, c.name, c.email, c.phone, c.region,"
            + " c.segment, c.acquired_on, c.acquisition_channel, r.external_id referred_by, u.username manager,"
            + " c.marketing_consent, c.consent_changed_at, c.consent_source, c.time_zone, c.created_at,"
            + " c.updated_at, c.version from customer c left join customer r on r.id = c.referred_by_id"
            + " left join staff_user u on u.id = c.account_manager_id";

    /** {@link #RECORD} with the stored name key as a 19th column, for keyset positions. */
    private static final String KEYED = RECORD.replace(" from customer c left join",
            ", c.name_key from customer c left join");

    private record Keyed(CustomerRecord record, String nameKey) {
    }

    private static Keyed keyed(ResultSet rs, int n) throws SQLException {
        return new Keyed(record(rs, n), rs.getString(19));
    }

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

    /** Customers by internal id, a thousand per query. */
    java.util.Map<Long, CustomerRecord> recordsOf(java.util.Collection<Long> ids) {
        java.util.Map<Long, CustomerRecord> out = new java.util.HashMap<>();
        InChunks.each(new java.util.ArrayList<>(new java.util.LinkedHashSet<>(ids)), InChunks.SIZE, (in, chunk) ->
                jdbc.sql(RECORD + " where c.id in (" + in + ")").params(chunk)
                        .query(Customers::record).list().forEach(r -> out.put(r.id(), r)));
        return out;
    }

    Optional<CustomerRecord> recordOf(long id) {
        return jdbc.sql(RECORD + " where c.id = ?").param(id).query(Customers::record).optional();
    }

    Optional<CustomerRecord> recordOf(String externalId) {
        return jdbc.sql(RECORD + " where c.external_id = ?").param(externalId).query(Customers::record).optional();
    }

    long insert(Customer c) {
        KeyHolder keys = new GeneratedKeyHolder();
        CustomerDetails d = c.details();
        jdbc.sql("insert into customer (external_id, name, name_key, email, phone, region, segment,"
                        + " acquired_on, acquisition_channel, referred_by_id, account_manager_id, marketing_consent,"
                        + " consent_changed_at, consent_source, time_zone, created_at, updated_at, version)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(c.externalId(), d.name(), nameKey(d.name()), d.email(), d.phone(), d.region(), d.segment(), d.acquiredOn(),
                        d.acquisitionChannel(), c.referredById(), c.accountManagerId(), c.consent().given(),
                        utc(c.consent().changedAt()), c.consent().source(), d.timeZone().getId(),
                        utc(c.createdAt()), utc(c.updatedAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** @return false when someone else changed the customer since it was read (optimistic locking) */
    boolean update(Customer c) {
        CustomerDetails d = c.details();
        return jdbc.sql("update customer set name = ?, name_key = ?, email = ?, phone = ?, region = ?, segment = ?,"
                        + " acquired_on = ?, acquisition_channel = ?, referred_by_id = ?, account_manager_id = ?,"
                        + " marketing_consent = ?, consent_changed_at = ?, consent_source = ?, time_zone = ?,"
                        + " updated_at = ?, version = version + 1 where id = ? and version = ?")
                .params(d.name(), nameKey(d.name()), d.email(), d.phone(), d.region(), d.segment(),
                        d.acquiredOn(), d.acquisitionChannel(), c.referredById(), c.accountManagerId(),
                        c.consent().given(), utc(c.consent().changedAt()), c.consent().source(),
                        d.timeZone().getId(), utc(c.updatedAt()), c.id(), c.version())
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

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** The search and sort key of a name: lower case by Java's root locale, as the importer computes it. */
    static String nameKey(String name) {
        return name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * One slice of the customers list, by keyset: the rows after {@code after} in the chosen order. Counting every
     * match is avoided, so the time per page does not grow with the table.
     */
    CustomerSlice browse(CustomerFilter f, CustomerFilter.Sort requested, CustomerSlice.Cursor after, int size,
                         Optional<Long> managerScope, Instant now) {
        boolean text = f.text() != null && !f.text().isBlank();
        // A text search runs along the name index: its results come in name order, whatever the sort asked.
        CustomerFilter.Sort sort = !text ? requested
                : requested == CustomerFilter.Sort.NAME_DESC ? CustomerFilter.Sort.NAME_DESC : CustomerFilter.Sort.NAME;
        List<CustomerRecord> rows = new ArrayList<>();
        String prefix = text ? nameKey(f.text().strip()) : null;
        if (text && after == null) {
            // Exact id or e-mail matches whose name does not begin with the text lead the first page (indexed
            // lookups); those whose name does are found again, in their place, by the name search below.
            String t = f.text().strip();
            java.util.Set<Long> seen = new java.util.HashSet<>();
            // One indexed lookup each: an OR across the two columns would make H2 scan the table.
            for (String match : List.of("c.external_id = ?", "c.email in (?, ?)")) {
                StringBuilder where = new StringBuilder(" where " + match
                        + " and not (c.name_key >= ? and c.name_key < ?)");
                List<Object> params = new ArrayList<>(List.of(t));
                if (match.contains("in")) {
                    params.add(t.toLowerCase(java.util.Locale.ROOT));
                }
                params.add(prefix);
                params.add(prefix + Character.MAX_VALUE);
                filter(f.withText(null), managerScope, now, where, params);
                for (Keyed k : jdbc.sql(KEYED + where + " order by c.id limit 20").params(params)
                        .query(Customers::keyed).list()) {
                    if (seen.add(k.record().id())) {
                        rows.add(k.record());
                    }
                }
            }
        }
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (text) {
            where.append(" and c.name_key >= ? and c.name_key < ?");
            params.add(prefix);
            params.add(prefix + Character.MAX_VALUE);
        }
        filter(f.withText(null), managerScope, now, where, params);
        String col = sort.column();
        // External ids are unique, so they order the rows alone, and an index led by a filter column (region,
        // segment, manager) then serves the order too; names need the row id to break ties.
        boolean unique = col.equals("external_id");
        String cmp = sort.descending() ? "<" : ">";
        if (after != null && unique) {
            where.append(" and c.external_id ").append(cmp).append(" ?");
            params.add(after.key());
        } else if (after != null) {
            // (key, id) after (k, i), written so that the first condition alone bounds an index range.
            where.append(" and c.").append(col).append(' ').append(cmp).append("= ? and (c.").append(col).append(' ')
                    .append(cmp).append(" ? or c.id ").append(cmp).append(" ?)");
            params.add(after.key());
            params.add(after.key());
            params.add(after.id());
        }
        String dir = sort.descending() ? " desc" : " asc";
        params.add(size + 1);
        // With one of them fixed by the filter, leading the order with it changes nothing in the result but lets
        // H2 see that the (filter column, external id) index delivers the rows in order (PostgreSQL sees it anyway).
        String lead = !unique || text ? "" : present(f.region()) ? "c.region, " : present(f.segment()) ? "c.segment, "
                : present(f.accountManager()) || managerScope.isPresent() ? "c.account_manager_id, " : "";
        List<Keyed> page = jdbc.sql(KEYED + where + " order by " + lead + "c." + col + dir
                + (unique ? "" : ", c.id" + dir) + " limit ?").params(params).query(Customers::keyed).list();
        CustomerSlice.Cursor next = null;
        if (page.size() > size) {
            page = page.subList(0, size);
            Keyed last = page.get(size - 1);
            // The position is the stored key, exactly as the database compares it.
            next = new CustomerSlice.Cursor(col.equals("name_key") ? last.nameKey() : last.record().externalId(),
                    last.record().id());
        }
        for (Keyed k : page) {
            rows.add(k.record());
        }
        return new CustomerSlice(List.copyOf(rows), next);
    }

    /** Every customer matching the filter, in external-id order, streamed (for exports). */
    void each(CustomerFilter f, Optional<Long> managerScope, Instant now, java.util.function.Consumer<CustomerRecord> sink) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        filter(f, managerScope, now, where, params);
        try (var rows = jdbc.sql(RECORD + where + " order by c.external_id").params(params)
                .withFetchSize(1000).query(Customers::record).stream()) {
            rows.forEach(sink);
        }
    }

    private static void filter(CustomerFilter f, Optional<Long> managerScope, Instant now, StringBuilder where,
                               List<Object> params) {
        if (f.text() != null && !f.text().isBlank()) {
            String t = f.text().strip();
            String prefix = nameKey(t);
            where.append(" and ((c.name_key >= ? and c.name_key < ?) or c.external_id = ? or c.email in (?, ?))");
            params.add(prefix);
            params.add(prefix + Character.MAX_VALUE);
            params.add(t);
            params.add(t);
            params.add(t.toLowerCase(java.util.Locale.ROOT));
        }
        if (f.segment() != null && !f.segment().isBlank()) {
            where.append(" and c.segment = ?");
            params.add(f.segment());
        }
        if (f.region() != null && !f.region().isBlank()) {
            where.append(" and c.region = ?");
            params.add(f.region());
        }
        if (f.accountManager() != null && !f.accountManager().isBlank()) {
            where.append(" and c.account_manager_id = (select id from staff_user where username = ?)");
            params.add(f.accountManager());
        }
        if (f.activity() != null) {
            OffsetDateTime activeSince = utc(now.minus(f.activity().activeDays(), java.time.temporal.ChronoUnit.DAYS));
            OffsetDateTime lostBefore = utc(now.minus(f.activity().lostDays(), java.time.temporal.ChronoUnit.DAYS));
            // Reads the purchase table by its (customer, time) index: activity is a property of the purchases.
            String any = "exists (select 1 from purchase p where p.customer_id = c.id";
            switch (f.activity().kind()) {
                case ACTIVE -> {
                    where.append(" and ").append(any).append(" and p.purchased_at >= ?)");
                    params.add(activeSince);
                }
                case LAPSING -> {
                    where.append(" and ").append(any).append(" and p.purchased_at >= ?) and not ").append(any)
                            .append(" and p.purchased_at >= ?)");
                    params.add(lostBefore);
                    params.add(activeSince);
                }
                case LOST -> {
                    where.append(" and ").append(any).append(") and not ").append(any)
                            .append(" and p.purchased_at >= ?)");
                    params.add(lostBefore);
                }
                case NEVER -> where.append(" and not ").append(any).append(")");
            }
        }
        managerScope.ifPresent(id -> {
            where.append(" and c.account_manager_id = ?");
            params.add(id);
        });
    }

    private static final String TRAITS = "select c.id, c.segment, c.time_zone, (select count(*) from customer r"
            + " where r.referred_by_id = c.id) from customer c";

    private static CustomerTraits traits(ResultSet rs, int n) throws SQLException {
        return new CustomerTraits(rs.getLong(1), rs.getString(2), ZoneId.of(rs.getString(3)), rs.getInt(4));
    }

    Optional<CustomerTraits> traitsOf(long id) {
        return jdbc.sql(TRAITS + " where c.id = ?").param(id).query(Customers::traits).optional();
    }

    java.util.Map<Long, CustomerTraits> traitsOf(java.util.Collection<Long> ids) {
        java.util.Map<Long, CustomerTraits> out = new java.util.HashMap<>();
        io.fidelis.app.shared.InChunks.eachPadded(ids, (in, chunk) ->
                jdbc.sql(TRAITS + " where c.id in (" + in + ")").params(chunk).query(Customers::traits).list()
                        .forEach(t -> out.put(t.id(), t)));
        return out;
    }

    void eachTraits(java.util.function.Consumer<CustomerTraits> sink) {
        try (var rows = jdbc.sql(TRAITS).withFetchSize(1000).query(Customers::traits).stream()) {
            rows.forEach(sink);
        }
    }

    long count(Optional<Long> managerScope) {
        return managerScope.isPresent()
                ? jdbc.sql("select count(*) from customer where account_manager_id = ?").param(managerScope.get())
                .query(Long.class).single()
                : jdbc.sql("select count(*) from customer").query(Long.class).single();
    }

    /** Distinct values of a column for filter choices (segment or region). */
    List<String> distinct(String column, Optional<Long> managerScope) {
        if (!column.equals("segment") && !column.equals("region")) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.sql("select distinct " + column + " from customer where " + column + " is not null"
                + (managerScope.isPresent() ? " and account_manager_id = ?" : "") + " order by " + column
                + " limit 200").params(managerScope.map(List::<Object>of).orElse(List.of()))
                .query(String.class).list();
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

    void eachLink(java.util.function.Consumer<CustomerLink> sink) {
        jdbc.sql("select id, referred_by_id, acquired_on, created_at from customer order by id")
                .query(rs -> {
                    java.time.LocalDate acquired = rs.getObject(3, java.time.LocalDate.class);
                    sink.accept(new CustomerLink(rs.getLong(1), (Long) rs.getObject(2, Long.class),
                            acquired != null ? acquired : rs.getTimestamp(4).toInstant()
                                    .atOffset(java.time.ZoneOffset.UTC).toLocalDate()));
                });
    }

    Optional<Long> idOfEmail(String email) {
        return jdbc.sql("select id from customer where lower(email) = ? order by id fetch first 1 rows only")
                .param(email.toLowerCase(java.util.Locale.ROOT)).query(Long.class).optional();
    }
}
