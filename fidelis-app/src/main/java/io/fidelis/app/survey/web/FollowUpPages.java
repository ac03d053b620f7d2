package io.fidelis.app.survey.web;

import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.survey.FollowUps;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The closed loop's task list: open follow-ups (overdue first in due order) and the recently closed ones. */
@Controller
class FollowUpPages {
    private final FollowUps followUps;

    FollowUpPages(FollowUps followUps) {
        this.followUps = followUps;
    }

    @GetMapping("/follow-ups")
    String list(Model model) {
        model.addAttribute("open", followUps.open());
        model.addAttribute("closed", followUps.recentlyClosed());
        return "survey/follow-ups";
    }

    @PostMapping("/follow-ups/{id}/close")
    String close(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            followUps.close(id, note);
            redirect.addFlashAttribute("message", "followUps.closedOne");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/follow-ups";
    }
}
