package io.fidelis.app.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates, numbers and money formatted for the reader's locale. Templates use it as {@code @fmt}. Money has two
 * decimals and the locale's grouping; the currency symbol comes from {@code fidelis.currency} when set.
 */
@Component("fmt")
class Formats {
    private final String currency;
    private final ZoneId displayZone;

    Formats(@Value("${fidelis.currency:}") String currency, @Value("${fidelis.display-zone:}") String zone) {
        this.currency = currency;
        this.displayZone = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    public String date(LocalDate d) {
        return d == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(d);
    }

    public String date(Instant t) {
        return t == null ? "" : date(t.atZone(displayZone).toLocalDate());
    }

    /** A moment in the given zone (a customer's), or the display zone when none. */
    public String dateTime(Instant t, String zone) {
        if (t == null) {
            return "";
        }
        ZoneId z = zone == null || zone.isBlank() ? displayZone : ZoneId.of(zone);
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale())
                .format(t.atZone(z));
    }

    public String dateTime(Instant t) {
        return dateTime(t, null);
    }

    public String integer(Number n) {
        return n == null ? "" : NumberFormat.getIntegerInstance(locale()).format(n);
    }


    public String money(BigDecimal n) {
        if (n == null) {
            return "";
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale());
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        String s = f.format(n.setScale(2, RoundingMode.HALF_EVEN));
        return currency.isBlank() ? s : currency + " " + s;
    }

    public String percent(double share) {
        NumberFormat f = NumberFormat.getPercentInstance(locale());
        f.setMaximumFractionDigits(1);
        return f.format(share);
    }
}
