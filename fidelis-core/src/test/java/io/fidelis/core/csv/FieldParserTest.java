package io.fidelis.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class FieldParserTest {
    private final FieldParser utc = FieldParser.utc();
    private final Field id = Field.required("customer_id", FieldType.ID, 20);
    private final Field amount = Field.required("unit_price", FieldType.DECIMAL, 40);
    private final Field when = Field.required("purchased_at", FieldType.TIMESTAMP, 40);

    @Test
    void floatFormattedIntegerIdsAreNormalised() throws Exception {
        assertThat(utc.parse(id, "17850.0")).isEqualTo("17850");
        assertThat(utc.parse(id, " 17850.00 ")).isEqualTo("17850");
        assertThat(utc.parse(id, "C-17850.5")).isEqualTo("C-17850.5");
        assertThat(utc.parse(id, "17850.5")).isEqualTo("17850.5");
        assertThat(utc.parse(id, "  ")).isNull();
    }

    @Test
    void decimalsAreExact() throws Exception {
        assertThat(utc.parse(amount, "2.55")).isEqualTo(new BigDecimal("2.55"));
        assertThat(utc.parse(amount, "-12")).isEqualTo(new BigDecimal("-12"));
        assertThat(utc.parse(amount, "0.100000")).isEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void malformedDecimalsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> utc.parse(amount, "1,234.50")).hasMessage("not a number: '1,234.50'");
        assertThatThrownBy(() -> utc.parse(amount, "1e3")).hasMessage("not a plain decimal number: '1e3'");
        assertThatThrownBy(() -> utc.parse(amount, "0.123456")).hasMessage("more than 4 decimal places: '0.123456'");
        assertThatThrownBy(() -> utc.parse(amount, "1234567890123456")).hasMessage("too large: '1234567890123456'");
    }

    @Test
    void timestampsInTheCommonIsoFormsAreReadInTheImportZone() throws Exception {
        assertThat(utc.parse(when, "2010-12-01 08:26:00")).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
        assertThat(utc.parse(when, "2010-12-01T08:26")).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
        assertThat(utc.parse(when, "2010-12-01")).isEqualTo(Instant.parse("2010-12-01T00:00:00Z"));
        assertThat(utc.parse(when, "2010-12-01T08:26:00.5Z")).isEqualTo(Instant.parse("2010-12-01T08:26:00.500Z"));
        assertThat(utc.parse(when, "2010-12-01T08:26:00+08:00")).isEqualTo(Instant.parse("2010-12-01T00:26:00Z"));
        assertThat(utc.parse(when, "2010-12-01T08:26:00+0800")).isEqualTo(Instant.parse("2010-12-01T00:26:00Z"));
        FieldParser shanghai = new FieldParser(ZoneId.of("Asia/Shanghai"), null);
        assertThat(shanghai.parse(when, "2010-12-01 08:26:00")).isEqualTo(Instant.parse("2010-12-01T00:26:00Z"));
    }

    @Test
    void anExplicitTimestampPatternIsHonoured() throws Exception {
        FieldParser us = new FieldParser(ZoneId.of("UTC"), "M/d/yyyy H:mm");
        assertThat(us.parse(when, "12/1/2010 8:26")).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
        assertThatThrownBy(() -> us.parse(when, "2010-12-01")).hasMessageContaining("M/d/yyyy H:mm");
    }

    @Test
    void malformedTimestampsAreRefused() {
        assertThatThrownBy(() -> utc.parse(when, "2010-13-01 08:00")).hasMessageStartingWith("not a timestamp");
        assertThatThrownBy(() -> utc.parse(when, "yesterday")).hasMessageStartingWith("not a timestamp");
        assertThatThrownBy(() -> utc.parse(when, "2010-12-01 08:26:00 UTC")).hasMessageStartingWith("not a timestamp");
        // Truncated seconds, year 0: refused with a reason, never an exception of another kind.
        assertThatThrownBy(() -> utc.parse(when, "2024-01-05 10:00:5")).hasMessageStartingWith("not a timestamp");
        assertThatThrownBy(() -> utc.parse(when, "2024-01-05 10:00:")).hasMessageStartingWith("not a timestamp");
        assertThatThrownBy(() -> utc.parse(when, "0000-01-05 10:00")).hasMessageStartingWith("not a timestamp");
        assertThatThrownBy(() -> utc.parse(when, "2024-01-05T10:00:00.")).hasMessageStartingWith("not a timestamp");
    }

    @Test
    void datesBooleansZonesAndEmails() throws Exception {
        assertThat(utc.parse(Field.optional("d", FieldType.DATE, 10), "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(utc.parse(Field.optional("d", FieldType.DATE, 10), "2024-02-29 10:00")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThatThrownBy(() -> utc.parse(Field.optional("d", FieldType.DATE, 10), "2023-02-29"))
                .hasMessageStartingWith("not a date");
        Field flag = Field.optional("b", FieldType.BOOLEAN, 5);
        assertThat(utc.parse(flag, "Yes")).isEqualTo(true);
        assertThat(utc.parse(flag, "0")).isEqualTo(false);
        assertThatThrownBy(() -> utc.parse(flag, "maybe")).hasMessageStartingWith("not yes/no");
        Field zone = Field.optional("z", FieldType.TIME_ZONE, 64);
        assertThat(utc.parse(zone, "Asia/Shanghai")).isEqualTo("Asia/Shanghai");
        assertThatThrownBy(() -> utc.parse(zone, "Mars/Olympus")).hasMessageStartingWith("not a time zone");
        Field email = Field.optional("e", FieldType.EMAIL, 254);
        assertThat(utc.parse(email, "a.b@example.com")).isEqualTo("a.b@example.com");
        assertThatThrownBy(() -> utc.parse(email, "a.b.example.com")).hasMessageStartingWith("not an e-mail");
    }

    @Test
    void valuesPostgresqlCannotStoreAreRefused() {
        assertThatThrownBy(() -> utc.parse(id, "A\u00001")).hasMessage("contains a NUL character");
        assertThatThrownBy(() -> utc.parse(Field.optional("d", FieldType.DATE, 10), "0000-01-01"))
                .hasMessageStartingWith("year out of range");
    }

    @Test
    void overlongTextIsRefused() {
        assertThatThrownBy(() -> utc.parse(id, "x".repeat(21))).hasMessage("longer than 20 characters");
    }
}
