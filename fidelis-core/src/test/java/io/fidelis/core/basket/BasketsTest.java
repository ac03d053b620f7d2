package io.fidelis.core.basket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import io.fidelis.core.summary.InvalidTransactionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbering baskets, items and customers; reading baskets from CSV. */
class BasketsTest {
    @TempDir
    Path dir;

    @Test
    void builderInternsLabelsAndGroupsLinesByBasket() {
        LocalDate day = LocalDate.of(2011, 12, 9);
        Baskets baskets = Baskets.builder()
                .add("536365", "c1", day, "85123A")
                .add("536366", "c2", day.plusDays(1), "71053")
                .add("536365", "c1", day, "71053")
                .add("536365", "c9", day.plusDays(5), "85123A") // a repeat: counted once; customer and day kept
                .add("536367", "71053")
                .build();
        assertThat(baskets.size()).isEqualTo(3);
        assertThat(baskets.itemCount()).isEqualTo(2);
        assertThat(baskets.lines()).isEqualTo(4);
        assertThat(baskets.labels()).containsExactly("85123A", "71053");
        assertThat(baskets.item("71053")).isEqualTo(1);
        assertThat(baskets.item("nothing")).isEqualTo(-1);
        assertThat(baskets.items(0)).containsExactly(0, 1);
        assertThat(baskets.items(1)).containsExactly(1);
        assertThat(baskets.customerId(baskets.customer(0))).isEqualTo("c1");
        assertThat(baskets.customer(2)).isEqualTo(-1);
        assertThat(baskets.customerCount()).isEqualTo(2);
        assertThat(baskets.day(0)).isEqualTo(day.toEpochDay());
        assertThat(baskets.day(2)).isEqualTo(Baskets.NO_DAY);

        Baskets later = baskets.filter(b -> baskets.day(b) > day.toEpochDay());
        assertThat(later.size()).isEqualTo(1);
        assertThat(later.items(0)).containsExactly(1);
        assertThat(later.customerId(later.customer(0))).isEqualTo("c2");
        assertThat(later.itemCount()).isEqualTo(2);
    }

    @Test
    void readsAnOnlineRetailStyleExport() throws IOException {
        // The UCI Online Retail columns: a cancellation (negative quantity), a line without a customer, postage.
        String csv = """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,"WHITE HANGING HEART T-LIGHT HOLDER",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
                536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom
                536365,POST,POSTAGE,1,2010-12-01 08:26:00,18.0,17850.0,United Kingdom
                C536379,71053,WHITE METAL LANTERN,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom
                536380,22961,JAM MAKING SET PRINTED,24,2010-12-02 09:41:00,1.45,,United Kingdom
                """;
        Path file = dir.resolve("retail.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        BasketCsv.Result result = BasketCsv.read(file, new BasketCsv.Columns("InvoiceNo", "StockCode", "CustomerID",
                "InvoiceDate", "Quantity", Set.of("POST")));
        Baskets baskets = result.baskets();
        assertThat(result.rows()).isEqualTo(5);
        assertThat(result.skipped()).isEqualTo(2);
        assertThat(baskets.size()).isEqualTo(2);
        assertThat(baskets.labels()).containsExactly("85123A", "71053", "22961");
        assertThat(baskets.items(0)).containsExactly(0, 1);
        assertThat(baskets.customerId(baskets.customer(0))).isEqualTo("17850.0");
        assertThat(baskets.customer(1)).isEqualTo(-1);
        assertThat(baskets.day(0)).isEqualTo(LocalDate.of(2010, 12, 1).toEpochDay());
        assertThat(baskets.day(1)).isEqualTo(LocalDate.of(2010, 12, 2).toEpochDay());

        assertThatThrownBy(() -> BasketCsv.read(file, new BasketCsv.Columns("Invoice", "StockCode", null, null, null,
                null))).isInstanceOf(InvalidTransactionException.class)
                .hasMessageStartingWith("retail.csv.gz:1: field 'Invoice': no such column; the header has");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "order,sku,day\n1,A,2024-02-30\n");
        assertThatThrownBy(() -> BasketCsv.read(bad, new BasketCsv.Columns("order", "sku", null, "day", null,
                Set.of()))).hasMessage("bad.csv:2: field 'day': not an ISO date or date-time: '2024-02-30'");
    }
}
