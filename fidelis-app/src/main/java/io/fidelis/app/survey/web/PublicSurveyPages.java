package io.fidelis.app.survey.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fidelis.app.survey.AnswerProblem;
import io.fidelis.app.survey.RecordingResponses;
import io.fidelis.app.security.PublicFormThrottle;
import io.fidelis.app.survey.SurveyLanguage;
import io.fidelis.app.web.PageLocale;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The public survey page, no login: {@code /s/{token}} for an invitation or a kiosk link. Mobile-first, in the
 * invitation's language (a kiosk: the browser's), with a switch to the other language; protected by CSRF like every
 * form and rate-limited per address. An invitation already answered, expired or closed gets a kind page that says
 * so; a second submission is refused (409) with the same kind page.
 */
@Controller
class PublicSurveyPages {
    private final RecordingResponses responses;
    private final PublicFormThrottle throttle;
    private final MessageSource messages;

    PublicSurveyPages(RecordingResponses responses, PublicFormThrottle throttle, MessageSource messages) {
        this.responses = responses;
        this.throttle = throttle;
        this.messages = messages;
    }

    /**
     * The form; {@code done} after an answer was taken (the thank-you page, reached by a redirect so that reloading
     * it sends nothing again); {@code expired} when the form was open so long that its session ended.
     */
    @GetMapping("/s/{token}")
    String form(@PathVariable String token, @RequestParam(required = false) String lang,
                @RequestParam(required = false) String done, @RequestParam(required = false) String expired,
                Model model, HttpServletRequest request, HttpServletResponse response) {
        RecordingResponses.Form form = withBrowserLanguage(responses.form(token, lang), lang, request);
        if (done != null && (form.kiosk() || form.state() == RecordingResponses.State.ANSWERED)) {
            return page(form, Map.of(), List.of(), token, model, request, response, "THANKS");
        }
        model.addAttribute("expired", expired != null && form.state() == RecordingResponses.State.OPEN);
        return page(form, Map.of(), List.of(), token, model, request, response);
    }

    @PostMapping("/s/{token}")
    String submit(@PathVariable String token, @RequestParam(required = false) String lang,
                  @RequestParam MultiValueMap<String, String> params, HttpServletRequest request, Model model,
                  HttpServletResponse response) {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("q_")) {
                raw.put(k.substring(2), v);
            }
        });
        if (!throttle.allow(request.getRemoteAddr())) {
            // The form again with what was entered, and when to try again.
            RecordingResponses.Form form = withBrowserLanguage(responses.form(token, lang), lang, request);
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            model.addAttribute("throttled", true);
            return page(form, raw, List.of(), token, model, request, response);
        }
        String language = lang != null ? lang : withBrowserLanguage(responses.form(token, null), null, request)
                .language();
        RecordingResponses.Submission s = responses.submit(token, raw, language);
        if (s.recorded()) {
            return "redirect:/s/" + token + "?done&lang=" + s.form().language();
        }
        if (!s.problems().isEmpty()) {
            response.setStatus(422);
        } else if (s.state() != RecordingResponses.State.OPEN) {
            response.setStatus(409);
        }
        RecordingResponses.Form form = new RecordingResponses.Form(s.state(), s.form().survey(), s.form().language(),
                s.form().kiosk());
        return page(form, raw, s.problems(), token, model, request, response);
    }

    private static RecordingResponses.Form withBrowserLanguage(RecordingResponses.Form form, String lang,
                                                               HttpServletRequest request) {
        if (lang == null && form.kiosk()) {
            return new RecordingResponses.Form(form.state(), form.survey(),
                    SurveyLanguage.of(RequestContextUtils.getLocale(request)), true);
        }
        return form;
    }

    private String page(RecordingResponses.Form form, Map<String, List<String>> raw, List<AnswerProblem> problems,
                        String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        return page(form, raw, problems, token, model, request, response, form.state().name());
    }

    private String page(RecordingResponses.Form form, Map<String, List<String>> raw, List<AnswerProblem> problems,
                        String token, Model model, HttpServletRequest request, HttpServletResponse response,
                        String state) {
        Locale locale = Locale.forLanguageTag(form.language());
        PageLocale.set(request, locale);
        model.addAttribute("language", form.language());
        model.addAttribute("state", state);
        model.addAttribute("survey", form.survey());
        model.addAttribute("token", token);
        model.addAttribute("raw", raw);
        Map<String, String> errors = new LinkedHashMap<>();
        for (AnswerProblem p : problems) {
            errors.put(p.code(), messages.getMessage(p.messageKey(), p.args().toArray(), locale));
        }
        model.addAttribute("errors", errors);
        model.addAttribute("otherLanguage", SurveyLanguage.isChinese(form.language()) ? SurveyLanguage.ENGLISH
                : SurveyLanguage.CHINESE);
        if (form.state() == RecordingResponses.State.UNKNOWN) {
            response.setStatus(404);
        }
        return "survey/public";
    }
}
