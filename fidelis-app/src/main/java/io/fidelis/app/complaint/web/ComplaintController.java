package io.fidelis.app.complaint.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fidelis.app.complaint.Complaint;
import io.fidelis.app.complaint.HandlingComplaints;
import io.fidelis.app.complaint.Severity;
import io.fidelis.app.shared.BusinessRuleException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Complaints over the API: file one for a customer, read one with its history (internal notes included), and take
 * a step on it (acknowledge, investigate, propose a resolution, close, note...), as service staff do on its page.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Complaints", description = "The complaint database: file a complaint for a customer and follow it.")
class ComplaintController {
    private final HandlingComplaints complaints;

    ComplaintController(HandlingComplaints complaints) {
        this.complaints = complaints;
    }

    /** A complaint to file. */
    record ComplaintForm(@NotBlank String customerId, String orderId, @NotBlank String category, Severity severity,
                         @NotBlank @Size(max = 200) String subject, @NotBlank @Size(max = 8000) String description,
                         List<String> skus, String language) {
    }

    @PostMapping("/complaints")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "File a complaint", description = "For a customer you may see (an account manager: their"
            + " own). Answers the reference and the customer's tracking link token (shown once).")
    Map<String, Object> file(@Valid @RequestBody ComplaintForm form) {
        HandlingComplaints.Filed filed = complaints.fileForCustomer(form.customerId(), new HandlingComplaints
                .FileComplaint(form.orderId(), form.category(), form.severity() == null ? Severity.MEDIUM
                : form.severity(), form.subject(), form.description(), form.skus(), form.language()), "API");
        return Map.of("reference", filed.reference(), "trackingToken", filed.trackingToken());
    }

    /**
     * A step to take: the complaint's {@code version} as last read (a step on a complaint changed since is refused
     * with 409), the action, and its text (the resolution proposed, a reason, a note or a message to the customer).
     */
    record StepForm(@NotNull Long version, @NotBlank String action, @Size(max = 8000) String text,
                    @Size(max = 200) String rootCause) {
    }

    @PostMapping("/complaints/{reference}/steps")
    @Operation(summary = "Take a step on a complaint", description = "Actions: acknowledge, investigate, propose"
            + " (text: the resolution, with rootCause), accept_for_customer, reopen (text: why), close, withdraw,"
            + " wait, note (internal), message (to the customer, by email). 409 if the complaint changed since"
            + " version; 422 if the step is not allowed in its status. Answers the complaint as it is now.")
    Map<String, Object> step(@PathVariable String reference, @Valid @RequestBody StepForm form) {
        HandlingComplaints.Action action;
        try {
            action = HandlingComplaints.Action.valueOf(form.action().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BusinessRuleException("action", "no step '" + form.action() + "'; one of "
                    + java.util.Arrays.toString(HandlingComplaints.Action.values()).toLowerCase(java.util.Locale.ROOT));
        }
        complaints.act(reference, form.version(), action, form.text(), form.rootCause());
        return get(reference);
    }

    @GetMapping("/complaints/{reference}")
    @Operation(summary = "A complaint", description = "With its history. 404 if not yours to see.")
    Map<String, Object> get(@PathVariable String reference) {
        HandlingComplaints.Details d = complaints.details(reference);
        Complaint c = d.complaint();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reference", c.reference());
        out.put("customerId", d.customer() == null ? null : d.customer().externalId());
        out.put("orderId", c.orderId());
        out.put("category", c.category());
        out.put("severity", c.severity());
        out.put("status", c.status());
        out.put("channel", c.channel());
        out.put("subject", c.subject());
        out.put("description", c.description());
        out.put("rootCause", c.rootCause());
        out.put("resolution", c.resolution());
        out.put("department", c.department());
        out.put("assignee", d.assignee());
        out.put("receivedAt", c.receivedAt());
        out.put("acknowledgedAt", c.acknowledgedAt());
        out.put("resolvedAt", c.resolvedAt());
        out.put("closedAt", c.closedAt());
        out.put("products", d.products());
        out.put("version", c.version());
        out.put("history", d.history().stream().map(h -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("at", h.at());
            e.put("actor", h.actor());
            e.put("kind", h.kind());
            e.put("from", h.from());
            e.put("to", h.to());
            e.put("text", h.text());
            e.put("internal", h.internal());
            return e;
        }).toList());
        return out;
    }
}
