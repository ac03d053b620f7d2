package io.fidelis.app.winback.web;

import java.util.List;

import io.fidelis.app.winback.LostCaseStatus;
import io.fidelis.app.winback.LostCases;
import io.fidelis.app.winback.WinBackAction;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The lost-customer cases in the API (an account manager's own customers'). */
@RestController
@RequestMapping("/api/v1")
class LostCaseController {
    private final LostCases cases;

    LostCaseController(LostCases cases) {
        this.cases = cases;
    }

    /** A case as the API shows it. */
    record CaseDto(long id, String customerId, String status, String openedAt, String dueOn, String reason,
                   String action, String note, String closedAt, long version) {
        static CaseDto of(LostCases.CaseView v) {
            var c = v.lostCase();
            return new CaseDto(c.id(), v.customer().externalId(), c.status().name(), c.openedAt().toString(),
                    c.dueOn().toString(), c.reason(), c.action() == null ? null : c.action().name(), c.note(),
                    c.closedAt() == null ? null : c.closedAt().toString(), c.version());
        }
    }

    @GetMapping("/lost-cases")
    List<CaseDto> list(@RequestParam(required = false) LostCaseStatus status) {
        return cases.list(status).stream().map(CaseDto::of).toList();
    }

    @GetMapping("/lost-cases/{id}")
    CaseDto get(@PathVariable long id) {
        return CaseDto.of(cases.get(id));
    }

    /** What was learnt and done, and optionally the outcome (DECLINED or UNREACHABLE). */
    record RecordOutcome(long version, String reason, WinBackAction action, String note, LostCaseStatus end) {
    }

    @PostMapping("/lost-cases/{id}")
    CaseDto record(@PathVariable long id, @RequestBody RecordOutcome body) {
        cases.record(id, body.version(), new LostCases.Outcome(body.reason(), body.action(), body.note(), body.end()));
        return CaseDto.of(cases.get(id));
    }
}
