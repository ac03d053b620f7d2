package io.fidelis.app.visit.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import io.fidelis.app.complaint.HandlingComplaints;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.visit.ContactKind;
import io.fidelis.app.visit.LoggingContacts;
import io.fidelis.app.visit.MyDay;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "My day" (tasks and coverage), logging a contact from the Customer 360, and marking a follow-up done. */
@Controller
class MyDayPages {
    private final MyDay day;
    private final LoggingContacts contacts;
    private final HandlingComplaints complaints;

    MyDayPages(MyDay day, LoggingContacts contacts, HandlingComplaints complaints) {
        this.day = day;
        this.contacts = contacts;
        this.complaints = complaints;
    }

    @GetMapping("/my-day")
    String myDay(Model model) {
        model.addAttribute("day", day.today());
        return "visit/my-day";
    }

    @PostMapping("/tasks/{id}/done")
    String done(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) String outcome,
                RedirectAttributes redirect) {
        try {
            contacts.complete(id, version, outcome);
            redirect.addFlashAttribute("message", "task.done");
        } catch (BusinessRuleException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/my-day";
    }

    @PostMapping("/customers/{id}/contacts")
    String log(@PathVariable String id, @RequestParam String kind,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime at,
               @RequestParam(required = false) String notes, @RequestParam(required = false) String needs,
               @RequestParam(required = false) String opinions,
               @RequestParam(defaultValue = "false") boolean raiseComplaint,
               @RequestParam(required = false) String complaintCategory,
               @RequestParam(required = false) String followUp,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate followUpDue,
               RedirectAttributes redirect) {
        try {
            Instant when = at == null ? null : at.toInstant(ZoneOffset.UTC);
            LoggingContacts.Logged logged = contacts.log(id, new LoggingContacts.LogContact(ContactKind.valueOf(kind),
                    when, notes, needs, opinions, raiseComplaint, complaintCategory, followUp, followUpDue));
            redirect.addFlashAttribute("message", logged.complaintReference() == null ? "contact.logged"
                    : "contact.loggedWithComplaint");
            if (logged.complaintReference() != null) {
                redirect.addFlashAttribute("complaintReference", logged.complaintReference());
            }
        } catch (BusinessRuleException | IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/customers/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                + "#contacts-panel";
    }
}
