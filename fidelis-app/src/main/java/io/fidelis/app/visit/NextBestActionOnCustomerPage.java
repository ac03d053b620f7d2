package io.fidelis.app.visit;

import java.util.Map;

import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerViewContribution;
import org.springframework.stereotype.Component;

/** The next best action at the top of the Customer 360, with the products the co-purchase rules suggest. */
@Component
class NextBestActionOnCustomerPage implements CustomerViewContribution {
    private final NextBestActions actions;

    NextBestActionOnCustomerPage(NextBestActions actions) {
        this.actions = actions;
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public String fragment() {
        return "visit/next-best-action :: panel";
    }

    @Override
    public Map<String, Object> model(CustomerRecord customer) {
        NextBestActions.Advice a = actions.forCustomer(customer);
        return Map.of("suggestions", a.suggestions(), "products", a.products());
    }
}
