package io.fidelis.app.suggestion.web;

import java.util.Locale;

import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.security.PublicFormThrottle;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.suggestion.ReceivingSuggestions;
import io.fidelis.app.web.PageLocale;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The customer's suggestion page, no login (linked from receipts and the website): the order and the e-mail address
 * or phone number it was bought with identify the customer, as on the complaint form; they choose what it is about
 * (a product category, and a product number if they know it) and write their idea. CSRF-protected and rate-limited
 * per address like every public form.
 */
@Controller
class PublicSuggestionPages {
    private final ReceivingSuggestions receiving;
    private final PurchaseRecording purchases;
    private final PublicFormThrottle throttle;

    PublicSuggestionPages(ReceivingSuggestions receiving, PurchaseRecording purchases, PublicFormThrottle throttle) {
        this.receiving = receiving;
        this.purchases = purchases;
        this.throttle = throttle;
    }

    private static String language(String lang, HttpServletRequest request) {
        String tag = lang != null ? lang : RequestContextUtils.getLocale(request).toLanguageTag();
        return tag.toLowerCase(Locale.ROOT).startsWith("zh") ? "zh-CN" : "en";
    }

    private void page(String language, HttpServletRequest request, Model model) {
        PageLocale.set(request, Locale.forLanguageTag(language));
        model.addAttribute("language", language);
        model.addAttribute("otherLanguage", language.equals("zh-CN") ? "en" : "zh-CN");
        model.addAttribute("categories", purchases.categories());
    }

    @GetMapping("/suggest")
    String form(@RequestParam(required = false) String lang, Model model, HttpServletRequest request) {
        page(language(lang, request), request, model);
        return "suggestion/public-form";
    }

    @PostMapping("/suggest")
    String suggest(@RequestParam(required = false) String lang, @RequestParam(required = false) String orderId,
                   @RequestParam(required = false) String contact, @RequestParam(required = false) String category,
                   @RequestParam(required = false) String sku, @RequestParam(required = false) String text,
                   Model model, HttpServletRequest request, HttpServletResponse response) {
        String language = language(lang, request);
        if (!throttle.allow(request.getRemoteAddr())) {
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            model.addAttribute("error", "public.throttled");
        } else {
            try {
                receiving.onPublicPage(new ReceivingSuggestions.SuggestOnPublicPage(orderId, contact, text, sku,
                        category, language));
                return "redirect:/suggest/thanks?lang=" + language;
            } catch (BusinessRuleException e) {
                response.setStatus(422);
                model.addAttribute("error", switch (e.field() == null ? "" : e.field()) {
                    case "order" -> "complain.noMatch";
                    case "text" -> "suggest.textNeeded";
                    default -> "suggest.subjectNeeded";
                });
            }
        }
        page(language, request, model);
        model.addAttribute("orderId", orderId);
        model.addAttribute("contact", contact);
        model.addAttribute("category", category);
        model.addAttribute("sku", sku);
        model.addAttribute("text", text);
        return "suggestion/public-form";
    }

    @GetMapping("/suggest/thanks")
    String thanks(@RequestParam(required = false) String lang, Model model, HttpServletRequest request) {
        page(language(lang, request), request, model);
        return "suggestion/public-thanks";
    }
}
