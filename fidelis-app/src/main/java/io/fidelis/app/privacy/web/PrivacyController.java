package io.fidelis.app.privacy.web;

import java.io.StringWriter;
import java.util.Map;

import io.fidelis.app.privacy.DataSubjectRequests;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Data subject requests in the API: the export (JSON, or CSV with {@code ?format=csv}) and erasure. */
@RestController
@RequestMapping("/api/v1/customers/{id}")
class PrivacyController {
    private final DataSubjectRequests requests;

    PrivacyController(DataSubjectRequests requests) {
        this.requests = requests;
    }

    @GetMapping("/personal-data")
    ResponseEntity<?> export(@PathVariable String id, @RequestParam(defaultValue = "json") String format) {
        if (format.equals("csv")) {
            StringWriter out = new StringWriter();
            DataSubjectRequests.csv(requests.export(id, "csv"), out);
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"" + PrivacyPages.fileName(id, "csv")
                            + "\"").body(out.toString());
        }
        if (!format.equals("json")) {
            throw new io.fidelis.app.shared.BusinessRuleException("format", "json or csv, not " + format);
        }
        return ResponseEntity.ok(requests.export(id, "json"));
    }

    /** An erasure request: {@code confirm} repeats the customer's id; {@code reason} is kept in the audit trail. */
    record Erasure(String confirm, String reason) {
    }

    @PostMapping("/erasure")
    Map<String, Object> erase(@PathVariable String id, @RequestBody Erasure body) {
        DataSubjectRequests.Erased erased = requests.erase(id, body.confirm(), body.reason());
        return Map.of("customerId", erased.pseudonym(), "rows", erased.rowsBySection());
    }
}
