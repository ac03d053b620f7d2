package io.fidelis.app.survey.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.app.survey.SatisfactionOverview;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The owner's satisfaction page: NPS and CSAT trends with their intervals, the ECSI path diagram with its
 * coefficients, the importance-performance map (what to improve first), the employee pulse by team beside their
 * customers' satisfaction, and the mystery-shopper benchmark.
 */
@Controller
class SatisfactionPages {
    private final SatisfactionOverview overview;
    private final JsonMapper json;

    SatisfactionPages(SatisfactionOverview overview, JsonMapper json) {
        this.overview = overview;
        this.json = json;
    }

    @GetMapping("/satisfaction")
    String page(Model model) {
        SatisfactionOverview.Overview o = overview.overview();
        model.addAttribute("overview", o);
        model.addAttribute("minEcsi", SatisfactionOverview.MIN_ECSI_RESPONSES);
        model.addAttribute("trendsJson", json.writeValueAsString(Map.of("nps", points(o.nps()), "csat",
                points(o.csat()))));
        if (o.index() != null) {
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("paths", o.index().paths());
            index.put("r2", o.index().rSquared());
            index.put("index", o.index().index());
            List<Map<String, Object>> ipma = new ArrayList<>();
            o.index().ipma().constructs().forEach(c -> ipma.add(Map.of("construct", c.construct(), "importance",
                    c.importance(), "performance", c.performance())));
            index.put("ipma", ipma);
            model.addAttribute("indexJson", json.writeValueAsString(index));
        }
        return "survey/satisfaction";
    }

    private static List<Object[]> points(List<SatisfactionOverview.Point> points) {
        List<Object[]> out = new ArrayList<>();
        for (SatisfactionOverview.Point p : points) {
            out.add(new Object[] {p.month().toString(), round(p.value()), round(p.lower()), round(p.upper()), p.n()});
        }
        return out;
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10) / 10.0;
    }
}
