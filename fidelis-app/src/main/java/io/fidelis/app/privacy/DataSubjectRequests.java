package io.fidelis.app.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.PersonalData;
import io.fidelis.app.shared.SecretTokens;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data subject requests (issue #8): everything held about a customer, exported as JSON or CSV; and erasure, which
 * anonymises the person's data in every capability in one transaction (all or nothing) while the aggregate figures
 * keep their purchases, scores and dates, detached from the person. Every request is audited, without personal data.
 */
@Service
public class DataSubjectRequests {
    static final String PSEUDONYM_PREFIX = "ERASED-";
    private final CustomerManagement customers;
    private final List<PersonalData> holders;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;

    DataSubjectRequests(CustomerManagement customers, List<PersonalData> holders, CurrentStaff current,
                        ApplicationEventPublisher events) {
        this.customers = customers;
        this.holders = holders.stream().sorted(Comparator.comparingInt(PersonalData::order)
                .thenComparing(PersonalData::section)).toList();
        this.current = current;
        this.events = events;
    }

    /** Everything held about a customer: section → rows, the customer first. */
    public record Export(String customerId, Instant exportedAt, Map<String, List<Map<String, Object>>> sections) {
    }

    /** Everything held about a customer the caller may see; audited (so not a read-only transaction). */
    @Transactional
    public Export export(String externalId, String format) {
        CustomerRecord c = customers.find(externalId);
        Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();
        holders.stream().sorted(Comparator.comparing((PersonalData h) -> !h.section().equals("customer")))
                .forEach(h -> {
                    List<Map<String, Object>> rows = h.export(c.id());
                    if (!rows.isEmpty() || h.section().equals("customer")) {
                        sections.put(h.section(), rows);
                    }
                });
        events.publishEvent(new AuditableChange(current.actor(), "customer", externalId, "export personal data",
                null, AuditableChange.json("format", format, "sections", sections.keySet())));
        return new Export(externalId, Instant.now(), sections);
    }

    /** What an erasure changed. */
    public record Erased(String pseudonym, Map<String, Integer> rowsBySection) {
    }

    /**
     * Erases a customer the caller may see: {@code confirm} must repeat the customer's id; the reason is kept in the
     * audit trail (it must not name the person). One transaction: if any part fails, nothing is erased.
     */
    @Transactional
    public Erased erase(String externalId, String confirm, String reason) {
        CustomerRecord c = customers.find(externalId);
        if (confirm == null || !confirm.strip().equals(externalId)) {
            throw new BusinessRuleException("confirm", "type the customer's id (" + externalId + ") to confirm the"
                    + " erasure");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new BusinessRuleException("reason", "say why, such as \"request of 2026-12-01 by e-mail\" (at most"
                    + " 500 characters, without the person's details)");
        }
        if (externalId.startsWith(PSEUDONYM_PREFIX)) {
            throw new BusinessRuleException("customer", externalId + " is erased already");
        }
        Set<String> values = new LinkedHashSet<>();
        Map<String, java.util.Collection<String>> audited = new HashMap<>();
        for (PersonalData h : holders) {
            values.addAll(h.personalValues(c.id()));
            h.auditedAs(c.id()).forEach((type, ids) -> audited.computeIfAbsent(type, k -> new ArrayList<>())
                    .addAll(ids));
        }
        // Longest first, so that a value inside another (a name inside a note) does not leave the rest behind.
        List<String> ordered = values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        String pseudonym = PSEUDONYM_PREFIX + SecretTokens.create().substring(0, 12).toUpperCase(java.util.Locale.ROOT)
                .replace('-', 'X').replace('_', 'Y');
        PersonalData.Erasure request = new PersonalData.Erasure(externalId, pseudonym, ordered, audited);
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (PersonalData h : holders) {
            rows.put(h.section(), h.erase(c.id(), request));
        }
        events.publishEvent(new AuditableChange(current.actor(), "customer", pseudonym, "erase", null,
                AuditableChange.json("reason", reason.strip(), "rows", rows)));
        return new Erased(pseudonym, rows);
    }

    /** The export as CSV: one row per value (section, record number, field, value), formulas defused. */
    public static void csv(Export export, Writer out) {
        try {
            out.write("section,record,field,value\r\n");
            for (Map.Entry<String, List<Map<String, Object>>> s : export.sections().entrySet()) {
                int n = 0;
                for (Map<String, Object> row : s.getValue()) {
                    n++;
                    for (Map.Entry<String, Object> f : row.entrySet()) {
                        out.write(cell(s.getKey()) + "," + n + "," + cell(f.getKey()) + ","
                                + cell(f.getValue() == null ? "" : f.getValue().toString()) + "\r\n");
                    }
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(String value) {
        String v = value;
        if (!v.isEmpty()) {
            char first = v.charAt(0);
            boolean formula = first == '=' || first == '@' || first == '\t' || first == '\r'
                    || ((first == '+' || first == '-') && !v.matches("[+-][0-9 ()./-]*"));
            if (formula) {
                v = "'" + v;
            }
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
