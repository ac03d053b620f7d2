package io.fidelis.app.programme;

import java.util.HashMap;
import java.util.Map;

import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import org.springframework.stereotype.Component;

/** The loyalty programme panel of the Customer 360: tier with its reason, points and lots, redeem, override. */
@Component
class ProgrammeOnCustomerPage implements CustomerViewContribution {
    private final LoyaltyProgramme programme;

    ProgrammeOnCustomerPage(LoyaltyProgramme programme) {
        this.programme = programme;
    }

    @Override
    public int order() {
        return 8;
    }

    @Override
    public String fragment() {
        return "programme/customer :: panel";
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        Map<String, Object> m = new HashMap<>();
        m.put("customerId", customer.externalId());
        programme.member(customer.externalId()).ifPresent(v -> m.put("member", v));
        m.put("tiers", programme.tierNames());
        return m;
    }
}
