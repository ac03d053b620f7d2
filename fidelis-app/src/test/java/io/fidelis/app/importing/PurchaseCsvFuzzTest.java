package io.fidelis.app.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fidelis.core.csv.CsvFormatException;
import io.fidelis.core.csv.CsvRecordReader;
import io.fidelis.core.csv.FieldParser;
import io.fidelis.core.csv.RowError;

/**
 * Fuzzes the reading and checking of an imported purchases file (plain or gzip), everything the importer does
 * before the database: any bytes give rows with values, rows with errors naming the file, line and reason, or a
 * refusal of the whole file with a reason, never another exception. In a normal build only the stored inputs run
 * (regression mode); {@code JAZZER_FUZZ=1} fuzzes (see docs/benchmarks.md).
 */
class PurchaseCsvFuzzTest {

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyFileIsReadOrRefusedWithItsLine(byte[] bytes) throws IOException {
        read(bytes, Map.of());
        // The UCI Online Retail mapping of the README, on the same bytes.
        read(bytes, Map.of("order_id", "InvoiceNo", "customer_id", "CustomerID", "purchased_at", "InvoiceDate",
                "sku", "StockCode", "quantity", "Quantity", "unit_price", "UnitPrice"));
    }

    private static void read(byte[] bytes, Map<String, String> mapping) throws IOException {
        FieldParser parser = new FieldParser(ZoneOffset.UTC, null);
        try (CsvRecordReader r = CsvRecordReader.open("fuzz.csv", new ByteArrayInputStream(bytes), bytes.length,
                PurchaseImport.FIELDS, mapping, parser)) {
            long rows = 0;
            while (r.next() && rows++ < 10_000) {
                if (r.rowValid()) {
                    assertThat(r.value(0)).as("a valid row has its order id").isNotNull();
                } else {
                    for (RowError e : r.errors()) {
                        assertThat(e.file()).isEqualTo("fuzz.csv");
                        assertThat(e.line()).isPositive();
                        assertThat(e.reason()).isNotBlank();
                    }
                }
            }
        } catch (CsvFormatException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(err -> {
                assertThat(err.file()).isEqualTo("fuzz.csv");
                assertThat(err.reason()).isNotBlank();
            });
        }
    }
}
