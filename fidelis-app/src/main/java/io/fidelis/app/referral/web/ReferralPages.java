package io.fidelis.app.referral.web;

import io.fidelis.app.referral.Referrals;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Referrals: the business-wide multiplier and monthly share, the top referrers, and one customer's tree. */
@Controller
class ReferralPages {
    private final Referrals referrals;

    ReferralPages(Referrals referrals) {
        this.referrals = referrals;
    }

    @GetMapping("/referrals")
    String overview(Model model) {
        model.addAttribute("o", referrals.overview(24, 20));
        return "referral/overview";
    }

    @GetMapping("/referrals/{id}")
    String tree(@PathVariable String id, @RequestParam(defaultValue = "0") int offset, Model model) {
        model.addAttribute("t", referrals.tree(id, offset, 50));
        return "referral/tree";
    }
}
