package io.fidelis.app.privacy;

import java.util.Map;

import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import org.springframework.stereotype.Component;

/** The privacy panel of the Customer 360 (administrators and managers): export, and erasure with confirmation. */
@Component
class PrivacyOnCustomerPage implements CustomerViewContribution {

    @Override
    public int order() {
        return 99;
    }

    @Override
    public String fragment() {
        return "privacy/customer :: panel";
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        return Map.of("customerId", customer.externalId(), "erased",
                customer.externalId().startsWith(DataSubjectRequests.PSEUDONYM_PREFIX));
    }
}
