package io.fidelis.app.visit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import io.fidelis.app.customer.TimelineEntry;
import org.springframework.stereotype.Component;

/** The contacts panel of the Customer 360: log a call or visit (and raise a complaint or a follow-up from it). */
@Component
class ContactsOnCustomerPage implements CustomerViewContribution {
    private final VisitRepository repository;
    private final io.fidelis.app.complaint.HandlingComplaints complaints;

    ContactsOnCustomerPage(VisitRepository repository, io.fidelis.app.complaint.HandlingComplaints complaints) {
        this.repository = repository;
        this.complaints = complaints;
    }

    @Override
    public int order() {
        return 12;
    }

    @Override
    public String fragment() {
        return "visit/customer :: panel";
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        return Map.of("contacts", repository.contactsOf(customer.id(), 10), "customerId", customer.externalId(),
                "tasks", repository.tasksOfCustomer(customer.id()).stream().filter(t -> t.doneAt() == null).toList(),
                "kinds", ContactKind.values(), "categories", complaints.categories());
    }

    @Override
    public List<TimelineEntry> timeline(CustomerRecord customer, int limit) {
        List<TimelineEntry> out = new ArrayList<>();
        for (Contact c : repository.contactsOf(customer.id(), limit)) {
            out.add(new TimelineEntry(c.at(), "contact", "timeline.contact", List.of(c.kind().name()
                    .toLowerCase(java.util.Locale.ROOT), c.staff() == null ? "" : c.staff()), null));
        }
        return out;
    }
}
