package io.fidelis.app.dashboard;

import java.util.List;
import java.util.Set;

import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerSettings;
import io.fidelis.app.purchase.MonthFigures;
import io.fidelis.app.purchase.PurchaseTrends;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.staff.Role;
import io.fidelis.app.web.DashboardAlerts;
import io.fidelis.app.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The overview dashboard: customers, active customers, gained against lost per month (the seeds' "funnel"), and the
 * revenue and margin trend. Agents, whose work is complaints, go to the customer search instead. Later issues add
 * their own cards.
 */
@Controller
class DashboardController {
    static final int MONTHS = 24;
    /** The supply card's window: deliveries promised in the last 30 days. */
    static final int SUPPLY_DAYS = 30;

    private final CustomerManagement customers;
    private final PurchaseTrends trends;
    private final CurrentStaff current;
    private final JsonMapper json;
    private final List<DashboardAlerts> alerts;
    private final io.fidelis.app.supply.SupplyAnalysis supply;
    private final List<io.fidelis.app.web.DashboardCards> cards;

    DashboardController(CustomerManagement customers, PurchaseTrends trends, CurrentStaff current, JsonMapper json,
                        List<DashboardAlerts> alerts, io.fidelis.app.supply.SupplyAnalysis supply,
                        List<io.fidelis.app.web.DashboardCards> cards) {
        this.alerts = alerts;
        this.supply = supply;
        this.cards = cards;
        this.customers = customers;
        this.trends = trends;
        this.current = current;
        this.json = json;
    }

    @Bean
    static NavigationItem overviewNavigation() {
        return new NavigationItem(0, "nav.overview", "/", Set.of("ADMIN", "MANAGER", "ACCOUNT_MANAGER", "ANALYST"));
    }

    /** The chart data, as the page's script reads it from a data attribute. */
    record Series(List<String> months, List<Long> gained, List<Long> lost, List<Object> revenue, List<Object> margin) {
        static Series of(List<MonthFigures> months) {
            return new Series(months.stream().map(m -> m.month().toString()).toList(),
                    months.stream().map(MonthFigures::gained).toList(),
                    months.stream().map(m -> -m.lost()).toList(),
                    months.stream().map(m -> (Object) m.revenue()).toList(),
                    months.stream().map(m -> (Object) m.margin()).toList());
        }
    }

    @GetMapping("/")
    String overview(Model model, java.util.Locale locale) {
        if (current.get().map(s -> s.role() == Role.AGENT).orElse(false)) {
            return "redirect:/customers";
        }
        CustomerSettings settings = customers.settings();
        PurchaseTrends.Overview o = trends.overview(MONTHS, settings.activeDays(), settings.lostDays());
        MonthFigures thisMonth = o.months().get(o.months().size() - 1);
        model.addAttribute("customers", customers.count());
        model.addAttribute("buyers", o.buyers());
        model.addAttribute("active", o.active());
        model.addAttribute("settings", settings);
        model.addAttribute("thisMonth", thisMonth);
        model.addAttribute("months", o.months());
        model.addAttribute("alerts", alerts.stream().flatMap(a -> a.current(locale).stream()).toList());
        model.addAttribute("cards", cards.stream().flatMap(c -> c.current().stream()).toList());
        model.addAttribute("series", json.writeValueAsString(Series.of(o.months())));
        model.addAttribute("supply", supply.recent(SUPPLY_DAYS));
        model.addAttribute("supplyDays", SUPPLY_DAYS);
        return "dashboard/overview";
    }
}
