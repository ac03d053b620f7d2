package io.fidelis.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The byte-level CSV reader against RFC 4180 cases and against Apache Commons CSV on the same text. */
class CsvScannerTest {
    static CsvScanner scanner(String text) {
        return new CsvScanner(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static List<List<String>> all(String text) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvScanner csv = scanner(text)) {
            while (csv.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < csv.fields(); i++) {
                    row.add(csv.string(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void quotesEscapesAndLineEndings() throws IOException {
        assertThat(all("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",é\rlast,")).containsExactly(
                List.of("a", "b"), List.of("x, y", "say \"hi\""), List.of("two\nlines", "é"), List.of("last", ""));
    }

    @Test
    void lineNumbersCountLineBreaksInsideQuotes() throws IOException {
        try (CsvScanner csv = scanner("h\n\"a\nb\"\nc\n")) {
            csv.next();
            assertThat(csv.line()).isEqualTo(1);
            csv.next();
            assertThat(csv.line()).isEqualTo(2);
            csv.next();
            assertThat(csv.line()).isEqualTo(4);
            assertThat(csv.next()).isFalse();
        }
    }

    @Test
    void byteOrderMarkAndSurroundingSpaces() throws IOException {
        assertThat(all("\uFEFFid , name\n 7 ,  \"Ann\"  \n")).containsExactly(List.of("id", "name"),
                List.of("7", "Ann"));
    }

    @Test
    void malformedQuotingNamesTheLine() {
        assertThatThrownBy(() -> all("a\n\"open\nstill open")).isInstanceOf(CsvScanner.Malformed.class)
                .hasMessageContaining("line 2").hasMessageContaining("never closed");
        assertThatThrownBy(() -> all("a\nb\n\"x\"y,1")).isInstanceOf(CsvScanner.Malformed.class)
                .hasMessageContaining("line 3");
    }

    @Test
    void decimalsEqualParseDoubleExactly() throws IOException {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        List<String> values = new ArrayList<>(List.of("0", "-0", "12.50", "-3.", ".5", "+7", "123456789012345",
                "1234567890123456789", "1e3", "0.1", "0.30000000000000004", "99999.99"));
        for (int i = 0; i < 2000; i++) {
            values.add(String.format(java.util.Locale.ROOT, "%." + random.nextInt(8) + "f",
                    (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(10))));
        }
        for (String v : values) {
            text.append(v).append('\n');
        }
        try (CsvScanner csv = scanner(text.toString())) {
            for (String v : values) {
                assertThat(csv.next()).isTrue();
                assertThat(Double.doubleToLongBits(csv.decimal(0))).as(v)
                        .isEqualTo(Double.doubleToLongBits(Double.parseDouble(v)));
            }
        }
        try (CsvScanner csv = scanner("abc\n\n1,5\n")) {
            csv.next();
            assertThatThrownBy(() -> csv.decimal(0)).isInstanceOf(NumberFormatException.class);
            csv.next();
            assertThat(csv.emptyLine()).isTrue();
            assertThatThrownBy(() -> csv.decimal(0)).isInstanceOf(NumberFormatException.class);
            csv.next();
            assertThatThrownBy(() -> csv.decimal(2)).isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void isoDatesFromBytes() throws IOException {
        try (CsvScanner csv = scanner("2024-02-29,20240301,2024-02-30,2024-03-05T10:00:00Z,3/5/2024\n")) {
            csv.next();
            assertThat(csv.isoEpochDay(0)).isEqualTo(LocalDate.of(2024, 2, 29).toEpochDay());
            assertThat(csv.isoEpochDay(1)).isEqualTo(LocalDate.of(2024, 3, 1).toEpochDay());
            assertThatThrownBy(() -> csv.isoEpochDay(2)).isInstanceOf(DateTimeException.class);
            assertThat(csv.isoEpochDay(3)).isEqualTo(Long.MIN_VALUE);
            assertThat(csv.isoEpochDay(4)).isEqualTo(Long.MIN_VALUE);
        }
    }

    @Test
    void sameRecordsAsCommonsCsvOnRandomText() throws IOException {
        // Random fields with commas, quotes and line breaks, written by Commons CSV and read back by both.
        Random random = new Random(11);
        String alphabet = "ab ,\"\n\r1é";
        StringBuilder out = new StringBuilder();
        try (var printer = CSVFormat.RFC4180.print(out)) {
            for (int r = 0; r < 500; r++) {
                List<String> row = new ArrayList<>();
                for (int f = 0, n = 1 + random.nextInt(5); f < n; f++) {
                    StringBuilder v = new StringBuilder();
                    for (int k = random.nextInt(6); k > 0; k--) {
                        v.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    row.add("x" + v.toString().strip() + "x"); // no surrounding spaces: the scanner trims them
                }
                printer.printRecord(row);
            }
        }
        List<List<String>> expected = new ArrayList<>();
        for (CSVRecord r : CSVFormat.RFC4180.parse(new StringReader(out.toString()))) {
            expected.add(r.toList());
        }
        assertThat(all(out.toString())).isEqualTo(expected);
    }
}
