package io.fidelis.app.staff.web;

import java.net.URI;
import java.util.Locale;

import io.fidelis.app.staff.ApiTokens;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Each user's own settings: language and personal API tokens. */
@Controller
class SettingsPages {
    private final StaffDirectory staff;
    private final ApiTokens tokens;
    private final LocaleResolver locales;

    SettingsPages(StaffDirectory staff, ApiTokens tokens, LocaleResolver locales) {
        this.staff = staff;
        this.tokens = tokens;
        this.locales = locales;
    }

    /** The signed-in user (the security rules let only signed-in staff reach these pages). */
    private StaffMember me() {
        String name = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication()
                .getName();
        return staff.byUsername(name).orElseThrow();
    }

    @GetMapping("/settings")
    String settings(Model model) {
        model.addAttribute("me", me());
        model.addAttribute("admin", me().role() == Role.ADMIN);
        return "settings/index";
    }

    /** Remembers the chosen language for the user and goes back to the page they were on. */
    @PostMapping("/settings/language")
    String language(@RequestParam String locale, HttpServletRequest request, HttpServletResponse response) {
        Locale chosen = locale.toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        staff.setLocale(me().username(), chosen);
        locales.setLocale(request, response, chosen);
        return "redirect:" + back(request);
    }

    /** The same-site path of the referring page, or the home page. Never an absolute URL elsewhere. */
    static String back(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return "/";
        }
        try {
            URI uri = URI.create(referer);
            if (uri.getHost() != null && !uri.getHost().equalsIgnoreCase(request.getServerName())) {
                return "/";
            }
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                return "/";
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }

    @GetMapping("/settings/tokens")
    String tokens(Model model) {
        boolean admin = me().role() == Role.ADMIN;
        model.addAttribute("tokens", tokens.of(me().username()));
        model.addAttribute("others", admin ? tokens.all().stream()
                .filter(t -> !t.owner().equals(me().username())).toList() : java.util.List.of());
        model.addAttribute("admin", admin);
        return "settings/tokens";
    }

    @PostMapping("/settings/tokens")
    String issue(@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        ApiTokens.IssuedToken t = tokens.issue(me().username(), name);
        redirect.addFlashAttribute("issued", t);
        return "redirect:/settings/tokens";
    }

    @PostMapping("/settings/tokens/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        tokens.revoke(id, me().username(), me().role() == Role.ADMIN);
        redirect.addFlashAttribute("revoked", id);
        return "redirect:/settings/tokens";
    }
}
