package io.fidelis.app.subscription.web;

import io.fidelis.app.subscription.ChurnModelReport;
import io.fidelis.app.subscription.PredictingSubscriptionChurn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/** The subscription churn model: its cross-validated evaluation, reliability curve and coefficients. */
@Controller
class SubscriptionPages {
    private final PredictingSubscriptionChurn churn;
    private final JsonMapper json;

    SubscriptionPages(PredictingSubscriptionChurn churn, JsonMapper json) {
        this.churn = churn;
        this.json = json;
    }

    @GetMapping("/subscriptions/churn")
    String churn(Model model) {
        ChurnModelReport report = churn.latest().orElse(null);
        model.addAttribute("report", report);
        model.addAttribute("calibration", report == null ? "[]"
                : json.writeValueAsString(report.evaluation().get("calibration")));
        return "subscription/churn";
    }
}
