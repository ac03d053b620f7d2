package io.fidelis.app.suggestion.web;

import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.suggestion.ReceivingSuggestions;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Staff turn what customers said into suggestions: a complaint marked as a suggestion (from the complaint's page), a
 * survey's free-text answer (from the results), a visit or call (from the Customer 360), or a suggestion written
 * down by hand; each goes back to the page it came from with what happened.
 */
@Controller
class SuggestionActions {
    private final ReceivingSuggestions receiving;

    SuggestionActions(ReceivingSuggestions receiving) {
        this.receiving = receiving;
    }

    private static String path(String s) {
        return UriUtils.encodePathSegment(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @PostMapping("/suggestions/from-complaint")
    String fromComplaint(@RequestParam String reference, @RequestParam(required = false) String subject,
                         RedirectAttributes redirect) {
        try {
            long id = receiving.fromComplaint(new ReceivingSuggestions.MarkComplaintAsSuggestion(reference, subject));
            redirect.addFlashAttribute("suggestionMessage", "suggestion.recorded");
            redirect.addFlashAttribute("suggestionId", id);
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("suggestionError", e.getMessage());
        }
        return "redirect:/complaints/" + path(reference);
    }

    @PostMapping("/suggestions/from-answer")
    String fromAnswer(@RequestParam long surveyId, @RequestParam String customer,
                      @RequestParam(required = false) String code, @RequestParam(required = false) String text,
                      @RequestParam(required = false) String subject, RedirectAttributes redirect) {
        try {
            receiving.fromAnswer(new ReceivingSuggestions.SuggestFromAnswer(customer, surveyId, code, text, subject));
            redirect.addFlashAttribute("suggestionMessage", "suggestion.recorded");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("suggestionError", e.getMessage());
        }
        return "redirect:/surveys/" + surveyId + "/results";
    }

    @PostMapping("/suggestions/from-contact")
    String fromContact(@RequestParam String customer, @RequestParam long contactId,
                       @RequestParam(required = false) String text, @RequestParam(required = false) String subject,
                       RedirectAttributes redirect) {
        try {
            receiving.fromContact(new ReceivingSuggestions.SuggestFromContact(customer, contactId, text, subject));
            redirect.addFlashAttribute("message", "suggestion.recorded");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/customers/" + path(customer);
    }

    @PostMapping("/customers/{id}/suggestions")
    String forCustomer(@PathVariable String id, @RequestParam(required = false) String text,
                       @RequestParam(required = false) String subject, RedirectAttributes redirect) {
        try {
            receiving.forCustomer(new ReceivingSuggestions.SuggestForCustomer(id, text, subject));
            redirect.addFlashAttribute("message", "suggestion.recorded");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/customers/" + path(id);
    }
}
