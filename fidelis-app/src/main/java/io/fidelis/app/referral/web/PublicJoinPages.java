package io.fidelis.app.referral.web;

import java.util.Locale;

import io.fidelis.app.referral.Referrals;
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
 * The referral link's page, no login: someone a customer invited leaves their name and e-mail address (and whether
 * they want our news) and becomes a customer referred by them. CSRF-protected and rate-limited per address like
 * every public form; the answer is the same whether or not the address was a customer's already.
 */
@Controller
class PublicJoinPages {
    private final Referrals referrals;
    private final PublicFormThrottle throttle;

    PublicJoinPages(Referrals referrals, PublicFormThrottle throttle) {
        this.referrals = referrals;
        this.throttle = throttle;
    }

    private static String language(String lang, HttpServletRequest request, Model model) {
        String tag = lang != null ? lang : RequestContextUtils.getLocale(request).toLanguageTag();
        String language = tag.toLowerCase(Locale.ROOT).startsWith("zh") ? "zh-CN" : "en";
        PageLocale.set(request, Locale.forLanguageTag(language));
        model.addAttribute("language", language);
        model.addAttribute("otherLanguage", language.equals("zh-CN") ? "en" : "zh-CN");
        return language;
    }

    @GetMapping("/join/{code}")
    String form(@PathVariable String code, @RequestParam(required = false) String lang, Model model,
                HttpServletRequest request) {
        language(lang, request, model);
        if (!referrals.known(code)) {
            throw new NotFoundException("no such invitation");
        }
        model.addAttribute("code", code);
        return "referral/join";
    }

    @PostMapping("/join/{code}")
    String join(@PathVariable String code, @RequestParam(required = false) String lang,
                @RequestParam(required = false) String name, @RequestParam(required = false) String email,
                @RequestParam(required = false) String phone, @RequestParam(defaultValue = "false") boolean consent,
                Model model, HttpServletRequest request, HttpServletResponse response) {
        String language = language(lang, request, model);
        model.addAttribute("code", code);
        model.addAttribute("name", name);
        model.addAttribute("email", email);
        model.addAttribute("phone", phone);
        if (!throttle.allow(request.getRemoteAddr())) {
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            model.addAttribute("error", "public.throttled");
            return "referral/join";
        }
        try {
            referrals.join(code, new Referrals.Join(name, email, phone, consent, language));
            return "redirect:/join/" + code + "/thanks?lang=" + language;
        } catch (BusinessRuleException e) {
            response.setStatus(422);
            model.addAttribute("error", "joinError." + e.field());
            return "referral/join";
        }
    }

    @GetMapping("/join/{code}/thanks")
    String thanks(@PathVariable String code, @RequestParam(required = false) String lang, Model model,
                  HttpServletRequest request) {
        language(lang, request, model);
        return "referral/joined";
    }
}
