package io.fidelis.app.importing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.fidelis.app.shared.DatabaseKind;
import io.fidelis.core.csv.Field;
import io.fidelis.core.csv.FieldType;
import io.fidelis.core.csv.RowError;
import org.springframework.stereotype.Component;

/**
 * Subscriptions: one row per subscription (contract) of a customer, with its plan, start day, end day (blank while
 * it runs) and monthly charge; optionally the contract type, payment method, services (separated by {@code ;}),
 * payment issues and support contacts. Customers the file names that are not known yet are created, as a purchase
 * import does. A subscription in the file replaces the stored one: a re-import of the same file changes nothing.
 */
@Component
class SubscriptionImport extends BaseImportSpec {
    static final List<Field> FIELDS = List.of(
            Field.required("subscription_id", FieldType.ID, 100),
            Field.required("customer_id", FieldType.ID, 100),
            Field.required("plan", FieldType.TEXT, 100),
            Field.required("started_on", FieldType.DATE, 32),
            Field.optional("ended_on", FieldType.DATE, 32),
            Field.required("monthly_charge", FieldType.DECIMAL, 64),
            Field.optional("contract", FieldType.TEXT, 100),
            Field.optional("payment_method", FieldType.TEXT, 100),
            Field.optional("services", FieldType.TEXT, 1000),
            Field.optional("payment_issues", FieldType.DECIMAL, 32),
            Field.optional("support_contacts", FieldType.DECIMAL, 32));

    private static final List<StageColumn> STAGE = List.of(
            new StageColumn("file_line"),
            new StageColumn("subscription_id"),
            new StageColumn("customer_ext"),
            new StageColumn("plan"),
            new StageColumn("started_on"),
            new StageColumn("ended_on"),
            new StageColumn("monthly_charge"),
            new StageColumn("contract"),
            new StageColumn("payment_method"),
            new StageColumn("services"),
            new StageColumn("payment_issues"),
            new StageColumn("support_contacts"));

    SubscriptionImport() {
        super(ImportKind.SUBSCRIPTIONS, FIELDS, "import_stage_subscriptions", STAGE);
    }

    @Override
    public RowStager rowStager() {
        return RowStager.eachRow((r, errors) -> {
            LocalDate started = (LocalDate) r.value(3);
            LocalDate ended = (LocalDate) r.value(4);
            BigDecimal charge = (BigDecimal) r.value(5);
            if (ended != null && started != null && ended.isBefore(started)) {
                errors.add(new RowError(r.fileName(), r.line(), "ended_on", "is before started_on (" + ended
                        + " < " + started + ")"));
            }
            if (charge != null && charge.signum() < 0) {
                errors.add(new RowError(r.fileName(), r.line(), "monthly_charge", "is negative: "
                        + charge.toPlainString()));
            }
            Integer issues = count(r.fileName(), r.line(), "payment_issues", (BigDecimal) r.value(9), errors);
            Integer contacts = count(r.fileName(), r.line(), "support_contacts", (BigDecimal) r.value(10), errors);
            if (!errors.isEmpty()) {
                return null;
            }
            return new Object[] {r.line(), r.value(0), r.value(1), r.value(2), started, ended, charge, r.value(6),
                    r.value(7), services((String) r.value(8)), issues, contacts};
        });
    }

    /** A count: a whole number ≥ 0 (blank: 0). */
    private static Integer count(String file, long line, String field, BigDecimal v, List<RowError> errors) {
        if (v == null) {
            return 0;
        }
        if (v.signum() < 0 || v.stripTrailingZeros().scale() > 0 || v.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            errors.add(new RowError(file, line, field, "is not a whole number from 0 to 1000000: "
                    + v.toPlainString()));
            return null;
        }
        return v.intValueExact();
    }

    /** The services in a canonical form: trimmed, lower case, without blanks or repeats, in the file's order. */
    static String services(String raw) {
        if (raw == null) {
            return null;
        }
        Set<String> s = new LinkedHashSet<>();
        Arrays.stream(raw.split("[;|]")).map(x -> x.strip().toLowerCase(Locale.ROOT)).filter(x -> !x.isEmpty())
                .forEach(s::add);
        return s.isEmpty() ? null : String.join(";", s);
    }

    @Override
    public List<RowError> checkStaged(Connection c, String stage, String fileName) throws SQLException {
        List<RowError> errors = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select a.file_line, a.subscription_id from " + stage + " a"
                + " where exists (select 1 from " + stage + " b where b.subscription_id = a.subscription_id"
                + " and b.file_line < a.file_line) order by a.file_line");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                errors.add(new RowError(fileName, rs.getLong(1), "subscription_id", "'" + rs.getString(2)
                        + "' is on an earlier line too"));
            }
        }
        // A subscription keeps its customer: moving it to another customer is a new subscription.
        try (PreparedStatement ps = c.prepareStatement("select s.file_line, s.subscription_id, c.external_id from "
                + stage + " s join subscription x on x.subscription_id = s.subscription_id join customer c on c.id ="
                + " x.customer_id where c.external_id <> s.customer_ext order by s.file_line");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                errors.add(new RowError(fileName, rs.getLong(1), "customer_id", "subscription '" + rs.getString(2)
                        + "' belongs to customer '" + rs.getString(3) + "'"));
            }
        }
        return errors;
    }

    @Override
    public Counts apply(Connection c, DatabaseKind kind, String stage, Set<String> present, String source)
            throws SQLException {
        OffsetDateTime now = Sql.now();
        Sql.update(c, "insert into customer (external_id, marketing_consent, time_zone, created_at, updated_at,"
                + " version) select d.customer_ext, false, 'UTC', ?, ?, 0 from (select distinct customer_ext from "
                + stage + ") d where not exists (select 1 from customer c where c.external_id = d.customer_ext)",
                now, now);
        String rows = "(select s.*, (select c.id from customer c where c.external_id = s.customer_ext) customer_id"
                + " from " + stage + " s)";
        long total = Sql.count(c, "select count(*) from " + stage);
        long imported = Sql.count(c, "select count(*) from " + stage + " s where not exists"
                + " (select 1 from subscription x where x.subscription_id = s.subscription_id)");
        String same = "x.plan = s.plan and x.started_on = s.started_on and x.ended_on is not distinct from s.ended_on"
                + " and x.monthly_charge = s.monthly_charge and x.contract is not distinct from s.contract"
                + " and x.payment_method is not distinct from s.payment_method"
                + " and x.services is not distinct from s.services and x.payment_issues = s.payment_issues"
                + " and x.support_contacts = s.support_contacts";
        long unchanged = imported == total ? 0 : Sql.count(c, "select count(*) from " + stage + " s join"
                + " subscription x on x.subscription_id = s.subscription_id where " + same);
        Sql.update(c, "merge into subscription x using " + rows + " s on (x.subscription_id = s.subscription_id)"
                + " when matched and not (" + same + ") then update set plan = s.plan, started_on = s.started_on,"
                + " ended_on = s.ended_on, monthly_charge = s.monthly_charge, contract = s.contract,"
                + " payment_method = s.payment_method, services = s.services, payment_issues = s.payment_issues,"
                + " support_contacts = s.support_contacts, updated_at = ?"
                + " when not matched then insert (subscription_id, customer_id, plan, contract, payment_method,"
                + " services, started_on, ended_on, monthly_charge, payment_issues, support_contacts, updated_at)"
                + " values (s.subscription_id, s.customer_id, s.plan, s.contract, s.payment_method, s.services,"
                + " s.started_on, s.ended_on, s.monthly_charge, s.payment_issues, s.support_contacts, ?)", now, now);
        return new Counts(imported, total - imported - unchanged, unchanged);
    }
}
