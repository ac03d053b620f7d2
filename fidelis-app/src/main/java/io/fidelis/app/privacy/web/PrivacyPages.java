package io.fidelis.app.privacy.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import io.fidelis.app.privacy.DataSubjectRequests;
import io.fidelis.app.shared.BusinessRuleException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** Data subject requests from the Customer 360: download everything held (JSON or CSV), and erase. */
@Controller
class PrivacyPages {
    private final DataSubjectRequests requests;
    private final JsonMapper json;

    PrivacyPages(DataSubjectRequests requests, JsonMapper json) {
        this.requests = requests;
        this.json = json;
    }

    static String fileName(String id, String extension) {
        return "personal-data-" + id.replaceAll("[^A-Za-z0-9_-]", "_") + "." + extension;
    }

    @GetMapping("/customers/{id}/personal-data.json")
    void json(@PathVariable String id, HttpServletResponse response) throws IOException {
        DataSubjectRequests.Export export = requests.export(id, "json");
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(id, "json") + "\"");
        response.setHeader("Cache-Control", "no-store");
        json.writerWithDefaultPrettyPrinter().writeValue(response.getOutputStream(), export);
    }

    @GetMapping("/customers/{id}/personal-data.csv")
    void csv(@PathVariable String id, HttpServletResponse response) throws IOException {
        DataSubjectRequests.Export export = requests.export(id, "csv");
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(id, "csv") + "\"");
        response.setHeader("Cache-Control", "no-store");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF'); // so that spreadsheet programs read UTF-8
        DataSubjectRequests.csv(export, out);
    }

    @PostMapping("/customers/{id}/erase")
    String erase(@PathVariable String id, @RequestParam(required = false) String confirm,
                 @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            DataSubjectRequests.Erased erased = requests.erase(id, confirm, reason);
            redirect.addFlashAttribute("message", "privacy.erased");
            return "redirect:/customers/" + erased.pseudonym();
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/customers/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8) + "#privacy-panel";
        }
    }
}
