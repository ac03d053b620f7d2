package io.fidelis.app.subscription.web;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.subscription.ChurnModelReport;
import io.fidelis.app.subscription.CustomerSubscriptions;
import io.fidelis.app.subscription.PredictingSubscriptionChurn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Subscriptions", description = "Subscriptions and the subscription churn model")
class SubscriptionController {
    private final PredictingSubscriptionChurn churn;
    private final CustomerManagement customers;

    SubscriptionController(PredictingSubscriptionChurn churn, CustomerManagement customers) {
        this.churn = churn;
        this.customers = customers;
    }

    @GetMapping("/customers/{id}/subscriptions")
    @Operation(summary = "A customer's subscriptions, churn probability and its main factors",
            description = "404 if the customer is not yours to see.")
    CustomerSubscriptions customer(@PathVariable String id) {
        CustomerRecord c = customers.find(id);
        return churn.ofCustomer(c.id(), c.externalId());
    }

    @GetMapping("/subscriptions/churn-model")
    @Operation(summary = "The latest subscription churn model",
            description = "Cross-validated ROC AUC, PR AUC, lift in the top decile, Brier score and reliability curve;"
                    + " coefficients with 95% intervals. 404 before a model was fitted (it is fitted in every"
                    + " scoring run once there are enough subscribers and cancellations).")
    ChurnModelReport model() {
        return churn.latest().orElseThrow(() -> new NotFoundException("no subscription churn model fitted yet"));
    }
}
