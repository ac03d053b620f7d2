package io.fidelis.app.complaint.web;

import java.util.List;
import java.util.Locale;

import io.fidelis.app.complaint.HandlingComplaints;
import io.fidelis.app.security.PublicFormThrottle;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.web.PageLocale;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The customer's complaint pages, no login: the form (linked from receipts; the order and the e-mail address or phone
 * number it was bought with identify the customer), and the tracking page its link leads to, where the customer
 * follows the complaint, writes, accepts or rejects a proposed resolution, or withdraws it. CSRF-protected and
 * rate-limited per address like every public form.
 */
@Controller
class PublicComplaintPages {
    private final HandlingComplaints complaints;
    private final PublicFormThrottle throttle;

    PublicComplaintPages(HandlingComplaints complaints, PublicFormThrottle throttle) {
        this.complaints = complaints;
        this.throttle = throttle;
    }

    private static String language(String lang, HttpServletRequest request) {
        String tag = lang != null ? lang : RequestContextUtils.getLocale(request).toLanguageTag();
        return tag.toLowerCase(Locale.ROOT).startsWith("zh") ? "zh-CN" : "en";
    }

    private static void page(String language, HttpServletRequest request, Model model) {
        PageLocale.set(request, Locale.forLanguageTag(language));
        model.addAttribute("language", language);
        model.addAttribute("otherLanguage", language.equals("zh-CN") ? "en" : "zh-CN");
    }

    @GetMapping("/complain")
    String form(@RequestParam(required = false) String lang, Model model, HttpServletRequest request) {
        page(language(lang, request), request, model);
        model.addAttribute("categories", complaints.categories());
        return "complaint/public-form";
    }

    @PostMapping("/complain")
    String file(@RequestParam(required = false) String lang, @RequestParam(required = false) String orderId,
                @RequestParam(required = false) String contact, @RequestParam(required = false) String category,
                @RequestParam(required = false) String subject, @RequestParam(required = false) String description,
                @RequestParam(required = false) org.springframework.web.multipart.MultipartFile attachment,
                Model model, HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
        String language = language(lang, request);
        if (!throttle.allow(request.getRemoteAddr())) {
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            model.addAttribute("error", "public.throttled");
        } else {
            try {
                HandlingComplaints.Upload upload = attachment == null || attachment.isEmpty() ? null
                        : new HandlingComplaints.Upload(attachment.getOriginalFilename(), attachment.getInputStream());
                HandlingComplaints.Filed filed = complaints.fileFromForm(orderId, contact, new HandlingComplaints
                        .FileComplaint(orderId, category == null ? "OTHER" : category, null, subject, description,
                        List.of(), language), upload);
                return "redirect:/complain/track/" + filed.trackingToken() + "?new&lang=" + language;
            } catch (BusinessRuleException e) {
                response.setStatus(422);
                model.addAttribute("error", switch (e.field() == null ? "" : e.field()) {
                    case "order" -> "complain.noMatch";
                    case "attachment" -> "complain.badAttachment";
                    case "subject" -> "complain.subjectNeeded";
                    case "description" -> "complain.descriptionNeeded";
                    default -> "complain.categoryNeeded";
                });
            }
        }
        page(language, request, model);
        model.addAttribute("categories", complaints.categories());
        model.addAttribute("orderId", orderId);
        model.addAttribute("contact", contact);
        model.addAttribute("category", category);
        model.addAttribute("subject", subject);
        model.addAttribute("description", description);
        return "complaint/public-form";
    }

    @GetMapping("/complain/track/{token}")
    String track(@PathVariable String token, @RequestParam(required = false) String lang, Model model,
                 HttpServletRequest request, HttpServletResponse response) {
        var tracking = complaints.track(token);
        String language = lang != null ? language(lang, request)
                : tracking.map(t -> t.complaint().language()).orElse(language(null, request));
        page(language, request, model);
        if (tracking.isEmpty()) {
            response.setStatus(404);
            return "complaint/public-track";
        }
        model.addAttribute("t", tracking.get());
        model.addAttribute("token", token);
        model.addAttribute("categories", complaints.categories());
        return "complaint/public-track";
    }

    @PostMapping("/complain/track/{token}")
    String act(@PathVariable String token, @RequestParam String action, @RequestParam(required = false) String text,
               @RequestParam(required = false) String lang, Model model, HttpServletRequest request,
               HttpServletResponse response) {
        if (!throttle.allow(request.getRemoteAddr())) {
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            model.addAttribute("error", "public.throttled");
            return track(token, lang, model, request, response);
        }
        try {
            complaints.customerActs(token, HandlingComplaints.CustomerAction.valueOf(action.toUpperCase(Locale.ROOT)),
                    text);
            return "redirect:/complain/track/" + token + (lang == null ? "" : "?lang=" + language(lang, request));
        } catch (IllegalArgumentException e) {
            response.setStatus(400);
            model.addAttribute("error", "complain.refused");
        } catch (BusinessRuleException e) {
            response.setStatus(409);
            model.addAttribute("error", "complain.refused");
        } catch (NotFoundException e) {
            response.setStatus(404);
        }
        return track(token, lang, model, request, response);
    }
}
