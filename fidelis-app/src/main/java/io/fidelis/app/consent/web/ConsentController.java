package io.fidelis.app.consent.web;

import java.util.List;

import io.fidelis.app.consent.ConsentChannel;
import io.fidelis.app.consent.CustomerConsents;
import io.fidelis.app.shared.BusinessRuleException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Consent per channel in the API, and the e-mail double opt-in request. */
@RestController
@RequestMapping("/api/v1/customers/{id}/consents")
class ConsentController {
    private final CustomerConsents consents;

    ConsentController(CustomerConsents consents) {
        this.consents = consents;
    }

    @GetMapping
    List<CustomerConsents.ChannelConsent> list(@PathVariable String id) {
        return consents.of(id);
    }

    /** Consent given or withdrawn, and how the customer said so. */
    record Change(Boolean given, String source) {
    }

    @PutMapping("/{channel}")
    List<CustomerConsents.ChannelConsent> change(@PathVariable String id, @PathVariable String channel,
                                                 @RequestBody Change body) {
        ConsentChannel ch;
        try {
            ch = ConsentChannel.valueOf(channel);
        } catch (IllegalArgumentException e) {
            throw new BusinessRuleException("channel", "one of EMAIL, SMS, PHONE, POST, not " + channel);
        }
        if (body.given() == null) {
            throw new BusinessRuleException("given", "true or false");
        }
        consents.record(id, ch, body.given(), body.source());
        return consents.of(id);
    }

    record Language(String language) {
    }

    @PostMapping("/EMAIL/confirmation-request")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CustomerConsents.Requested request(@PathVariable String id, @RequestBody(required = false) Language body) {
        return consents.requestEmailConfirmation(id, body == null ? "en" : body.language());
    }
}
