package io.fidelis.app.whatif.web;

import java.util.Map;

import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.InvalidInputException;
import io.fidelis.app.whatif.SimulatingRetention;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The What-if page: sliders for the retention improvement and the horizon, the two costs, a segment or stage; htmx
 * asks for the results again as they move and {@code whatif.js} redraws the chart from the new data attribute.
 */
@Controller
class WhatIfPages {
    private final SimulatingRetention simulating;
    private final JsonMapper json;

    WhatIfPages(SimulatingRetention simulating, JsonMapper json) {
        this.simulating = simulating;
        this.json = json;
    }

    @GetMapping("/whatif")
    String whatIf(WhatIfForm form, Model model, HttpServletResponse response,
                  @RequestHeader(name = "HX-Request", required = false) String htmx,
                  @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore) {
        SimulatingRetention.Choices choices = simulating.choices();
        model.addAttribute("choices", choices);
        try {
            SimulatingRetention.Report report = simulating.simulate(form.scenario());
            Map<String, Object> data = report.asMap();
            model.addAttribute("report", report);
            model.addAttribute("form", WhatIfForm.of(report));
            model.addAttribute("path", json.writeValueAsString(data.get("path")));
        } catch (BusinessRuleException | InvalidInputException e) {
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("form", form.withDefaults(choices.settings()));
        }
        response.setHeader("Vary", "HX-Request");
        return htmx != null && restore == null ? "whatif/page :: results" : "whatif/page";
    }
}
