package io.fidelis.app.loyalty.web;

import io.fidelis.app.loyalty.LoyaltyReadings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Loyalty page: the stage distribution as a funnel, the overlays, the valuable customers at risk, the CLV
 * distribution, and for roles that see every customer the Pareto/Lorenz chart of margin and cohort retention.
 */
@Controller
class LoyaltyPages {
    private final LoyaltyReadings readings;
    private final JsonMapper json;

    LoyaltyPages(LoyaltyReadings readings, JsonMapper json) {
        this.readings = readings;
        this.json = json;
    }

    @GetMapping("/loyalty")
    String overview(Model model) {
        LoyaltyReadings.Overview o = readings.overview(50);
        model.addAttribute("overview", o);
        model.addAttribute("stagesJson", json.writeValueAsString(o.stages()));
        model.addAttribute("clvJson", json.writeValueAsString(o.clv()));
        model.addAttribute("populationJson", o.population());
        model.addAttribute("scored", o.stages().values().stream().mapToLong(Long::longValue).sum() > 0);
        return "loyalty/overview";
    }
}
