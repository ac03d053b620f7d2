package io.fidelis.core.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading transactions for the analyst's command: columns by name, ids, dates, amounts and errors by line. */
class TransactionCsvTest {
    static final TransactionCsv.Columns AMOUNT = new TransactionCsv.Columns("customer_id", "date", "amount", null,
            null, null);

    @TempDir
    Path dir;

    Path write(String name, String text, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void idsWrittenAsDecimalsAreTheSameCustomerInEitherOrder() throws IOException {
        Path file = write("t.csv.gz", "customer_id,date,amount\n17850.0,2024-01-01,10\n17850,2024-01-08,5\n"
                + "12,2024-01-02,1\n12.00,2024-01-09,2\n\n,2024-01-03,7\n12.5,2024-01-03,7\n", true);
        TransactionCsv.Result r = TransactionCsv.read(file, AMOUNT);
        assertThat(r.rows()).isEqualTo(6);
        assertThat(r.skippedWithoutCustomer()).isEqualTo(1);
        List<CustomerSummary> s = r.transactions().summaries(LocalDate.of(2024, 1, 15), Period.DAY);
        assertThat(s).extracting(CustomerSummary::customerId).containsExactly("17850", "12", "12.5");
        assertThat(s).extracting(CustomerSummary::x).containsExactly(1, 1, 0);
    }

    @Test
    void quantityTimesPriceAndOtherDateForms() throws IOException {
        Path file = write("t.csv", "Customer,When,Qty,Price\n\"a\",2024-01-01T23:30:00+02:00,2,2.5\n"
                + "a,20240105,1,-1\n", false);
        TransactionCsv.Columns columns = new TransactionCsv.Columns("Customer", "When", null, "Qty", "Price", null);
        List<CustomerSummary> s = TransactionCsv.read(file, columns).transactions()
                .summaries(LocalDate.of(2024, 1, 10), Period.DAY);
        // 1 January (the local date of the time given), then 5 January with a return only: no repeat occasion.
        assertThat(s).hasSize(1);
        assertThat(s.get(0).x()).isZero();
        assertThat(s.get(0).T()).isEqualTo(9);
        Path slashes = write("s.csv", "Customer,When,Qty,Price\na,1/9/2024 10:00,3,1\n", false);
        assertThatThrownBy(() -> TransactionCsv.read(slashes, columns)).hasMessageContaining("--date-format");
        TransactionCsv.Columns patterned = new TransactionCsv.Columns("Customer", "When", null, "Qty", "Price",
                "M/d/yyyy H:mm");
        assertThat(TransactionCsv.read(slashes, patterned).transactions().size()).isEqualTo(1);
    }

    @Test
    void errorsNameFileLineAndField() throws IOException {
        Path badDate = write("d.csv", "customer_id,date,amount\na,2024-01-01,1\na,2024-02-30,1\n", false);
        assertThatThrownBy(() -> TransactionCsv.read(badDate, AMOUNT)).isInstanceOf(InvalidTransactionException.class)
                .hasMessageContaining("d.csv:3").hasMessageContaining("date")
                .hasMessageContaining("2024-02-30");
        Path badAmount = write("n.csv", "customer_id,date,amount\n\"a\nb\",2024-01-01,1\nc,2024-01-01,1,5x\n"
                + "c,2024-01-01,ten\n", false);
        assertThatThrownBy(() -> TransactionCsv.read(badAmount, AMOUNT)).isInstanceOf(InvalidTransactionException.class)
                .hasMessageContaining("n.csv:5").hasMessageContaining("amount").hasMessageContaining("'ten'");
        Path missing = write("m.csv", "customer,date,amount\n", false);
        assertThatThrownBy(() -> TransactionCsv.read(missing, AMOUNT)).isInstanceOf(InvalidTransactionException.class)
                .hasMessageContaining("customer_id").hasMessageContaining("no such column");
        Path quote = write("q.csv", "customer_id,date,amount\n\"a,2024-01-01,1\n", false);
        assertThatThrownBy(() -> TransactionCsv.read(quote, AMOUNT)).isInstanceOf(InvalidTransactionException.class)
                .hasMessageContaining("q.csv:2").hasMessageContaining("never closed");
    }
}
