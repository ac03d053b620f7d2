package io.fidelis.app.complaint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import io.fidelis.app.customer.TimelineEntry;
import org.springframework.stereotype.Component;

/** The complaints panel of the Customer 360 (with "file a complaint" for calls and visits) and timeline entries. */
@Component
class ComplaintsOnCustomerPage implements CustomerViewContribution {
    private final HandlingComplaints complaints;

    ComplaintsOnCustomerPage(HandlingComplaints complaints) {
        this.complaints = complaints;
    }

    @Override
    public int order() {
        return 25;
    }

    @Override
    public String fragment() {
        return "complaint/customer :: panel";
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        return Map.of("complaints", complaints.ofCustomer(customer.id()), "customerId", customer.externalId());
    }

    @Override
    public List<TimelineEntry> timeline(CustomerRecord customer, int limit) {
        List<TimelineEntry> out = new ArrayList<>();
        for (Complaint c : complaints.ofCustomer(customer.id())) {
            if (out.size() >= limit) {
                break;
            }
            out.add(new TimelineEntry(c.receivedAt(), "complaint", "timeline.complaint", List.of(c.reference(),
                    c.subject()), "/complaints/" + c.reference()));
        }
        return out;
    }
}
