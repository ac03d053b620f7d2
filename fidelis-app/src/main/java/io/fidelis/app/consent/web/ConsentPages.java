package io.fidelis.app.consent.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.fidelis.app.consent.ConsentChannel;
import io.fidelis.app.consent.CustomerConsents;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.web.PageLocale;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Consent on the Customer 360 (staff) and the customer's double opt-in page behind its link (no login). */
@Controller
class ConsentPages {
    private final CustomerConsents consents;

    ConsentPages(CustomerConsents consents) {
        this.consents = consents;
    }

    private static String back(String id) {
        return "redirect:/customers/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "#consent-panel";
    }

    @PostMapping("/customers/{id}/consents")
    String record(@PathVariable String id, @RequestParam String channel, @RequestParam boolean given,
                  @RequestParam(required = false) String source, RedirectAttributes redirect) {
        try {
            ConsentChannel ch;
            try {
                ch = ConsentChannel.valueOf(channel);
            } catch (IllegalArgumentException e) {
                throw new BusinessRuleException("channel", "no channel " + channel);
            }
            consents.record(id, ch, given, source);
            redirect.addFlashAttribute("message", "consent.recorded");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return back(id);
    }

    @PostMapping("/customers/{id}/consents/confirmation-request")
    String request(@PathVariable String id, @RequestParam(defaultValue = "en") String language,
                   RedirectAttributes redirect) {
        try {
            CustomerConsents.Requested r = consents.requestEmailConfirmation(id, language);
            redirect.addFlashAttribute("message", r.mailed() ? "consent.requested" : "consent.requestedNoMail");
            if (r.link() != null) {
                redirect.addFlashAttribute("consentLink", r.link());
            }
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return back(id);
    }

    /** The page in the language the request was sent in. */
    private static String language(String lang, HttpServletRequest request, Model model) {
        String tag = "zh".equals(lang) ? "zh-CN" : "en";
        PageLocale.set(request, Locale.forLanguageTag(tag));
        model.addAttribute("language", tag);
        return tag;
    }

    @GetMapping("/consent/{token}")
    String page(@PathVariable String token, Model model, HttpServletRequest request) {
        CustomerConsents.Pending p = consents.pending(token).orElseThrow(() -> new NotFoundException(
                "this link is not valid any more"));
        language(p.language(), request, model);
        model.addAttribute("p", p);
        model.addAttribute("token", token);
        return "consent/confirm";
    }

    @PostMapping("/consent/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletRequest request) {
        String lang = consents.pending(token).map(CustomerConsents.Pending::language).orElse("en");
        if (!consents.confirm(token)) {
            throw new NotFoundException("this link is not valid any more");
        }
        language(lang, request, model);
        return "consent/confirmed";
    }
}
