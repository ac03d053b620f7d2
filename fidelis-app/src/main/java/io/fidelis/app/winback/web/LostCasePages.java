package io.fidelis.app.winback.web;

import java.util.Locale;

import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.winback.LostCaseStatus;
import io.fidelis.app.winback.LostCases;
import io.fidelis.app.winback.WinBackAction;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Lost customers: the cases (an account manager's own customers'), one case with what was learnt and done, the
 * analytics (lost per month, reasons controllable or not, win-back rates by reason and action, revenue recovered),
 * and the taxonomy of reasons for admins and managers.
 */
@Controller
class LostCasePages {
    private final LostCases cases;

    LostCasePages(LostCases cases) {
        this.cases = cases;
    }

    @GetMapping("/lost")
    String list(@RequestParam(required = false) String status, Model model, Locale locale) {
        LostCaseStatus s = java.util.Arrays.stream(LostCaseStatus.values())
                .filter(x -> x.name().equalsIgnoreCase(status == null ? "" : status.strip())).findFirst().orElse(null);
        model.addAttribute("cases", cases.list(s));
        model.addAttribute("o", cases.overview());
        model.addAttribute("status", status);
        model.addAttribute("statuses", LostCaseStatus.values());
        model.addAttribute("names", cases.reasonNames(locale));
        return "winback/list";
    }

    @GetMapping("/lost/{id}")
    String show(@PathVariable long id, Model model, Locale locale) {
        model.addAttribute("v", cases.get(id));
        model.addAttribute("reasons", cases.reasons().stream().filter(LostCases.Reason::active).toList());
        model.addAttribute("actions", WinBackAction.values());
        model.addAttribute("names", cases.reasonNames(locale));
        return "winback/show";
    }

    @PostMapping("/lost/{id}")
    String record(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String action, @RequestParam(required = false) String note,
                  @RequestParam(required = false) String end, RedirectAttributes redirect) {
        try {
            cases.record(id, version, new LostCases.Outcome(reason, action == null || action.isBlank() ? null
                    : WinBackAction.valueOf(action), note, end == null || end.isBlank() ? null
                    : LostCaseStatus.valueOf(end)));
            redirect.addFlashAttribute("message", "lost.saved");
        } catch (BusinessRuleException | ConflictException | IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/lost/" + id;
    }

    @GetMapping("/lost/reasons")
    String reasons(Model model) {
        model.addAttribute("reasons", cases.reasons());
        return "winback/reasons";
    }

    @PostMapping("/lost/reasons")
    String addReason(@RequestParam String code, @RequestParam String nameEn, @RequestParam String nameZh,
                     @RequestParam(defaultValue = "false") boolean controllable, RedirectAttributes redirect) {
        try {
            cases.addReason(new LostCases.Reason(code, nameEn, nameZh, controllable, true));
            redirect.addFlashAttribute("message", "lost.reasonAdded");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/lost/reasons";
    }

    @PostMapping("/lost/reasons/{code}")
    String changeReason(@PathVariable String code, @RequestParam String nameEn, @RequestParam String nameZh,
                        @RequestParam(defaultValue = "false") boolean controllable,
                        @RequestParam(defaultValue = "false") boolean active, RedirectAttributes redirect) {
        try {
            cases.changeReason(new LostCases.Reason(code, nameEn, nameZh, controllable, active));
            redirect.addFlashAttribute("message", "lost.reasonChanged");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", code + ": " + e.getMessage());
        }
        return "redirect:/lost/reasons";
    }
}
