package io.fidelis.app.audit.web;

import java.time.LocalDate;
import java.util.List;

import io.fidelis.app.audit.AuditEntry;
import io.fidelis.app.audit.AuditQuery;
import io.fidelis.app.audit.AuditTrail;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log, searchable by administrators: who changed what and when, with old and new values. */
@Controller
class AuditPages {
    static final int PAGE = 50;
    private final AuditTrail audit;

    AuditPages(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/settings/audit")
    String search(@RequestParam(required = false) String actor, @RequestParam(required = false) String entityType,
                  @RequestParam(required = false) String entityId,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @RequestParam(required = false) Long before, Model model) {
        List<AuditEntry> entries = audit.search(new AuditQuery(actor, entityType, entityId, from, to, before, PAGE + 1));
        boolean more = entries.size() > PAGE;
        List<AuditEntry> shown = more ? entries.subList(0, PAGE) : entries;
        model.addAttribute("entries", shown);
        model.addAttribute("next", more ? shown.get(PAGE - 1).id() : null);
        model.addAttribute("entityTypes", audit.entityTypes());
        model.addAttribute("q", new AuditQuery(actor, entityType, entityId, from, to, before, PAGE));
        return "settings/audit";
    }
}
