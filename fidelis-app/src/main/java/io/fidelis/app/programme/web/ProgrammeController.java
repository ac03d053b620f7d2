package io.fidelis.app.programme.web;

import java.util.List;

import io.fidelis.app.programme.LoyaltyProgramme;
import io.fidelis.app.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The programme in the API: a member's tier, balance and lots; redemptions; enrolment; the overview. */
@RestController
@RequestMapping("/api/v1")
class ProgrammeController {
    private final LoyaltyProgramme programme;

    ProgrammeController(LoyaltyProgramme programme) {
        this.programme = programme;
    }

    /** A member as the API shows them. */
    record MemberDto(String customerId, String joinedOn, String tier, String tierBasis, String tierExplanation,
                     long balance, List<LotDto> lots, long version) {
    }

    record LotDto(String lotId, String earnedOn, String expiresOn, long remaining) {
    }

    @GetMapping("/customers/{id}/programme")
    MemberDto member(@PathVariable String id) {
        LoyaltyProgramme.MemberView v = programme.member(id).orElseThrow(() -> new NotFoundException(id
                + " is not a member of the programme"));
        return new MemberDto(id, v.joinedOn().toString(), v.tier().tier(), v.tier().basis().name(),
                v.tier().explanation(), v.balance(), v.lots().stream().map(l -> new LotDto(l.lotId(),
                l.earnedOn().toString(), l.expiresOn().toString(), l.remaining())).toList(), v.version());
    }

    /** A gift the member is entitled to. */
    record GiftDto(long id, String gift, int quantity, String status, String reason, String source, String earnedAt,
                   String settledAt, String settledBy, String note) {
        static GiftDto of(io.fidelis.app.programme.GiftEntitlement g) {
            return new GiftDto(g.id(), g.gift(), g.quantity(), g.status().name(), g.reason(), g.source(),
                    g.createdAt().toString(), g.settledAt() == null ? null : g.settledAt().toString(), g.settledBy(),
                    g.note());
        }
    }

    @GetMapping("/customers/{id}/programme/gifts")
    List<GiftDto> gifts(@PathVariable String id) {
        LoyaltyProgramme.MemberView v = programme.member(id).orElseThrow(() -> new NotFoundException(id
                + " is not a member of the programme"));
        return v.gifts().stream().map(GiftDto::of).toList();
    }

    record HandOver(String note) {
    }

    @PostMapping("/customers/{id}/programme/gifts/{gift}/hand-over")
    GiftDto handOver(@PathVariable String id, @PathVariable long gift,
                     @RequestBody(required = false) HandOver body) {
        return GiftDto.of(programme.handOverGift(id, gift, body == null ? null : body.note()));
    }

    record Enrolment(String cardLink) {
    }

    @PostMapping("/customers/{id}/programme")
    @ResponseStatus(HttpStatus.CREATED)
    Enrolment enrol(@PathVariable String id) {
        return new Enrolment(programme.cardLink(programme.enrol(id)));
    }

    record Redemption(String reward) {
    }

    @PostMapping("/customers/{id}/programme/redemptions")
    MemberDto redeem(@PathVariable String id, @RequestBody Redemption body) {
        programme.redeem(id, body.reward());
        return member(id);
    }

    @GetMapping("/programme")
    LoyaltyProgramme.Overview overview() {
        return programme.overview();
    }
}
