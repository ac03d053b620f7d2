package io.fidelis.app.loyalty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import io.fidelis.app.customer.TimelineEntry;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/** The loyalty part of the Customer 360: stage with evidence, P(alive), expected purchases, CLV, RFM, stage history. */
@Component
class LoyaltyOnCustomerPage implements CustomerViewContribution {
    private final LoyaltyProfiles profiles;

    LoyaltyOnCustomerPage(LoyaltyProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public int order() {
        return 5;
    }

    @Override
    public String fragment() {
        return "loyalty/customer :: panel";
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        Map<String, Object> m = new HashMap<>();
        m.put("profile", null); // the template tells "not scored yet" from a null profile
        m.put("evidence", List.of());
        profiles.of(customer.id()).ifPresent(p -> {
            m.put("profile", p);
            m.put("evidence", LoyaltyEvidence.read(p.evidence()));
        });
        m.put("changes", profiles.changesOf(customer.id(), 10));
        return m;
    }

    @Override
    public List<TimelineEntry> timeline(CustomerRecord customer, int limit) {
        return profiles.changesOf(customer.id(), limit).stream()
                .map(c -> new TimelineEntry(c.at(), "loyalty", "timeline.loyalty",
                        List.of(new DefaultMessageSourceResolvable("stage." + c.toStage()),
                                new DefaultMessageSourceResolvable("overlay." + c.toOverlay())), null))
                .toList();
    }
}
