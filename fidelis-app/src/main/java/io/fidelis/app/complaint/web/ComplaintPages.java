package io.fidelis.app.complaint.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.fidelis.app.complaint.HandlingComplaints;
import io.fidelis.app.complaint.ManagingComplaintCategories;
import io.fidelis.app.complaint.ResolutionFeedback;
import io.fidelis.app.complaint.Severity;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff's complaint pages: the board (a column per state, filters, "my queue"), a complaint's page (its
 * history, notes and messages, the steps it can take, classification and assignment), and filing a complaint for a
 * customer (calls and visits, from the Customer 360). A refused step comes back as a message.
 */
@Controller
class ComplaintPages {
    private final HandlingComplaints complaints;
    private final StaffDirectory staff;
    private final ManagingComplaintCategories categoryNames;
    private final List<ResolutionFeedback> feedback;
    private final io.fidelis.app.delivery.Deliveries deliveries;

    ComplaintPages(HandlingComplaints complaints, StaffDirectory staff, ManagingComplaintCategories categoryNames,
                   List<ResolutionFeedback> feedback,
                   io.fidelis.app.delivery.Deliveries deliveries) {
        this.feedback = feedback;
        this.deliveries = deliveries;
        this.categoryNames = categoryNames;
        this.complaints = complaints;
        this.staff = staff;
    }

    @GetMapping("/complaints")
    String board(@RequestParam(required = false) String category, @RequestParam(required = false) String severity,
                 @RequestParam(defaultValue = "false") boolean mine, Model model) {
        model.addAttribute("board", complaints.board(new HandlingComplaints.BoardFilter(category, severity, mine)));
        model.addAttribute("categories", complaints.categories());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("category", category);
        model.addAttribute("severity", severity);
        model.addAttribute("mine", mine);
        return "complaint/board";
    }

    @GetMapping("/complaints/new")
    String newComplaint(@RequestParam String customer, Model model) {
        model.addAttribute("customer", customer);
        model.addAttribute("categories", complaints.categories());
        model.addAttribute("severities", Severity.values());
        return "complaint/new";
    }

    @PostMapping("/complaints")
    String file(@RequestParam String customer, @RequestParam(required = false) String orderId,
                @RequestParam String category, @RequestParam(defaultValue = "MEDIUM") String severity,
                @RequestParam String subject, @RequestParam String description,
                @RequestParam(required = false) String skus, RedirectAttributes redirect) {
        try {
            HandlingComplaints.Filed filed = complaints.fileForCustomer(customer, new HandlingComplaints
                    .FileComplaint(orderId, category, severity(severity), subject, description,
                    skus == null ? List.of() : Arrays.asList(skus.split("[,\\s]+")), "en"), "STAFF");
            redirect.addFlashAttribute("message", "complaint.filed");
            if (!complaints.mailConfigured()) {
                // No mail server: the customer's tracking link, once, to pass on.
                redirect.addFlashAttribute("trackingLink", complaints.trackingLink(filed.trackingToken()));
            }
            return "redirect:/complaints/" + filed.reference();
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/complaints/new?customer=" + java.net.URLEncoder.encode(customer,
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @GetMapping("/complaints/{reference}")
    String show(@PathVariable String reference, Model model, Locale locale) {
        model.addAttribute("d", complaints.details(reference));
        model.addAttribute("names", categoryNames.names(locale));
        model.addAttribute("feedback", feedback.stream().flatMap(f -> f.of(reference).stream()).findFirst()
                .orElse(null));
        model.addAttribute("categories", complaints.categories());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("staff", staff.list().stream().map(StaffMember::username).toList());
        model.addAttribute("recoveryKinds", HandlingComplaints.RECOVERY_KINDS);
        model.addAttribute("attachments", complaints.attachments(reference));
        // A delivery complaint about an order links to that order's delivery: its likely root cause.
        var c = ((HandlingComplaints.Details) model.getAttribute("d")).complaint();
        model.addAttribute("delivery", "DELIVERY".equals(c.category()) && c.orderId() != null
                ? deliveries.ofOrderForSystem(c.orderId()).orElse(null) : null);
        return "complaint/show";
    }

    @PostMapping("/complaints/{reference}/act")
    String act(@PathVariable String reference, @RequestParam long version, @RequestParam String action,
               @RequestParam(required = false) String text, @RequestParam(required = false) String rootCause,
               RedirectAttributes redirect) {
        return step(reference, redirect, () -> {
            HandlingComplaints.Action a;
            try {
                a = HandlingComplaints.Action.valueOf(action.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BusinessRuleException("action", "no step '" + action + "'");
            }
            complaints.act(reference, version, a, text, rootCause);
        });
    }

    @PostMapping("/complaints/{reference}/classify")
    String classify(@PathVariable String reference, @RequestParam long version, @RequestParam String category,
                    @RequestParam String severity, RedirectAttributes redirect) {
        return step(reference, redirect, () -> complaints.reclassify(reference, version, category,
                severity(severity)));
    }

    @PostMapping("/complaints/{reference}/recovery")
    String recover(@PathVariable String reference, @RequestParam String kind,
                   @RequestParam(defaultValue = "0") String cost, @RequestParam(required = false) String note,
                   RedirectAttributes redirect) {
        return step(reference, redirect, () -> {
            java.math.BigDecimal amount;
            try {
                amount = new java.math.BigDecimal(cost.strip());
            } catch (NumberFormatException e) {
                throw new BusinessRuleException("cost", "not an amount: '" + cost + "'");
            }
            complaints.recover(reference, kind, amount, note);
        });
    }

    @PostMapping("/complaints/{reference}/attachments")
    String attach(@PathVariable String reference, jakarta.servlet.http.HttpServletRequest request,
                  RedirectAttributes redirect) {
        org.springframework.web.multipart.MultipartFile file = request instanceof
                org.springframework.web.multipart.MultipartHttpServletRequest m ? m.getFile("file") : null;
        return step(reference, redirect, () -> {
            if (file == null || file.isEmpty()) {
                throw new BusinessRuleException("file", "choose a file to attach");
            }
            try (java.io.InputStream in = file.getInputStream()) {
                complaints.attach(reference, new HandlingComplaints.Upload(file.getOriginalFilename(), in));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @GetMapping("/complaints/{reference}/attachments/{id}")
    org.springframework.http.ResponseEntity<org.springframework.core.io.Resource> download(
            @PathVariable String reference, @PathVariable long id) {
        HandlingComplaints.AttachedFile a = complaints.attachments(reference).stream().filter(x -> x.id() == id)
                .findFirst().orElseThrow(() -> new io.fidelis.app.shared.NotFoundException("no such attachment"));
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(a.contentType()))
                .header("Content-Disposition", "attachment; filename=\"" + a.name() + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .body(new org.springframework.core.io.FileSystemResource(a.file()));
    }

    @PostMapping("/complaints/{reference}/assign")
    String assign(@PathVariable String reference, @RequestParam long version,
                  @RequestParam(required = false) String assignee, RedirectAttributes redirect) {
        return step(reference, redirect, () -> complaints.assign(reference, version, assignee));
    }

    private static Severity severity(String s) {
        try {
            return Severity.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BusinessRuleException("severity", "no severity '" + s + "' (low, medium, high, critical)");
        }
    }

    private static String step(String reference, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", "complaint.saved");
        } catch (BusinessRuleException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/complaints/" + reference;
    }
}
