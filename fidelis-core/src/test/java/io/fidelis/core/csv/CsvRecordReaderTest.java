package io.fidelis.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {
    private static final List<Field> FIELDS = List.of(
            Field.required("order_id", FieldType.ID, 50),
            Field.required("customer_id", FieldType.ID, 50),
            Field.required("quantity", FieldType.DECIMAL, 40),
            Field.optional("channel", FieldType.TEXT, 20));

    private static CsvRecordReader reader(String text, Map<String, String> mapping) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return CsvRecordReader.open("f.csv", new ByteArrayInputStream(bytes), bytes.length, FIELDS, mapping,
                FieldParser.utc());
    }

    @Test
    void readsRowsWithTheirPhysicalLineNumbers() throws Exception {
        String text = "order_id,customer_id,quantity,channel\n"
                + "A1,17850.0,3,store\n"
                + "A2,17851,\"2\",\"multi\nline\"\n"
                + "\n"
                + "A3,17852,1,\n";
        try (CsvRecordReader r = reader(text, Map.of())) {
            assertThat(r.next()).isTrue();
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.value(1)).isEqualTo("17850");
            assertThat(r.rowValid()).isTrue();
            assertThat(r.next()).isTrue();
            assertThat(r.line()).isEqualTo(3);
            assertThat(r.value(3)).isEqualTo("multi\nline");
            assertThat(r.next()).isTrue();
            assertThat(r.line()).isEqualTo(6);
            assertThat(r.value(3)).isNull();
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void eachInvalidValueIsNamedWithFileLineFieldAndReason() throws Exception {
        String text = "order_id,customer_id,quantity\nA1,,x\nA2,5\n";
        try (CsvRecordReader r = reader(text, Map.of())) {
            r.next();
            assertThat(r.errors()).extracting(RowError::message).containsExactly(
                    "f.csv:2: field 'customer_id': required value is missing",
                    "f.csv:2: field 'quantity': not a number: 'x'");
            r.next();
            assertThat(r.errors()).extracting(RowError::message)
                    .containsExactly("f.csv:3: has 2 values but the header has 3 columns");
        }
    }

    @Test
    void unknownColumnsAreRefusedWithoutAMapping() {
        assertThatThrownBy(() -> reader("order_id,customer_id,quantity,colour\n", Map.of()))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith("f.csv:1: field 'colour': unknown column");
    }

    @Test
    void missingRequiredColumnsAreRefused() {
        assertThatThrownBy(() -> reader("order_id,quantity\n", Map.of()))
                .hasMessage("f.csv:1: field 'customer_id': required column is missing");
    }

    @Test
    void aMappingRenamesColumnsAndIgnoresTheRest() throws Exception {
        String text = "InvoiceNo,CustomerID,Quantity,Country\n536365,17850.0,6,United Kingdom\n";
        Map<String, String> map = Map.of("order_id", "InvoiceNo", "customer_id", "CustomerID", "quantity", "Quantity");
        try (CsvRecordReader r = reader(text, map)) {
            assertThat(r.ignoredColumns()).containsExactly("Country");
            assertThat(r.next()).isTrue();
            assertThat(r.value(0)).isEqualTo("536365");
            assertThat(r.value(1)).isEqualTo("17850");
        }
    }

    @Test
    void aMappingToAnAbsentColumnOrUnknownFieldIsRefused() {
        assertThatThrownBy(() -> reader("InvoiceNo,CustomerID,Quantity\n",
                Map.of("order_id", "InvoiceNo", "customer_id", "Customer", "quantity", "Quantity")))
                .hasMessageContaining("field 'customer_id': mapped to column 'Customer', which is not in the header");
        assertThatThrownBy(() -> reader("order_id,customer_id,quantity\n", Map.of("colour", "x")))
                .hasMessageContaining("field 'colour': --map names an unknown field");
    }

    @Test
    void emptyFilesAndBrokenQuotesAreFileErrors() {
        assertThatThrownBy(() -> reader("", Map.of())).hasMessage("f.csv:1: the file is empty: no header");
        assertThatThrownBy(() -> {
            try (CsvRecordReader r = reader("order_id,customer_id,quantity\nA1,\"unclosed,1\n", Map.of())) {
                while (r.next()) {
                    // read to the end
                }
            }
        }).isInstanceOf(CsvFormatException.class).hasMessageContaining("f.csv:2: unreadable CSV");
    }

    @Test
    void gzipIsRecognisedByContent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("\uFEFForder_id,customer_id,quantity\nA1,1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        try (CsvRecordReader r = CsvRecordReader.open("f.csv.gz", new ByteArrayInputStream(bytes.toByteArray()),
                bytes.size(), FIELDS, Map.of(), FieldParser.utc())) {
            assertThat(r.next()).isTrue();
            assertThat(r.value(0)).isEqualTo("A1");
            assertThat(r.bytesRead()).isEqualTo(bytes.size());
        }
    }
}
