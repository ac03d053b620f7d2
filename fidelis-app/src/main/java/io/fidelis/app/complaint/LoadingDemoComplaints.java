package io.fidelis.app.complaint;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.shared.SecretTokens;
import io.fidelis.core.csv.CsvScanner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the demo business's complaints ({@code complaints.csv} of the demo generator), each taken through its
 * states by the complaint's own methods at the times the file gives: resolved quickly or late, still open, or
 * withdrawn, with its root cause and recovery action. Routed to departments as any complaint. Loading again changes
 * nothing.
 */
@Service
public class LoadingDemoComplaints {
    static final String DEMO = "demo";
    private final ComplaintRepository repository;
    private final CustomerManagement customers;
    private final ComplaintRouting routing;
    private final JdbcClient jdbc;

    LoadingDemoComplaints(ComplaintRepository repository, CustomerManagement customers, ComplaintRouting routing,
                          JdbcClient jdbc) {
        this.repository = repository;
        this.customers = customers;
        this.routing = routing;
        this.jdbc = jdbc;
    }

    /** How many complaints were loaded; 0 when the demo's complaints were there already. */
    @Transactional
    public int load(Path file) throws IOException {
        if (jdbc.sql("select count(*) from complaint where created_by = ?").param(DEMO).query(Long.class).single() > 0) {
            return 0;
        }
        List<ComplaintRepository.Category> categories = repository.categories();
        int n = 0;
        try (CsvScanner csv = new CsvScanner(new BufferedInputStream(Files.newInputStream(file)))) {
            csv.next();
            while (csv.next()) {
                if (csv.emptyLine()) {
                    continue;
                }
                Long customer = customers.idForSystem(csv.string(0)).orElse(null);
                if (customer == null) {
                    continue;
                }
                String category = csv.string(2);
                String department = categories.stream().filter(c -> c.code().equals(category)).findFirst()
                        .map(ComplaintRepository.Category::department).orElse(null);
                Instant at = LocalDate.parse(csv.string(1)).atTime(9 + n % 8, (n * 7) % 60).toInstant(ZoneOffset.UTC);
                // A complaint about a late delivery names its order (the root cause the complaint page links to).
                String order = csv.fields() > 12 && !csv.blank(12) ? csv.string(12) : null;
                Complaint c = Complaint.receive(String.format("CP-DEMO%04d", ++n), customer, order, category,
                        Severity.valueOf(csv.string(3)), n % 3 == 0 ? "FORM" : "STAFF", csv.string(4), csv.string(5),
                        routing.department(category, department, at), SecretTokens.hash(SecretTokens.create()), "en",
                        at, DEMO);
                routing.assignee(c.department()).ifPresent(a -> c.assign(a.member().id(), a.username(), "routing",
                        at));
                String outcome = csv.string(6);
                int days = Integer.parseInt(csv.string(7));
                if (!outcome.equals("OPEN") || n % 2 == 0) {
                    c.acknowledge(DEMO, at.plus(Duration.ofHours(2)));
                }
                if (outcome.startsWith("RESOLVED")) {
                    Instant resolved = at.plus(Duration.ofDays(days));
                    c.investigate(DEMO, at.plus(Duration.ofHours(5)));
                    c.proposeResolution("We are sorry; " + csv.string(9).toLowerCase(java.util.Locale.ROOT)
                            .replace('_', ' ') + " for you.", csv.string(8), DEMO, resolved.minus(Duration.ofHours(6)));
                    c.accept("customer", resolved);
                    c.close(DEMO, resolved.plus(Duration.ofDays(1)));
                } else if (outcome.equals("WITHDRAWN")) {
                    c.withdraw("Sorted out with the shop", "customer", at.plus(Duration.ofDays(1)));
                }
                String sku = csv.string(11);
                long id = repository.insert(c, sku == null || sku.isEmpty() ? List.of() : List.of(sku));
                if (!csv.string(9).isEmpty()) {
                    repository.insertRecovery(id, new ComplaintRepository.Recovery(csv.string(9),
                            new BigDecimal(csv.string(10)), null, at.plus(Duration.ofDays(days)), DEMO));
                }
                jdbc.sql("update complaint set status = ?, acknowledged_at = ?, resolved_at = ?, closed_at = ?,"
                                + " root_cause = ?, resolution = ?, waiting_since = ? where id = ?")
                        .params(c.status().name(), ComplaintRepository.utc(c.acknowledgedAt()),
                                ComplaintRepository.utc(c.resolvedAt()), ComplaintRepository.utc(c.closedAt()),
                                c.rootCause(), c.resolution(), ComplaintRepository.utc(c.waitingSince()), id)
                        .update();
            }
        }
        return n;
    }
}
