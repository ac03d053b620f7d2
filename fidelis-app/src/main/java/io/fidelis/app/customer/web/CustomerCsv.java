package io.fidelis.app.customer.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.fidelis.app.customer.CustomerRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Customers as CSV with the native import headers, so an export can be imported again. A value that a spreadsheet
 * would run as a formula ({@code =}, {@code @}, or {@code +}/{@code -} not followed by a number) gets a leading
 * apostrophe (CSV injection).
 */
final class CustomerCsv {
    static final String[] HEADER = {"customer_id", "name", "email", "phone", "region", "segment", "acquired_at",
            "acquisition_channel", "referred_by", "account_manager", "marketing_consent", "time_zone"};
    private static final Pattern NUMBER_LIKE = Pattern.compile("[+-][0-9 ()./-]*");

    private CustomerCsv() {
    }

    interface Source {
        void each(Consumer<CustomerRecord> sink);
    }

    /** Sends the customers as the response: a {@code customers.csv} download. */
    static void respond(jakarta.servlet.http.HttpServletResponse response, Source source) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"customers.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        write(out, source);
        out.flush();
    }

    static void write(Writer out, Source source) throws IOException {
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
            source.each(c -> {
                try {
                    csv.printRecord(safe(c.externalId()), safe(c.name()), safe(c.email()), safe(c.phone()),
                            safe(c.region()), safe(c.segment()), c.acquiredOn(), safe(c.acquisitionChannel()),
                            safe(c.referredBy()), safe(c.accountManager()), c.marketingConsent(), c.timeZone());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            csv.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '@' || first == '\t' || first == '\r'
                || ((first == '+' || first == '-') && !NUMBER_LIKE.matcher(value).matches());
        return formula ? "'" + value : value;
    }
}
