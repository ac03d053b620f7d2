package io.fidelis.app.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.app.support.TestData;
import io.fidelis.core.csv.RowError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CSV import, end to end against a real database. Subclasses run these scenarios on H2 and on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class ImportScenarios {
    static final String PURCHASES_HEADER = "order_id,customer_id,purchased_at,sku,quantity,unit_price,unit_cost,"
            + "category,channel\n";

    @Autowired
    ImportingCsv importer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @TempDir
    Path dir;

    @BeforeEach
    void cleanDatabase() {
        TestData.clean(jdbc);
    }

    Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    ImportSummary run(ImportKind kind, Path file) {
        return importer.importFile(ImportFile.of(kind, file));
    }

    double rows(String outcome) {
        io.micrometer.core.instrument.Counter c = meters.find("fidelis.import.rows").tags("kind", "purchases",
                "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void nativeFilesImportWithExactMoneyAndUtcTimes() throws IOException {
        ImportSummary products = run(ImportKind.PRODUCTS, file("products.csv",
                "sku,name,category,brand,unit_cost\nT-1,Green tea,Tea,Jade Leaf,1.2345\nC-1,Coffee beans,Coffee,,4.10\n"));
        assertThat(products.accepted()).isTrue();
        assertThat(products.imported()).isEqualTo(2);
        ImportSummary customers = run(ImportKind.CUSTOMERS, file("customers.csv",
                "customer_id,name,email,phone,region,segment,acquired_at,acquisition_channel,referred_by,"
                        + "account_manager,marketing_consent,time_zone\n"
                        + "A1,Ann Lee,ann@example.com,+86 1,North,Consumer,2024-01-05,store,,li.wei,yes,Asia/Shanghai\n"
                        + "B2,Bo Chen,bo@example.com,,North,Consumer,2024-02-01,referral,A1,li.wei,no,Asia/Shanghai\n"));
        assertThat(customers.errors()).isEmpty();
        assertThat(customers.imported()).isEqualTo(2);
        ImportSummary purchases = run(ImportKind.PURCHASES, file("purchases.csv", PURCHASES_HEADER
                + "SO1,A1,2024-01-05T10:00:00+08:00,T-1,2,3.10,,,store\n"
                + "SO1,A1,2024-01-05T10:00:00+08:00,C-1,1,12.00,5.00,Coffee,store\n"
                + "SO2,B2,2024-02-01 09:30:00,T-1,1,3.10,,,online\n"
                + "RT1,A1,2024-01-09T10:00:00+08:00,T-1,-1,3.10,,,store\n"));
        assertThat(purchases.errors()).isEmpty();
        assertThat(purchases.imported()).isEqualTo(4);
        assertThat(count("purchase")).isEqualTo(3);
        assertThat(count("purchase_line")).isEqualTo(4);

        assertThat(jdbc.sql("select unit_cost from product where sku = 'T-1'").query(BigDecimal.class).single())
                .isEqualByComparingTo("1.2345");
        // A line without cost or category takes the product's; a line with its own keeps it.
        assertThat(jdbc.sql("select unit_cost from purchase_line where order_id = 'SO1' and line_no = 1")
                .query(BigDecimal.class).single()).isEqualByComparingTo("1.2345");
        assertThat(jdbc.sql("select category from purchase_line where order_id = 'SO1' and line_no = 1")
                .query(String.class).single()).isEqualTo("Tea");
        assertThat(jdbc.sql("select unit_cost from purchase_line where order_id = 'SO1' and line_no = 2")
                .query(BigDecimal.class).single()).isEqualByComparingTo("5.00");
        // +08:00 is stored as UTC; a time without offset is read as UTC (the default --zone).
        assertThat(jdbc.sql("select purchased_at from purchase where order_id = 'SO1'")
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo("2024-01-05T02:00:00Z");
        assertThat(jdbc.sql("select purchased_at from purchase where order_id = 'SO2'")
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo("2024-02-01T09:30:00Z");
        assertThat(jdbc.sql("select kind from purchase where order_id = 'RT1'").query(String.class).single())
                .isEqualTo("RETURN");
        assertThat(jdbc.sql("select r.external_id from customer c join customer r on r.id = c.referred_by_id"
                + " where c.external_id = 'B2'").query(String.class).single()).isEqualTo("A1");
        assertThat(jdbc.sql("select u.username from customer c join staff_user u on u.id = c.account_manager_id"
                + " where c.external_id = 'A1'").query(String.class).single()).isEqualTo("li.wei");
        assertThat(jdbc.sql("select marketing_consent from customer where external_id = 'A1'")
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select consent_source from customer where external_id = 'A1'")
                .query(String.class).single()).isEqualTo("import:customers.csv");
        assertThat(jdbc.sql("select time_zone from customer where external_id = 'B2'").query(String.class).single())
                .isEqualTo("Asia/Shanghai");
        assertThat(count("import_run")).isEqualTo(3);
    }

    @Test
    void eachValidationErrorNamesFileLineFieldAndReason() throws IOException {
        Path f = file("bad.csv", PURCHASES_HEADER
                + "SO1,A1,2024-01-05 10:00,T-1,2,3.10,,,store\n"
                + ",A1,2024-01-05 10:00,T-1,2,3.10,,,store\n"
                + "SO2,A1,2024-01-05 10:00,T-1,two,3.10,,,store\n"
                + "SO3,A1,05/01/2024,T-1,2,3.10,,,store\n"
                + "SO4,A1,2024-01-05 10:00,T-1,0,3.10,,,store\n"
                + "SO5,A1,2024-01-05 10:00,T-1,1,-3.10,,,store\n"
                + "SO6,A1,2024-01-05 10:00,T-1,1\n");
        ImportSummary s = run(ImportKind.PURCHASES, f);
        assertThat(s.accepted()).isFalse();
        assertThat(s.read()).isEqualTo(7);
        assertThat(s.rejected()).isEqualTo(6);
        assertThat(s.errors()).extracting(RowError::message).containsExactly(
                "bad.csv:3: field 'order_id': required value is missing",
                "bad.csv:4: field 'quantity': not a number: 'two'",
                "bad.csv:5: field 'purchased_at': not a timestamp (expected yyyy-MM-dd HH:mm[:ss], optionally with"
                        + " Z or an offset such as +08:00): '05/01/2024'",
                "bad.csv:6: field 'quantity': is zero",
                "bad.csv:7: field 'unit_price': is negative: -3.10 (a refund is a negative quantity at a positive"
                        + " price)",
                "bad.csv:8: has 5 values but the header has 9 columns");
        assertThat(count("purchase_line")).isZero();
        assertThat(count("customer")).isZero();
    }

    @Test
    void anUnknownColumnRejectsTheFileAtLineOne() throws IOException {
        ImportSummary s = run(ImportKind.PURCHASES, file("extra.csv",
                "order_id,customer_id,purchased_at,quantity,unit_price,colour\nSO1,A1,2024-01-05,1,2.00,red\n"));
        assertThat(s.accepted()).isFalse();
        assertThat(s.errors()).singleElement().extracting(RowError::message).asString()
                .startsWith("extra.csv:1: field 'colour': unknown column");
        assertThat(count("purchase")).isZero();
    }

    @Test
    void aRejectedFileLeavesTheDatabaseExactlyAsItWas() throws IOException {
        run(ImportKind.PURCHASES, file("first.csv", PURCHASES_HEADER
                + "SO1,A1,2024-01-05 10:00,T-1,2,3.10,1.00,Tea,store\n"));
        Map<String, List<String>> before = TestData.snapshot(jdbc);
        StringBuilder big = new StringBuilder(PURCHASES_HEADER);
        for (int i = 0; i < 5_000; i++) {
            big.append("SO").append(1000 + i).append(",N").append(i % 300).append(",2024-03-01 10:00,T-")
                    .append(i % 7).append(",1,2.50,,,online\n");
        }
        big.append("SO1,A1,2024-01-05 10:00,T-1,2,3.10,1.00,Tea,store\n"); // would update nothing, but valid
        big.append("SO9,A9,not a date,T-1,1,1.00,,,store\n"); // the one bad row, at the very end
        ImportSummary s = run(ImportKind.PURCHASES, file("second.csv", big.toString()));
        assertThat(s.accepted()).isFalse();
        assertThat(s.rejected()).isEqualTo(1);
        Map<String, List<String>> after = TestData.snapshot(jdbc);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aFailureAtTheLastStepRollsBackEverythingTheImportWrote() throws IOException {
        run(ImportKind.PURCHASES, file("first.csv", PURCHASES_HEADER + "SO1,A1,2024-01-05 10:00,T-1,2,3.10,,,store\n"));
        Map<String, List<String>> before = TestData.snapshot(jdbc);
        // A constraint that only the very last insert of the import (the purchase lines) can break: by then the
        // import has created customers, products and orders in its transaction.
        jdbc.sql("alter table purchase_line add constraint ck_test_fail_at_end check (sku <> 'FAIL-AT-END')").update();
        try {
            Path f = file("second.csv", PURCHASES_HEADER
                    + "SO2,NEW1,2024-02-05 10:00,NEW-SKU,1,3.10,,,store\n"
                    + "SO3,NEW2,2024-02-05 10:00,FAIL-AT-END,1,3.10,,,store\n");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(ImportKind.PURCHASES, f))
                    .isInstanceOf(ImportFailedException.class).hasMessageContaining("rolled back");
            assertThat(TestData.snapshot(jdbc)).isEqualTo(before);
        } finally {
            jdbc.sql("alter table purchase_line drop constraint ck_test_fail_at_end").update();
        }
    }

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void aSecondImportWhileOneIsRunningIsRefusedAtOnceAndChangesNothing() throws Exception {
        Path f = file("p.csv", PURCHASES_HEADER + "SO1,A1,2024-01-05 10:00,T-1,2,3.10,,,store\n");
        try (java.sql.Connection running = dataSource.getConnection()) {
            running.setAutoCommit(false);
            try (var st = running.createStatement()) {
                st.executeQuery("select id from import_lock where id = 1 for update").close();
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(ImportKind.PURCHASES, f))
                    .isInstanceOf(ImportBusyException.class).hasMessageContaining("another import is running");
            running.rollback();
        }
        assertThat(count("purchase")).isZero();
        assertThat(run(ImportKind.PURCHASES, f).imported()).isEqualTo(1);
    }

    @Test
    void rowsLeftInStagingByAnInterruptedCleanUpAreIgnoredAndRemoved() throws IOException {
        // A crash between an import's commit and its clean-up leaves its staged rows behind.
        jdbc.sql("insert into import_stage_customers (file_line, external_id, name) values (2, 'GHOST', 'left over')")
                .update();
        ImportSummary s = run(ImportKind.CUSTOMERS, file("c.csv", "customer_id,name\nA1,Ann\n"));
        assertThat(s.imported()).isEqualTo(1);
        assertThat(jdbc.sql("select external_id from customer").query(String.class).list()).containsExactly("A1");
        assertThat(count("import_stage_customers")).isZero();
        assertThat(count("import_stage_purchases")).isZero();
    }

    @Test
    void importingTheSameFileTwiceChangesNothing() throws IOException {
        Path customers = file("customers.csv", "customer_id,name,email,referred_by,marketing_consent\n"
                + "A1,Ann,ann@example.com,,true\nB2,Bo,,A1,false\n");
        Path purchases = file("purchases.csv", PURCHASES_HEADER
                + "SO1,A1,2024-01-05 10:00,T-1,2,3.10,1.00,Tea,store\n"
                + "SO1,A1,2024-01-05 10:00,T-2,1,4.00,,,store\n"
                + "SO2,B2,2024-02-05 10:00,T-1,1,3.10,,,store\n"
                + "C9,B2,2024-02-06 10:00,T-1,-1,3.10,,,store\n");
        assertThat(run(ImportKind.CUSTOMERS, customers).imported()).isEqualTo(2);
        assertThat(run(ImportKind.PURCHASES, purchases).imported()).isEqualTo(4);
        Map<String, List<String>> first = withoutImportRunsAndTimes(TestData.snapshot(jdbc));

        ImportSummary again = run(ImportKind.CUSTOMERS, customers);
        assertThat(again.imported()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(2);
        ImportSummary againPurchases = run(ImportKind.PURCHASES, purchases);
        assertThat(againPurchases.imported()).isZero();
        assertThat(againPurchases.updated()).isZero();
        assertThat(againPurchases.unchanged()).isEqualTo(4);
        assertThat(withoutImportRunsAndTimes(TestData.snapshot(jdbc))).isEqualTo(first);
    }

    private static Map<String, List<String>> withoutImportRunsAndTimes(Map<String, List<String>> snapshot) {
        // Each import is recorded (import_run) and audited (audit_event): those grow; nothing else may change.
        Map<String, List<String>> copy = new LinkedHashMap<>(snapshot);
        copy.remove("import_run");
        copy.remove("audit_event");
        return copy;
    }

    @Test
    void aChangedFileUpdatesWhatChangedAndDropsLinesAnOrderNoLongerHas() throws IOException {
        run(ImportKind.PURCHASES, file("v1.csv", PURCHASES_HEADER
                + "SO1,A1,2024-01-05 10:00,T-1,2,3.10,1.00,Tea,store\n"
                + "SO1,A1,2024-01-05 10:00,T-2,1,4.00,,,store\n"
                + "SO2,A1,2024-01-06 10:00,T-2,1,4.00,,,store\n"));
        ImportSummary s = run(ImportKind.PURCHASES, file("v2.csv", PURCHASES_HEADER
                + "SO1,A1,2024-01-05 10:00,T-1,3,3.10,1.00,Tea,store\n"
                + "SO2,A1,2024-01-06 10:00,T-2,1,4.00,,,store\n"
                + "SO3,A1,2024-01-07 10:00,T-2,1,4.00,,,store\n"));
        assertThat(s.imported()).isEqualTo(1);
        assertThat(s.updated()).isEqualTo(1);
        assertThat(s.unchanged()).isEqualTo(1);
        assertThat(jdbc.sql("select quantity from purchase_line where order_id = 'SO1' and line_no = 1")
                .query(BigDecimal.class).single()).isEqualByComparingTo("3");
        assertThat(jdbc.sql("select count(*) from purchase_line where order_id = 'SO1'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void linesOfAnOrderSplitAcrossTheFileAreNumberedInFileOrder() throws IOException {
        ImportSummary s = run(ImportKind.PURCHASES, file("split.csv", PURCHASES_HEADER
                + "SO1,A1,2024-01-05 10:00,T-1,1,1.00,,,store\n"
                + "SO2,A1,2024-01-05 11:00,T-2,1,2.00,,,store\n"
                + "SO1,A1,2024-01-05 10:00,T-3,1,3.00,,,store\n"));
        assertThat(s.imported()).isEqualTo(3);
        assertThat(jdbc.sql("select sku from purchase_line where order_id = 'SO1' order by line_no")
                .query(String.class).list()).containsExactly("T-1", "T-3");
        assertThat(count("purchase")).isEqualTo(2);
    }

    @Test
    void anOrdersHeaderComesFromAllItsLinesWhetherTheyAreTogetherOrSplit() throws IOException {
        ImportSummary s = run(ImportKind.PURCHASES, file("headers.csv", PURCHASES_HEADER
                + "SO1,A1,2024-01-05 10:05,T-1,1,1.00,,,store\n"
                + "SO1,A1,2024-01-05 10:00,T-2,-1,2.00,,,\n"
                + "RT1,A1,2024-01-06 10:00,T-1,-1,1.00,,,store\n"
                + "RT1,A1,2024-01-06 10:00,T-2,-2,2.00,,,store\n"
                + "SO2,A1,2024-01-07 12:00,T-1,1,1.00,,,online\n"
                + "SO3,A1,2024-01-07 13:00,T-1,1,1.00,,,online\n"
                + "SO2,A1,2024-01-07 11:00,T-2,-1,2.00,,,phone\n"));
        assertThat(s.imported()).isEqualTo(7);
        assertThat(jdbc.sql("select order_id || ' ' || kind || ' ' || channel from purchase order by order_id")
                .query(String.class).list()).containsExactly("RT1 RETURN store", "SO1 ORDER store",
                "SO2 ORDER phone", "SO3 ORDER online");
        assertThat(jdbc.sql("select purchased_at from purchase where order_id = 'SO1'").query(OffsetDateTime.class)
                .single().toInstant()).isEqualTo("2024-01-05T10:00:00Z");
        assertThat(jdbc.sql("select purchased_at from purchase where order_id = 'SO2'").query(OffsetDateTime.class)
                .single().toInstant()).isEqualTo("2024-01-07T11:00:00Z");
    }

    @Test
    void anOrderWithLinesForTwoCustomersIsRefused() throws IOException {
        ImportSummary s = run(ImportKind.PURCHASES, file("mixed.csv", PURCHASES_HEADER
                + "SO1,A1,2024-01-05 10:00,T-1,1,1.00,,,store\n"
                + "SO1,B2,2024-01-05 10:00,T-2,1,2.00,,,store\n"));
        assertThat(s.accepted()).isFalse();
        assertThat(s.errors()).extracting(RowError::line).containsExactly(2L, 3L);
        assertThat(s.errors().get(0).reason()).contains("more than one customer");
        assertThat(count("purchase")).isZero();
    }

    @Test
    void skipInvalidImportsTheValidRowsAndWritesTheOthersWithAReason() throws IOException {
        Path f = file("mixed.csv", PURCHASES_HEADER
                + "SO1,A1,2024-01-05 10:00,T-1,2,3.10,,,store\n"
                + "SO2,,2024-01-05 10:00,T-1,2,3.10,,,store\n"
                + "SO3,A1,2024-01-05 10:00,T-1,2,3.1.0,,,store\n");
        double importedBefore = rows("imported");
        double rejectedBefore = rows("rejected");
        ImportSummary s = importer.importFile(ImportFile.of(ImportKind.PURCHASES, f).skippingInvalid());
        // Counted in the metrics (fidelis_import_rows_total at /actuator/prometheus).
        assertThat(rows("imported") - importedBefore).isEqualTo(1.0);
        assertThat(rows("rejected") - rejectedBefore).isEqualTo(2.0);
        assertThat(meters.get("fidelis.import.last.rows.per.second").gauge().value()).isPositive();
        assertThat(s.accepted()).isTrue();
        assertThat(s.imported()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(2);
        assertThat(Path.of(s.rejectsFile())).isEqualTo(dir.resolve("mixed.csv.rejects.csv"));
        assertThat(Files.readAllLines(dir.resolve("mixed.csv.rejects.csv"))).containsExactly(
                "line,reason,order_id,customer_id,purchased_at,sku,quantity,unit_price,unit_cost,category,channel",
                "3,customer_id: required value is missing,SO2,,2024-01-05 10:00,T-1,2,3.10,,,store",
                "4,unit_price: not a number: '3.1.0',SO3,A1,2024-01-05 10:00,T-1,2,3.1.0,,,store");
        assertThat(count("purchase_line")).isEqualTo(1);
    }

    @Test
    void customerRowsAreCheckedAcrossTheFile() throws IOException {
        ImportSummary s = run(ImportKind.CUSTOMERS, file("c.csv", "customer_id,name,referred_by\n"
                + "A1,Ann,\nA1,Ann again,\nB2,Bo,Z9\nC3,Cy,C3\n"));
        assertThat(s.accepted()).isFalse();
        assertThat(s.errors()).extracting(RowError::message).containsExactlyInAnyOrder(
                "c.csv:5: field 'referred_by': a customer cannot refer themselves",
                "c.csv:3: field 'customer_id': 'A1' already appears on line 2",
                "c.csv:4: field 'referred_by': unknown customer 'Z9' (neither in this file nor already stored)");
        assertThat(count("customer")).isZero();
    }

    /**
     * Referrals may not form a cycle, within the file or with the customers already stored: the referral tree and the
     * chains valued on it need none. Each row on a cycle is named with the cycle; a row below it (referred by a
     * customer on it) is not.
     */
    @Test
    void referralsThatWouldFormACycleAreRefusedAndNothingChanges() throws IOException {
        ImportSummary inFile = run(ImportKind.CUSTOMERS, file("cycle.csv", "customer_id,name,referred_by\n"
                + "A1,Ann,B2\nB2,Bo,C3\nC3,Cy,A1\nD4,Di,A1\nE5,Ed,\n"));
        assertThat(inFile.accepted()).isFalse();
        assertThat(inFile.errors()).extracting(RowError::message).containsExactly(
                "cycle.csv:2: field 'referred_by': referrals would form a cycle of 3 customers: 'A1' was referred by"
                        + " 'B2', 'B2' by 'C3', 'C3' by 'A1'",
                "cycle.csv:3: field 'referred_by': referrals would form a cycle of 3 customers: 'B2' was referred by"
                        + " 'C3', 'C3' by 'A1', 'A1' by 'B2'",
                "cycle.csv:4: field 'referred_by': referrals would form a cycle of 3 customers: 'C3' was referred by"
                        + " 'A1', 'A1' by 'B2', 'B2' by 'C3'");
        assertThat(count("customer")).isZero();

        // With the stored referrals: B2 was referred by A1; A1 referred by B2 would close the loop.
        assertThat(run(ImportKind.CUSTOMERS, file("first.csv", "customer_id,name,referred_by\nA1,Ann,\nB2,Bo,A1\n"))
                .accepted()).isTrue();
        String before = jdbc.sql("select external_id || ':' || coalesce(cast(referred_by_id as varchar(20)), '-')"
                + " || ':' || version from customer order by external_id").query(String.class).list().toString();
        ImportSummary withStored = run(ImportKind.CUSTOMERS, file("second.csv", "customer_id,name,referred_by\n"
                + "A1,Ann,B2\n"));
        assertThat(withStored.accepted()).isFalse();
        assertThat(withStored.errors()).extracting(RowError::message).containsExactly(
                "second.csv:2: field 'referred_by': referrals would form a cycle of 2 customers: 'A1' was referred by"
                        + " 'B2', 'B2' by 'A1'");
        assertThat(jdbc.sql("select external_id || ':' || coalesce(cast(referred_by_id as varchar(20)), '-')"
                + " || ':' || version from customer order by external_id").query(String.class).list().toString())
                .isEqualTo(before);

        // The check is on the referrals after the import: B2 loses its referrer in the same file, so A1 may take
        // B2 as its own.
        ImportSummary turned = run(ImportKind.CUSTOMERS, file("turned.csv", "customer_id,name,referred_by\n"
                + "A1,Ann,B2\nB2,Bo,\n"));
        assertThat(turned.accepted()).as("%s", turned.errors()).isTrue();
        assertThat(jdbc.sql("select r.external_id from customer c join customer r on r.id = c.referred_by_id"
                + " where c.external_id = 'A1'").query(String.class).single()).isEqualTo("B2");
        assertThat(jdbc.sql("select count(*) from customer where external_id = 'B2' and referred_by_id is null")
                .query(Long.class).single()).isOne();
    }

    @Test
    void skippingTheRowsOfACycleAlsoSkipsTheRowsThatReferToThem() throws IOException {
        Path f = file("loop.csv", "customer_id,name,referred_by\nA1,Ann,B2\nB2,Bo,A1\nC3,Cy,A1\nE5,Ed,\n");
        ImportSummary s = importer.importFile(ImportFile.of(ImportKind.CUSTOMERS, f).skippingInvalid());
        assertThat(s.imported()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(3);
        assertThat(s.errors()).extracting(RowError::message).containsExactly(
                "loop.csv:2: field 'referred_by': referrals would form a cycle of 2 customers: 'A1' was referred by"
                        + " 'B2', 'B2' by 'A1'",
                "loop.csv:3: field 'referred_by': referrals would form a cycle of 2 customers: 'B2' was referred by"
                        + " 'A1', 'A1' by 'B2'",
                "loop.csv:4: field 'referred_by': unknown customer 'A1' (neither in this file nor already stored)");
        assertThat(jdbc.sql("select external_id from customer").query(String.class).list()).containsExactly("E5");
    }

    @Test
    void skippingARowAlsoSkipsTheRowsThatReferToIt() throws IOException {
        Path f = file("chain.csv", "customer_id,name,referred_by\nA1,Ann,Z9\nB2,Bo,A1\nC3,Cy,\n");
        ImportSummary s = importer.importFile(ImportFile.of(ImportKind.CUSTOMERS, f).skippingInvalid());
        assertThat(s.imported()).isEqualTo(1);
        assertThat(s.rejected()).isEqualTo(2);
        assertThat(s.errors()).extracting(RowError::message).containsExactly(
                "chain.csv:2: field 'referred_by': unknown customer 'Z9' (neither in this file nor already stored)",
                "chain.csv:3: field 'referred_by': unknown customer 'A1' (neither in this file nor already stored)");
        assertThat(jdbc.sql("select external_id from customer").query(String.class).list()).containsExactly("C3");
    }

    @Test
    void aReferrerNewInTheFileCountsAsAnUpdateOfAnExistingCustomer() throws IOException {
        run(ImportKind.CUSTOMERS, file("one.csv", "customer_id,name,referred_by\nB2,Bo,\n"));
        ImportSummary s = run(ImportKind.CUSTOMERS, file("two.csv", "customer_id,name,referred_by\nA1,Ann,\nB2,Bo,A1\n"));
        assertThat(s.imported()).isEqualTo(1);
        assertThat(s.updated()).isEqualTo(1);
        assertThat(s.unchanged()).isZero();
        assertThat(jdbc.sql("select version from customer where external_id = 'B2'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void anAccountManagerMustBeOneAndImportsAreAudited() throws IOException {
        jdbc.sql("insert into staff_user (username, role, enabled, created_at) values ('ann.analyst', 'ANALYST',"
                + " true, current_timestamp)").update();
        ImportSummary s = run(ImportKind.CUSTOMERS, file("am.csv", "customer_id,account_manager\nA1,ann.analyst\n"));
        assertThat(s.accepted()).isFalse();
        assertThat(s.errors()).extracting(RowError::message).containsExactly("am.csv:2: field 'account_manager':"
                + " 'ann.analyst' is a staff user with the role ANALYST, not an account manager");
        run(ImportKind.CUSTOMERS, file("ok.csv", "customer_id,account_manager\nA1,new.manager\n"));
        assertThat(jdbc.sql("select actor || ' ' || entity_type || ' ' || entity_id || ' ' || action from audit_event")
                .query(String.class).list()).containsExactly("system customers ok.csv import");
        assertThat(jdbc.sql("select role from staff_user where username = 'new.manager'").query(String.class).single())
                .isEqualTo("ACCOUNT_MANAGER");
    }

    @Test
    void aLineKeepsTheCostOfItsTimeWhenTheProductCostChanges() throws IOException {
        run(ImportKind.PRODUCTS, file("p1.csv", "sku,unit_cost\nT-1,1.00\n"));
        Path purchases = file("s.csv", PURCHASES_HEADER + "SO1,A1,2024-01-05 10:00,T-1,2,3.10,,,store\n");
        run(ImportKind.PURCHASES, purchases);
        run(ImportKind.PRODUCTS, file("p2.csv", "sku,unit_cost\nT-1,1.50\n"));
        ImportSummary again = run(ImportKind.PURCHASES, purchases);
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(jdbc.sql("select unit_cost from purchase_line").query(BigDecimal.class).single())
                .isEqualByComparingTo("1.00");
        run(ImportKind.PURCHASES, file("new.csv", PURCHASES_HEADER + "SO2,A1,2024-02-05 10:00,T-1,1,3.10,,,store\n"));
        assertThat(jdbc.sql("select unit_cost from purchase_line where order_id = 'SO2'").query(BigDecimal.class)
                .single()).isEqualByComparingTo("1.50");
    }

    @Test
    void anInvalidTimestampPatternRejectsTheFile() throws IOException {
        Path f = file("p.csv", PURCHASES_HEADER + "SO1,A1,2024-01-05 10:00,T-1,2,3.10,,,store\n");
        ImportSummary s = importer.importFile(new ImportFile(ImportKind.PURCHASES, f, Map.of(), false, null,
                "yyyy-MM-dd {{", null, null));
        assertThat(s.accepted()).isFalse();
        assertThat(s.errors().get(0).field()).isEqualTo("timestamp_format");
        assertThat(count("purchase")).isZero();
    }

    @Test
    void aCustomersFileUpdatesOnlyTheColumnsItHas() throws IOException {
        run(ImportKind.CUSTOMERS, file("full.csv", "customer_id,name,email,segment\nA1,Ann,ann@example.com,Retail\n"));
        ImportSummary s = run(ImportKind.CUSTOMERS, file("names.csv", "customer_id,name\nA1,Ann Lee\n"));
        assertThat(s.updated()).isEqualTo(1);
        assertThat(jdbc.sql("select name || '|' || email || '|' || segment from customer where external_id = 'A1'")
                .query(String.class).single()).isEqualTo("Ann Lee|ann@example.com|Retail");
    }

    @Test
    void theOnlineRetailExportImportsWithAMapping() throws IOException {
        // data/online_retail_sample.csv: the first 1,500 rows of the UCI Online Retail export (see README there).
        Path sample = dir.resolve("online_retail_sample.csv");
        try (var in = getClass().getResourceAsStream("/data/online_retail_sample.csv")) {
            Files.copy(in, sample);
        }
        // Expected counts from the file itself, read with a plain CSV parser (descriptions contain commas).
        List<org.apache.commons.csv.CSVRecord> rows;
        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .get().parse(Files.newBufferedReader(sample))) {
            rows = parser.getRecords();
        }
        assertThat(rows).hasSize(1500);
        long withoutCustomer = rows.stream().filter(r -> r.get("CustomerID").isEmpty()).count();
        long invoices = rows.stream().filter(r -> !r.get("CustomerID").isEmpty()).map(r -> r.get("InvoiceNo"))
                .distinct().count();
        long cancellations = rows.stream().filter(r -> !r.get("CustomerID").isEmpty())
                .map(r -> r.get("InvoiceNo")).filter(i -> i.startsWith("C")).distinct().count();

        Map<String, String> map = Map.of("order_id", "InvoiceNo", "customer_id", "CustomerID",
                "purchased_at", "InvoiceDate", "sku", "StockCode", "quantity", "Quantity", "unit_price", "UnitPrice");
        ImportSummary s = importer.importFile(new ImportFile(ImportKind.PURCHASES, sample, map, true, null, null,
                "test", null));
        assertThat(s.accepted()).isTrue();
        assertThat(s.ignoredColumns()).containsExactly("Description", "Country");
        assertThat(s.read()).isEqualTo(1500);
        assertThat(s.rejected()).isEqualTo(withoutCustomer).isPositive();
        assertThat(s.imported()).isEqualTo(1500 - withoutCustomer);
        assertThat(s.errors()).allSatisfy(e -> assertThat(e.message()).contains("field 'customer_id': required"
                + " value is missing"));
        assertThat(count("purchase")).isEqualTo(invoices);
        assertThat(jdbc.sql("select count(*) from purchase where kind = 'RETURN'").query(Long.class).single())
                .isEqualTo(cancellations).isPositive();
        assertThat(jdbc.sql("select count(*) from customer where external_id = '17850'").query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from customer where external_id like '%.%'").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select purchased_at from purchase where order_id = '536365'")
                .query(OffsetDateTime.class).single()).isEqualTo(OffsetDateTime.of(2010, 12, 1, 8, 26, 0, 0,
                ZoneOffset.UTC));
    }
}
