package io.fidelis.app.complaint.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fidelis.app.complaint.Complaint;
import io.fidelis.app.complaint.ComplaintAnalytics;
import io.fidelis.app.complaint.HandlingComplaints;
import io.fidelis.app.complaint.ManagingComplaintCategories;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The complaint database (search by words, category, product, customer and period; CSV) and the analytics, for a
 * period, a product and a region: Pareto of categories, root causes, products and regions, the daily volume per
 * category with its alarm band, repurchase after a complaint against customers who never complained, who handled
 * what, and the rotation plan.
 */
@Controller
class ComplaintAnalysisPages {
    private final HandlingComplaints complaints;
    private final ComplaintAnalytics analytics;
    private final JsonMapper json;
    private final ManagingComplaintCategories categoryNames;

    ComplaintAnalysisPages(HandlingComplaints complaints, ComplaintAnalytics analytics, JsonMapper json,
                           ManagingComplaintCategories categoryNames) {
        this.categoryNames = categoryNames;
        this.complaints = complaints;
        this.analytics = analytics;
        this.json = json;
    }

    private static HandlingComplaints.Search search(String q, String category, String sku, String customer,
                                                    LocalDate from, LocalDate to) {
        return new HandlingComplaints.Search(q, category, sku, customer, from, to);
    }

    @GetMapping("/complaints/database")
    String database(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
                    @RequestParam(required = false) String sku, @RequestParam(required = false) String customer,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                    Model model, java.util.Locale locale) {
        model.addAttribute("names", categoryNames.names(locale));
        model.addAttribute("found", complaints.search(search(q, category, sku, customer, from, to), 500));
        model.addAttribute("categories", complaints.categories());
        model.addAttribute("q", q);
        model.addAttribute("category", category);
        model.addAttribute("sku", sku);
        model.addAttribute("customer", customer);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "complaint/database";
    }

    @GetMapping("/complaints.csv")
    void csv(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
             @RequestParam(required = false) String sku, @RequestParam(required = false) String customer,
             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
             HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"complaints.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        out.write("reference,received_at,customer_id,order_id,category,severity,status,channel,department,assignee,"
                + "subject,description,root_cause,resolution,acknowledged_at,resolved_at,closed_at\r\n");
        for (HandlingComplaints.Details d : complaints.search(search(q, category, sku, customer, from, to),
                1_000_000)) {
            Complaint c = d.complaint();
            List<String> row = List.of(c.reference(), c.receivedAt().toString(), d.customer() == null ? ""
                    : d.customer().externalId(), nz(c.orderId()), c.category(), c.severity().name(), c.status().name(),
                    c.channel(), nz(c.department()), nz(d.assignee()), c.subject(), c.description(), nz(c.rootCause()),
                    nz(c.resolution()), time(c.acknowledgedAt()), time(c.resolvedAt()), time(c.closedAt()));
            List<String> cells = new ArrayList<>();
            row.forEach(v -> cells.add(cell(v)));
            out.write(String.join(",", cells));
            out.write("\r\n");
        }
        out.flush();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String time(java.time.Instant t) {
        return t == null ? "" : t.toString();
    }

    /** RFC 4180 quoting, with a leading =, +, - or @ defused so a spreadsheet does not run it as a formula. */
    static String cell(String s) {
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    @GetMapping("/complaints/analytics")
    String analytics(@RequestParam(defaultValue = "90") int days,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                     @RequestParam(required = false) String sku, @RequestParam(required = false) String region,
                     Model model, java.util.Locale locale) {
        ComplaintAnalytics.Filter filter = new ComplaintAnalytics.Filter(days, from, to, sku, region);
        ComplaintAnalytics.Overview o = analytics.overview(filter);
        Map<String, String> names = categoryNames.names(locale);
        model.addAttribute("o", o);
        model.addAttribute("f", filter);
        model.addAttribute("days", filter.days());
        model.addAttribute("names", names);
        model.addAttribute("alarmsJson", json.writeValueAsString(Map.of("first", o.firstDay().toString(), "series",
                o.categoryAlarms().stream().map(a -> Map.of("category", names.getOrDefault(a.category(),
                        a.category()), "counts", a.counts(), "band", a.band())).toList())));
        return "complaint/analytics";
    }
}
