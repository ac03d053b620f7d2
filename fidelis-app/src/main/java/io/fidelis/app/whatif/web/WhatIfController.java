package io.fidelis.app.whatif.web;

import java.util.Map;

import io.fidelis.app.whatif.SimulatingRetention;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "What-if", description = "Retention economics on the business's own fitted model (issue 10).")
class WhatIfController {
    private final SimulatingRetention simulating;

    WhatIfController(SimulatingRetention simulating) {
        this.simulating = simulating;
    }

    @GetMapping("/whatif")
    @Operation(summary = "A retention what-if against the baseline",
            description = "Lowers the share of today's active customers (in scope) expected to drop out within 12"
                    + " months by `retention` percentage points, by multiplying every customer's dropout"
                    + " probability after a purchase (BG/NBD p) from today on by one factor (`dropoutFactor`);"
                    + " purchase rates and today's P(alive) stay as fitted. Answers the baseline and the scenario"
                    + " over the horizon (expected purchases, margin, discounted margin = CLV, customers active,"
                    + " customer-years), the margin uplift with its 95% band from the parameters' asymptotic"
                    + " normal distribution, the retention spend, net uplift and break-even spend per customer"
                    + " per year, the cost of keeping one customer more against the acquisition cost (the seeds:"
                    + " 1/10 to 1/5), and the top 20% of customers' share of margin against 80%. The same JSON as"
                    + " `fidelis whatif --format json`. 422 before the first scoring run, for a scope without"
                    + " scored customers, or for more points than the scope's annual dropout; 400 for malformed"
                    + " values. Owner (admin), managers and analysts only.")
    Map<String, Object> whatIf(
            @Parameter(description = "Retention improvement in percentage points of the annual dropout (default"
                    + " fidelis.whatif.retention)") @RequestParam(required = false) Double retention,
            @Parameter(description = "Only this customer segment") @RequestParam(required = false) String segment,
            @Parameter(description = "Only this loyalty stage: NEW, SATISFIED, BEHAVIOURAL, EMOTIONAL, SUSTAINABLE")
            @RequestParam(required = false) String stage,
            @Parameter(description = "Months ahead, 1 to 120 (default fidelis.whatif.horizon-months)")
            @RequestParam(required = false) Integer horizonMonths,
            @Parameter(description = "Cost of winning one customer (default fidelis.whatif.acquisition-cost)")
            @RequestParam(required = false) Double acquisitionCost,
            @Parameter(description = "Retention spend per active customer per year (default"
                    + " fidelis.whatif.cost-per-customer-year)") @RequestParam(required = false)
            Double costPerCustomerYear) {
        return simulating.simulate(new SimulatingRetention.Scenario(retention, segment, stage, horizonMonths,
                acquisitionCost, costPerCustomerYear)).asMap();
    }
}
