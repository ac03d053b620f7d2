package io.fidelis.app.loyalty.web;

import io.fidelis.app.loyalty.LoyaltyReadings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Loyalty", description = "Loyalty stages, churn and lifetime value, from the latest scoring run.")
class LoyaltyController {
    private final LoyaltyReadings readings;
    private final JsonMapper json;

    LoyaltyController(LoyaltyReadings readings, JsonMapper json) {
        this.readings = readings;
        this.json = json;
    }

    @GetMapping("/customers/{id}/loyalty")
    @Operation(summary = "A customer's loyalty profile", description = "Stage with evidence, overlay, index, P(alive),"
            + " expected purchases, expected spend, CLV, RFM, and the stage changes. 404 if not yours to see.")
    Object customer(@PathVariable String id) {
        LoyaltyReadings.CustomerLoyalty l = readings.of(id);
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("customerId", l.customer().externalId());
        l.profile().ifPresent(p -> {
            out.put("scoredAt", p.scoredAt().toString());
            out.put("stage", p.stage());
            out.put("overlay", p.overlay());
            out.put("loyaltyIndex", p.index());
            out.put("pAlive", p.pAlive());
            out.put("expectedPurchases", p.expectedPurchases());
            out.put("expectedSpend", p.expectedSpend());
            out.put("clv", p.clv());
            out.put("rfm", p.rfm());
            out.put("rfmSegment", p.rfmSegment());
            out.put("categories", p.categories());
            out.put("crossCategoryShare", p.crossCategoryShare());
            out.put("topBrandShare", p.topBrandShare());
            out.put("summary", java.util.Map.of("occasions", p.occasions(), "tx", p.txWeeks(), "T", p.tWeeks(),
                    "monetary", p.monetary(), "period", "week"));
            out.put("evidence", io.fidelis.app.loyalty.LoyaltyEvidence.english(p.evidence()));
        });
        out.put("scored", l.profile().isPresent());
        out.put("changes", l.changes());
        return out;
    }

    @GetMapping("/loyalty")
    @Operation(summary = "Loyalty overview", description = "Customers per stage and overlay, the valuable customers at"
            + " risk (by the CLV they would bring if active × (1 − P(alive))), the CLV distribution, and for roles that see every customer the Pareto"
            + " of margin and cohort retention. An account manager sees their own customers.")
    Object overview(@RequestParam(defaultValue = "50") int atRisk) {
        LoyaltyReadings.Overview o = readings.overview(Math.max(1, Math.min(atRisk, 500)));
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("stages", o.stages());
        out.put("overlays", o.overlays());
        out.put("atRisk", o.atRisk());
        out.put("clv", o.clv());
        if (o.population() != null) {
            out.put("population", json.readTree(o.population()));
        }
        return out;
    }
}
