package io.fidelis.app.supply.web;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.fidelis.app.supply.SupplyAnalysis;
import io.fidelis.core.supply.DeliveryEffects;
import io.fidelis.core.supply.Otif;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/** The Supply panel: OTIF by warehouse and month (chart and table), regions, stock-outs, and the effects in words. */
@Controller
class SupplyPages {
    private final SupplyAnalysis analysis;
    private final JsonMapper json;

    SupplyPages(SupplyAnalysis analysis, JsonMapper json) {
        this.analysis = analysis;
        this.json = json;
    }

    /** One sentence about an effect: its message key and arguments, already formatted. */
    record Sentence(String key, List<Object> args, boolean significant) {
    }

    /** The chart: months, and per warehouse its OTIF in percent per month (null where it had no delivery). */
    record Chart(List<String> months, Map<String, List<Double>> otif) {
    }

    @GetMapping("/supply")
    String supply(Model model, Locale locale) {
        SupplyAnalysis.Report r = analysis.report();
        TreeSet<YearMonth> months = new TreeSet<>();
        r.byWarehouseMonth().values().forEach(m -> months.addAll(m.keySet()));
        List<YearMonth> recent = new ArrayList<>(months).subList(Math.max(0, months.size() - 13), months.size());
        Map<String, List<Double>> series = new LinkedHashMap<>();
        r.byWarehouseMonth().forEach((w, m) -> series.put(w, recent.stream().map(ym -> {
            Otif.Rate rate = m.get(ym);
            return rate == null ? null : Math.round(rate.otifRate() * 1000) / 10.0;
        }).toList()));
        model.addAttribute("report", r);
        model.addAttribute("months", recent);
        model.addAttribute("chart", json.writeValueAsString(new Chart(recent.stream().map(YearMonth::toString)
                .toList(), series)));
        List<Sentence> sentences = new ArrayList<>();
        DeliveryEffects.Result e = r.effects();
        add(sentences, "supply.effect.survey.late", e.survey(), e.survey() == null ? null : e.survey().late(),
                locale, false);
        add(sentences, "supply.effect.survey.short", e.survey(), e.survey() == null ? null
                : e.survey().shortDelivery(), locale, false);
        add(sentences, "supply.effect.nps.late", e.nps(), e.nps() == null ? null : e.nps().late(), locale, false);
        if (e.nps() != null) {
            add(sentences, "supply.effect.nps.short", e.nps(), e.nps().shortDelivery(), locale, false);
        }
        add(sentences, "supply.effect.complaint.late", e.complaint(), e.complaint() == null ? null
                : e.complaint().late(), locale, true);
        add(sentences, "supply.effect.complaint.short", e.complaint(), e.complaint() == null ? null
                : e.complaint().shortDelivery(), locale, true);
        add(sentences, "supply.effect.next.late", e.nextPurchase(), e.nextPurchase() == null ? null
                : e.nextPurchase().late(), locale, true);
        add(sentences, "supply.effect.next.short", e.nextPurchase(), e.nextPurchase() == null ? null
                : e.nextPurchase().shortDelivery(), locale, true);
        model.addAttribute("sentences", sentences);
        return "supply/dashboard";
    }

    private static void add(List<Sentence> out, String key, DeliveryEffects.Model m, DeliveryEffects.Effect e,
                            Locale locale, boolean exponentiate) {
        if (m == null || e == null) {
            out.add(new Sentence(key.substring(0, key.lastIndexOf('.')) + ".none", List.of(), false));
            return;
        }
        double est = exponentiate ? Math.exp(e.estimate()) : e.estimate();
        double lo = exponentiate ? Math.exp(e.lower()) : e.lower();
        double hi = exponentiate ? Math.exp(e.upper()) : e.upper();
        out.add(new Sentence(key, List.of(String.format(locale, "%.2f", est), String.format(locale, "%.2f", lo),
                String.format(locale, "%.2f", hi), m.rows(), key.endsWith(".late") ? m.lateRows() : m.shortRows()),
                e.significant()));
    }
}
