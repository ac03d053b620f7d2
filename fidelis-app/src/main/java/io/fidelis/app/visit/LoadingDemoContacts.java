package io.fidelis.app.visit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.loyalty.LoyaltyReadings;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo's account-manager work: calls, visits, e-mails and meetings over the last year (the more valuable the
 * customer, the more often; some with needs and opinions), and a few open follow-ups per manager, some overdue. The
 * same seed gives the same contacts; loading again changes nothing.
 */
@Service
public class LoadingDemoContacts {
    private static final String DEMO = "demo";
    private static final String[] NOTES = {"Talked through the new season's teas", "Visited the shop",
        "Called about the last order", "Lunch with the owner", "Showed the gift boxes", "Checked how the tea set works"};
    private static final String[] NEEDS = {"Wants gift boxes for the New Year", "Looking for a cheaper everyday tea",
        "Needs faster delivery to the office", "Asked about tasting sessions for staff"};
    private static final String[] OPINIONS = {"Happy with the quality", "Finds the website slow",
        "Delivery was late twice", "Likes the new packaging"};
    private final VisitRepository repository;
    private final CustomerManagement customers;
    private final StaffDirectory staff;
    private final LoyaltyReadings loyalty;
    private final JdbcClient jdbc;

    LoadingDemoContacts(VisitRepository repository, CustomerManagement customers, StaffDirectory staff,
                        LoyaltyReadings loyalty, JdbcClient jdbc) {
        this.repository = repository;
        this.customers = customers;
        this.staff = staff;
        this.loyalty = loyalty;
        this.jdbc = jdbc;
    }

    /** Contacts and follow-ups written; (0, 0) when the demo's were there already. */
    public record Loaded(int contacts, int tasks) {
    }

    @Transactional
    public Loaded load(LocalDate end, long seed) {
        if (jdbc.sql("select count(*) from contact where created_by = ?").param(DEMO).query(Long.class).single() > 0) {
            return new Loaded(0, 0);
        }
        SplittableRandom random = new SplittableRandom(seed * 131 + 5);
        double top = loyalty.clvQuantile(0.8);
        int contacts = 0;
        int tasks = 0;
        Instant now = end.atTime(18, 0).toInstant(ZoneOffset.UTC);
        for (StaffMember m : staff.list()) {
            List<Long> book = new ArrayList<>(customers.idsManagedBy(m.id()));
            book.sort(Long::compare);
            if (book.isEmpty()) {
                continue;
            }
            var briefs = loyalty.briefsOf(book);
            for (Long id : book) {
                var b = briefs.get(id);
                boolean valuable = b != null && b.clv() != null && b.clv() >= top && top > 0;
                int n = random.nextDouble() < (valuable ? 0.7 : 0.2) ? 1 + random.nextInt(valuable ? 4 : 2) : 0;
                for (int k = 0; k < n; k++) {
                    Instant at = now.minusSeconds(86_400L * (1 + random.nextInt(360)) + random.nextInt(30_000));
                    ContactKind kind = ContactKind.values()[random.nextInt(ContactKind.values().length)];
                    repository.insertContact(id, m.id(), kind, at, NOTES[random.nextInt(NOTES.length)],
                            random.nextDouble() < 0.4 ? NEEDS[random.nextInt(NEEDS.length)] : null,
                            random.nextDouble() < 0.3 ? OPINIONS[random.nextInt(OPINIONS.length)] : null, at, DEMO);
                    contacts++;
                }
            }
            for (int k = 0; k < 4; k++) {
                long id = book.get(random.nextInt(book.size()));
                CustomerRecord c = customers.recordForSystem(id).orElseThrow();
                repository.insertTask(id, m.id(), "Send " + c.name() + " the new catalogue", end.plusDays(
                        random.nextInt(10) - 3), null, now, DEMO);
                tasks++;
            }
        }
        return new Loaded(contacts, tasks);
    }
}
