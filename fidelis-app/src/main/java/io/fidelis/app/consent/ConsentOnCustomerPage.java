package io.fidelis.app.consent;

import java.util.Map;

import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import org.springframework.stereotype.Component;

/** The consent panel of the Customer 360: each channel with its date and source; record it; ask to confirm. */
@Component
class ConsentOnCustomerPage implements CustomerViewContribution {
    private final CustomerConsents consents;

    ConsentOnCustomerPage(CustomerConsents consents) {
        this.consents = consents;
    }

    @Override
    public int order() {
        return 2;
    }

    @Override
    public String fragment() {
        return "consent/customer :: panel";
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        return Map.of("customerId", customer.externalId(), "consents", consents.of(customer.externalId()),
                "channels", ConsentChannel.values(), "hasEmail", customer.email() != null
                        && !customer.email().isBlank());
    }
}
