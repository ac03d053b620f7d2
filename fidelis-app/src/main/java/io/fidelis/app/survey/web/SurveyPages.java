package io.fidelis.app.survey.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fidelis.app.customer.CustomerFilter;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import io.fidelis.app.survey.Audience;
import io.fidelis.app.survey.Question;
import io.fidelis.app.survey.QuestionType;
import io.fidelis.app.survey.Survey;
import io.fidelis.app.survey.SurveyManagement;
import io.fidelis.app.survey.SurveyResults;
import io.fidelis.app.survey.SurveyStatus;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff's survey pages: the list and the templates to start from, one survey's builder (wording in both
 * languages, questions, skip logic, schedule, open and close, the kiosk link, invitations), its results and the CSV
 * of its answers. A refused change (a rule of the survey, or someone else's edit) comes back as a message.
 */
@Controller
class SurveyPages {
    private final SurveyManagement surveys;
    private final SurveyResults results;
    private final CustomerManagement customers;
    private final StaffDirectory staff;
    private final JsonMapper json;

    SurveyPages(SurveyManagement surveys, SurveyResults results, CustomerManagement customers, StaffDirectory staff,
                JsonMapper json) {
        this.surveys = surveys;
        this.results = results;
        this.customers = customers;
        this.staff = staff;
        this.json = json;
    }

    @GetMapping("/surveys")
    String list(Model model) {
        model.addAttribute("surveys", surveys.list());
        model.addAttribute("templates", surveys.templates());
        return "survey/list";
    }

    @PostMapping("/surveys")
    String create(@RequestParam String template, RedirectAttributes redirect) {
        try {
            return "redirect:/surveys/" + surveys.create(template);
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/surveys";
        }
    }

    @GetMapping("/surveys/{id}")
    String show(@PathVariable long id, Model model) {
        Survey s = surveys.get(id);
        model.addAttribute("survey", s);
        model.addAttribute("types", QuestionType.values());
        model.addAttribute("draft", s.status() == SurveyStatus.DRAFT);
        model.addAttribute("kioskLink", s.kioskToken() == null ? null : surveys.link(s.kioskToken()));
        model.addAttribute("choices", customers.filterChoices());
        model.addAttribute("managers", staff.list().stream().filter(m -> m.role() == Role.ACCOUNT_MANAGER)
                .map(StaffMember::username).toList());
        model.addAttribute("customerSurvey", s.audience() == Audience.CUSTOMER);
        model.addAttribute("employeeSurvey", s.audience() == Audience.EMPLOYEE);
        return "survey/show";
    }

    @PostMapping("/surveys/{id}/wording")
    String reword(@PathVariable long id, @RequestParam long version, @RequestParam String titleEn,
                  @RequestParam(required = false) String titleZh, @RequestParam(required = false) String introEn,
                  @RequestParam(required = false) String introZh, RedirectAttributes redirect) {
        return act(id, redirect, "survey.saved", () -> surveys.reword(id, version, titleEn, titleZh, introEn,
                introZh));
    }

    @PostMapping("/surveys/{id}/schedule")
    String schedule(@PathVariable long id, @RequestParam long version, @RequestParam int invitationDays,
                    @RequestParam(required = false) Integer afterPurchaseDays, RedirectAttributes redirect) {
        return act(id, redirect, "survey.saved", () -> surveys.schedule(id, version, invitationDays,
                afterPurchaseDays));
    }

    /** Adds a question, or changes the one with the same code. */
    @PostMapping("/surveys/{id}/questions")
    String putQuestion(@PathVariable long id, @RequestParam long version, @RequestParam String code,
                       @RequestParam String type, @RequestParam(defaultValue = "false") boolean required,
                       @RequestParam String textEn, @RequestParam(required = false) String textZh,
                       @RequestParam(required = false) String choicesEn,
                       @RequestParam(required = false) String choicesZh,
                       @RequestParam(required = false) String showIfCode,
                       @RequestParam(required = false) String showIfValues,
                       @RequestParam(required = false) String construct, RedirectAttributes redirect) {
        return act(id, redirect, "survey.saved", () -> {
            QuestionType t;
            try {
                t = QuestionType.valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BusinessRuleException("type", "no question type '" + type + "'");
            }
            Question q;
            try {
                q = new Question(code.strip(), t, required, textEn, textZh, lines(choicesEn), lines(choicesZh),
                        showIfCode, values(showIfValues), construct);
            } catch (IllegalArgumentException e) {
                throw new BusinessRuleException("question", e.getMessage());
            }
            surveys.putQuestion(id, version, q);
        });
    }

    @PostMapping("/surveys/{id}/questions/{code}/remove")
    String removeQuestion(@PathVariable long id, @PathVariable String code, @RequestParam long version,
                          RedirectAttributes redirect) {
        return act(id, redirect, "survey.saved", () -> surveys.removeQuestion(id, version, code));
    }

    @PostMapping("/surveys/{id}/questions/{code}/move")
    String moveQuestion(@PathVariable long id, @PathVariable String code, @RequestParam long version,
                        @RequestParam int delta, RedirectAttributes redirect) {
        return act(id, redirect, "survey.saved", () -> surveys.moveQuestion(id, version, code, delta));
    }

    @PostMapping("/surveys/{id}/open")
    String open(@PathVariable long id, @RequestParam long version, RedirectAttributes redirect) {
        return act(id, redirect, "survey.opened", () -> surveys.open(id, version));
    }

    @PostMapping("/surveys/{id}/close")
    String close(@PathVariable long id, @RequestParam long version, RedirectAttributes redirect) {
        return act(id, redirect, "survey.closed", () -> surveys.close(id, version));
    }

    @PostMapping("/surveys/{id}/kiosk")
    String kiosk(@PathVariable long id, @RequestParam long version, RedirectAttributes redirect) {
        return act(id, redirect, "survey.kioskCreated", () -> surveys.newPublicLink(id, version));
    }

    @PostMapping("/surveys/{id}/kiosk/withdraw")
    String withdrawKiosk(@PathVariable long id, @RequestParam long version, RedirectAttributes redirect) {
        return act(id, redirect, "survey.kioskWithdrawn", () -> surveys.withdrawPublicLink(id, version));
    }

    @PostMapping("/surveys/{id}/invitations")
    String invite(@PathVariable long id, @RequestParam(required = false) String segment,
                  @RequestParam(required = false) String region, @RequestParam(required = false) String manager,
                  @RequestParam(required = false) String activity, @RequestParam(defaultValue = "en") String language,
                  RedirectAttributes redirect) {
        try {
            CustomerFilter.Kind kind;
            try {
                kind = activity == null || activity.isBlank() ? null
                        : CustomerFilter.Kind.valueOf(activity.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BusinessRuleException("activity", "no activity '" + activity + "' (active, lapsing, lost,"
                        + " never)");
            }
            SurveyManagement.InvitationRun run = surveys.invite(id, new CustomerFilter(null, blank(segment),
                    blank(region), blank(manager), customers.activity(kind)), language);
            redirect.addFlashAttribute("run", run);
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/surveys/" + id;
    }

    @PostMapping("/surveys/{id}/invitations/staff")
    String inviteStaff(@PathVariable long id, @RequestParam(defaultValue = "en") String language,
                       RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("run", surveys.inviteStaff(id, language));
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/surveys/" + id;
    }

    @GetMapping("/surveys/{id}/results")
    String results(@PathVariable long id, @RequestParam(required = false) String q, Model model) {
        SurveyResults.Results r = results.of(id, q);
        model.addAttribute("results", r);
        model.addAttribute("survey", r.survey());
        model.addAttribute("q", q);
        List<Map<String, Object>> trends = new ArrayList<>();
        for (SurveyResults.QuestionResult qr : r.questions()) {
            if (qr.overall() == null || qr.byMonth().size() < 2) {
                continue;
            }
            List<Object[]> points = new ArrayList<>();
            qr.byMonth().forEach((m, f) -> points.add(new Object[] {m.toString(), f.value(), nan(f.lower()),
                nan(f.upper()), f.n()}));
            trends.add(Map.of("code", qr.question().code(), "kind", qr.overall().kind(), "points", points));
        }
        model.addAttribute("trendsJson", json.writeValueAsString(trends));
        return "survey/results";
    }

    @GetMapping("/surveys/{id}/responses.csv")
    void export(@PathVariable long id, HttpServletResponse response) throws IOException {
        surveys.get(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"survey-" + id + "-responses.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        results.export(id, out);
        out.flush();
    }

    private static Double nan(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private String act(long id, RedirectAttributes redirect, String message, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("message", message);
        } catch (BusinessRuleException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/surveys/" + id;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static java.util.Set<String> values(String text) {
        if (text == null || text.isBlank()) {
            return java.util.Set.of();
        }
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(v -> !v.isEmpty())
                .collect(java.util.stream.Collectors.toSet());
    }
}
