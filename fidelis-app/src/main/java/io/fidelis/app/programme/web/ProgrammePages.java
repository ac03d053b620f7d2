package io.fidelis.app.programme.web;

import java.time.LocalDate;

import io.fidelis.app.programme.LoyaltyProgramme;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The programme: its overview and reward catalogue; enrolling, redeeming, a new card link and a tier override from
 * the Customer 360; and the member's own card page behind its tokenised link (no login).
 */
@Controller
class ProgrammePages {
    private final LoyaltyProgramme programme;

    ProgrammePages(LoyaltyProgramme programme) {
        this.programme = programme;
    }

    @GetMapping("/programme")
    String overview(Model model) {
        model.addAttribute("o", programme.overview());
        model.addAttribute("rules", programme.tierRules());
        return "programme/overview";
    }

    @PostMapping("/programme/rewards")
    String putReward(@RequestParam String code, @RequestParam String nameEn, @RequestParam String nameZh,
                     @RequestParam long points, @RequestParam int stock,
                     @RequestParam(defaultValue = "false") boolean active, RedirectAttributes redirect) {
        try {
            programme.putReward(new LoyaltyProgramme.Reward(code, nameEn, nameZh, points, stock, active));
            redirect.addFlashAttribute("message", "programme.rewardSaved");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/programme";
    }

    private static String back(String id) {
        return "redirect:/customers/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                + "#programme-panel";
    }

    @PostMapping("/customers/{id}/programme/enrol")
    String enrol(@PathVariable String id, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("cardLink", programme.cardLink(programme.enrol(id)));
            redirect.addFlashAttribute("message", "programme.enrolled");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return back(id);
    }

    @PostMapping("/customers/{id}/programme/card")
    String card(@PathVariable String id, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("cardLink", programme.cardLink(programme.newCard(id)));
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return back(id);
    }

    @PostMapping("/customers/{id}/programme/redeem")
    String redeem(@PathVariable String id, @RequestParam String reward, RedirectAttributes redirect) {
        try {
            programme.redeem(id, reward);
            redirect.addFlashAttribute("message", "programme.redeemed");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return back(id);
    }

    @PostMapping("/customers/{id}/programme/gifts/{gift}/hand-over")
    String handOver(@PathVariable String id, @PathVariable long gift, @RequestParam(required = false) String note,
                    RedirectAttributes redirect) {
        try {
            programme.handOverGift(id, gift, note);
            redirect.addFlashAttribute("message", "programme.handedOver");
        } catch (BusinessRuleException | io.fidelis.app.shared.ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return back(id);
    }

    @PostMapping("/customers/{id}/programme/tier")
    String tier(@PathVariable String id, @RequestParam String tier,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
                @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            programme.overrideTier(id, tier, until, note);
            redirect.addFlashAttribute("message", "programme.overridden");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return back(id);
    }

    @GetMapping("/card/{token}")
    String card(@PathVariable String token, Model model) {
        model.addAttribute("v", programme.byCard(token).orElseThrow(() -> new NotFoundException("no such card")));
        return "programme/card";
    }
}
