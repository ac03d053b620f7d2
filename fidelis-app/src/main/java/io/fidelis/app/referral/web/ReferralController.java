package io.fidelis.app.referral.web;

import io.fidelis.app.referral.Referrals;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Referrals in the API: the business-wide figures, and a customer's chain with their referral link. */
@RestController
@RequestMapping("/api/v1")
class ReferralController {
    private final Referrals referrals;

    ReferralController(Referrals referrals) {
        this.referrals = referrals;
    }

    @GetMapping("/referrals")
    Referrals.Overview overview(@RequestParam(defaultValue = "24") int months,
                                @RequestParam(defaultValue = "20") int top) {
        return referrals.overview(Math.max(1, Math.min(months, 120)), Math.max(0, Math.min(top, 500)));
    }

    /** The chain as the API shows it. */
    record ChainDto(String customerId, String code, String link, Referrals.ChainFigures figures,
                    java.util.List<Referrals.Referee> pathToRoot, java.util.List<Referrals.Referee> referees,
                    int refereeTotal, int offset) {
    }

    @GetMapping("/customers/{id}/referrals")
    ChainDto chain(@PathVariable String id, @RequestParam(defaultValue = "0") int offset,
                   @RequestParam(defaultValue = "50") int limit) {
        Referrals.Tree t = referrals.tree(id, offset, limit);
        return new ChainDto(t.customer().externalId(), t.code(), t.link(), t.figures(), t.pathToRoot(), t.referees(),
                t.refereeTotal(), t.offset());
    }
}
