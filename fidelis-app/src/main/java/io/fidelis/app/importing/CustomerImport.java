package io.fidelis.app.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.fidelis.app.shared.DatabaseKind;
import io.fidelis.core.csv.CsvRecordReader;
import io.fidelis.core.csv.Field;
import io.fidelis.core.csv.FieldType;
import io.fidelis.core.csv.RowError;
import org.springframework.stereotype.Component;

/**
 * Customers, keyed by their external id. {@code referred_by} names another customer (in the file or already stored);
 * {@code account_manager} names a staff user, created without a login when not yet known.
 */
@Component
class CustomerImport extends BaseImportSpec {
    static final List<Field> FIELDS = List.of(
            Field.required("customer_id", FieldType.ID, 100),
            Field.optional("name", FieldType.TEXT, 200),
            Field.optional("email", FieldType.EMAIL, 254),
            Field.optional("phone", FieldType.TEXT, 50),
            Field.optional("region", FieldType.TEXT, 100),
            Field.optional("segment", FieldType.TEXT, 100),
            Field.optional("acquired_at", FieldType.DATE, 32),
            Field.optional("acquisition_channel", FieldType.TEXT, 100),
            Field.optional("referred_by", FieldType.ID, 100),
            Field.optional("account_manager", FieldType.ID, 100),
            Field.optional("marketing_consent", FieldType.BOOLEAN, 10),
            Field.optional("time_zone", FieldType.TIME_ZONE, 64));

    private static final List<StageColumn> STAGE = List.of(
            new StageColumn("file_line"),
            new StageColumn("external_id"),
            new StageColumn("name"),
            new StageColumn("email"),
            new StageColumn("phone"),
            new StageColumn("region"),
            new StageColumn("segment"),
            new StageColumn("acquired_on"),
            new StageColumn("acquisition_channel"),
            new StageColumn("referred_by_ext"),
            new StageColumn("account_manager"),
            new StageColumn("marketing_consent"),
            new StageColumn("time_zone"),
            new StageColumn("name_key"));

    private static final List<MergeColumns.Column> COLUMNS = List.of(
            MergeColumns.Column.of("name", "name"),
            MergeColumns.Column.of("name", "name_key"),
            MergeColumns.Column.of("email", "email"),
            MergeColumns.Column.of("phone", "phone"),
            MergeColumns.Column.of("region", "region"),
            MergeColumns.Column.of("segment", "segment"),
            MergeColumns.Column.of("acquired_at", "acquired_on"),
            MergeColumns.Column.of("acquisition_channel", "acquisition_channel"),
            MergeColumns.Column.of("account_manager", "account_manager_id"),
            new MergeColumns.Column("marketing_consent", "marketing_consent", "x.marketing_consent", "false"),
            new MergeColumns.Column("time_zone", "time_zone", "x.time_zone", "'UTC'"));

    CustomerImport() {
        super(ImportKind.CUSTOMERS, FIELDS, "import_stage_customers", STAGE);
    }

    @Override
    public RowStager rowStager() {
        return RowStager.eachRow((r, errors) -> {
            Object id = r.value(0);
            if (id.equals(r.value(8))) {
                errors.add(new RowError(r.fileName(), r.line(), "referred_by", "a customer cannot refer themselves"));
                return null;
            }
            Object[] row = new Object[STAGE.size()];
            row[0] = r.line();
            for (int i = 0; i < FIELDS.size(); i++) {
                row[i + 1] = r.value(i);
            }
            Object name = r.value(1);
            row[STAGE.size() - 1] = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
            return row;
        });
    }

    @Override
    public List<RowError> checkStaged(Connection c, String stage, String fileName) throws SQLException {
        List<RowError> errors = new ArrayList<>();
        errors.addAll(Duplicates.find(c, stage, "external_id", "customer_id", fileName));
        try (PreparedStatement ps = c.prepareStatement("select s.file_line, s.referred_by_ext from " + stage + " s"
                + " where s.referred_by_ext is not null"
                + " and not exists (select 1 from " + stage + " r where r.external_id = s.referred_by_ext)"
                + " and not exists (select 1 from customer r where r.external_id = s.referred_by_ext)"
                + " order by s.file_line");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                errors.add(new RowError(fileName, rs.getLong(1), "referred_by", "unknown customer '"
                        + rs.getString(2) + "' (neither in this file nor already stored)"));
            }
        }
        errors.addAll(cycles(c, stage, fileName));
        try (PreparedStatement ps = c.prepareStatement("select s.file_line, s.account_manager, u.role from " + stage
                + " s join staff_user u on u.username = s.account_manager"
                + " where u.role not in ('ACCOUNT_MANAGER', 'MANAGER', 'ADMIN') order by s.file_line");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                errors.add(new RowError(fileName, rs.getLong(1), "account_manager", "'" + rs.getString(2)
                        + "' is a staff user with the role " + rs.getString(3) + ", not an account manager"));
            }
        }
        return errors;
    }

    /** At most this many customers of a cycle are named in a message. */
    private static final int CYCLE_NAMES = 10;

    /**
     * Rows whose referrals would make a cycle once imported (A referred by B and B by A, in the file or with the
     * customers already stored): the referral tree, and what is computed on it, needs none. The graph checked is the
     * one after the import: the stored referrals of the customers the file does not name, and the file's for those
     * it does (the first row of each, duplicates being refused anyway). An unknown referrer ends a chain here; it is
     * refused by its own check.
     */
    private static List<RowError> cycles(Connection c, String stage, String fileName) throws SQLException {
        LongList ids = new LongList();
        LongList referrers = new LongList();
        int stored;
        try (PreparedStatement ps = c.prepareStatement("select c.id, c.referred_by_id from customer c"
                + " where c.referred_by_id is not null and not exists (select 1 from " + stage
                + " s where s.external_id = c.external_id)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                referrers.add(rs.getLong(2));
            }
            stored = ids.size();
        }
        // Customers new with this file have no id yet: the negated line of their row stands for it.
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select s.file_line, s.external_id, s.referred_by_ext,"
                + " coalesce(c.id, -s.file_line),"
                + " coalesce(rc.id, -(select min(rs.file_line) from " + stage + " rs where rs.external_id"
                + " = s.referred_by_ext)) from " + stage + " s left join customer c on c.external_id = s.external_id"
                + " left join customer rc on rc.external_id = s.referred_by_ext where s.referred_by_ext is not null"
                + " and s.file_line = (select min(d.file_line) from " + stage + " d where d.external_id"
                + " = s.external_id)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long referrer = rs.getLong(5);
                ids.add(rs.getLong(4));
                referrers.add(rs.wasNull() ? io.fidelis.core.referral.ReferralForest.NONE : referrer);
                rows.add(new Object[] {rs.getLong(1), rs.getString(2)});
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        List<int[]> cycles = io.fidelis.core.referral.ReferralCycles.of(ids.toArray(), referrers.toArray());
        List<RowError> errors = new ArrayList<>();
        for (int[] cycle : cycles) {
            String[] names = new String[cycle.length];
            for (int k = 0; k < cycle.length; k++) {
                int p = cycle[k];
                names[k] = p >= stored ? (String) rows.get(p - stored)[1] : storedExternalId(c, ids.get(p));
            }
            for (int k = 0; k < cycle.length; k++) {
                if (cycle[k] >= stored) {
                    long line = (Long) rows.get(cycle[k] - stored)[0];
                    errors.add(new RowError(fileName, line, "referred_by", cycleMessage(names, k)));
                }
            }
        }
        errors.sort(java.util.Comparator.comparingLong(RowError::line));
        return errors;
    }

    private static String storedExternalId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select external_id from customer where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "#" + id;
            }
        }
    }

    /** "referrals would form a cycle of 3 customers: A was referred by B, B by C, C by A", from the k-th. */
    static String cycleMessage(String[] names, int from) {
        int n = names.length;
        StringBuilder s = new StringBuilder("referrals would form a cycle of ").append(n).append(" customers: ");
        for (int k = 0; k < Math.min(n, CYCLE_NAMES); k++) {
            String who = names[(from + k) % n];
            String by = names[(from + k + 1) % n];
            s.append(k == 0 ? "'" + who + "' was referred by '" + by + "'" : ", '" + who + "' by '" + by + "'");
        }
        if (n > CYCLE_NAMES) {
            s.append(", … (").append(n - CYCLE_NAMES).append(" more)");
        }
        return s.toString();
    }

    /** A growable array of longs. */
    private static final class LongList {
        private long[] values = new long[64];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    @Override
    public Counts apply(Connection c, DatabaseKind kind, String stage, Set<String> present, String source)
            throws SQLException {
        OffsetDateTime now = Sql.now();
        if (present.contains("account_manager")) {
            Sql.update(c, "insert into staff_user (username, role, enabled, created_at)"
                    + " select d.account_manager, 'ACCOUNT_MANAGER', false, ? from (select distinct account_manager"
                    + " from " + stage + " where account_manager is not null) d"
                    + " where not exists (select 1 from staff_user u where u.username = d.account_manager)", now);
        }
        String source2 = "(select s.external_id, s.name, s.name_key, s.email, s.phone, s.region, s.segment, s.acquired_on,"
                + " s.acquisition_channel, u.id account_manager_id, s.marketing_consent, s.time_zone,"
                + " s.referred_by_ext from " + stage + " s left join staff_user u on u.username = s.account_manager)";
        String consentSource = source.length() > 100 ? source.substring(0, 100) : source;
        List<MergeColumns.Column> columns = MergeColumns.presentOnly(COLUMNS, present);
        long total = Sql.count(c, "select count(*) from " + stage);
        long imported = Sql.count(c, "select count(*) from " + stage + " s where not exists"
                + " (select 1 from customer c where c.external_id = s.external_id)");
        long unchanged = Sql.count(c, "select count(*) from " + source2 + " x join customer c"
                + " on c.external_id = x.external_id where " + MergeColumns.same("c", columns)
                + (present.contains("referred_by") ? " and (select r.external_id from customer r"
                + " where r.id = c.referred_by_id) is not distinct from x.referred_by_ext" : ""));
        String consentChange = present.contains("marketing_consent")
                ? ", consent_changed_at = case when c.marketing_consent = coalesce(x.marketing_consent, false)"
                + " then c.consent_changed_at else ? end, consent_source = case when c.marketing_consent ="
                + " coalesce(x.marketing_consent, false) then c.consent_source else ? end" : "";
        String insertConsent = present.contains("marketing_consent") ? ", consent_changed_at, consent_source" : "";
        String insertConsentValues = present.contains("marketing_consent") ? ", ?, ?" : "";
        List<MergeColumns.Column> insertColumns = new ArrayList<>(columns);
        if (!present.contains("marketing_consent")) {
            insertColumns.add(new MergeColumns.Column("marketing_consent", "marketing_consent", "false", null));
        }
        if (!present.contains("time_zone")) {
            insertColumns.add(new MergeColumns.Column("time_zone", "time_zone", "'UTC'", null));
        }
        String sql = "merge into customer c using " + source2 + " x on (c.external_id = x.external_id)"
                + (columns.isEmpty() ? "" : " when matched and not (" + MergeColumns.same("c", columns) + ")"
                + " then update set " + MergeColumns.setClause(columns) + consentChange
                + ", updated_at = ?, version = c.version + 1")
                + " when not matched then insert (external_id, " + MergeColumns.insertTargets(insertColumns)
                + insertConsent + ", created_at, updated_at, version) values (x.external_id, "
                + MergeColumns.insertValues(insertColumns) + insertConsentValues + ", ?, ?, 0)";
        List<Object> params = new ArrayList<>();
        if (!columns.isEmpty()) {
            if (present.contains("marketing_consent")) {
                params.add(now);
                params.add(consentSource);
            }
            params.add(now);
        }
        if (present.contains("marketing_consent")) {
            params.add(now);
            params.add(consentSource);
        }
        params.add(now);
        params.add(now);
        Sql.update(c, sql, params.toArray());
        if (present.contains("referred_by")) {
            Sql.update(c, "merge into customer c using (select s.external_id, r.id referred_by_id from " + stage
                    + " s left join customer r on r.external_id = s.referred_by_ext) x"
                    + " on (c.external_id = x.external_id)"
                    + " when matched and c.referred_by_id is distinct from x.referred_by_id"
                    + " then update set referred_by_id = x.referred_by_id, updated_at = ?, version = c.version + 1",
                    now);
        }
        return new Counts(imported, total - imported - unchanged, unchanged);
    }
}
