package io.fidelis.app.referral;

import java.util.Map;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import org.springframework.stereotype.Component;

/** The referrals panel of the Customer 360: the referral link to pass on, and how many this customer brought. */
@Component
class ReferralsOnCustomerPage implements CustomerViewContribution {
    private final Referrals referrals;
    private final CustomerManagement customers;

    ReferralsOnCustomerPage(Referrals referrals, CustomerManagement customers) {
        this.referrals = referrals;
        this.customers = customers;
    }

    @Override
    public int order() {
        return 35;
    }

    @Override
    public String fragment() {
        return "referral/customer :: panel";
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        String code = referrals.codeFor(customer.id());
        return Map.of("code", code, "link", referrals.link(code), "customerId", customer.externalId(),
                "referredBy", customer.referredBy() == null ? "" : customer.referredBy(), "direct",
                customers.traitsOf(customer.id()).map(t -> t.referralsMade()).orElse(0));
    }
}
