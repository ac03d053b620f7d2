package io.fidelis.app.webhook.web;

import java.util.List;

import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.webhook.WebhookEvent;
import io.fidelis.app.webhook.Webhooks;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Webhooks (administrators): endpoints, the latest deliveries and the dead-letter list. */
@Controller
class WebhookPages {
    private final Webhooks webhooks;

    WebhookPages(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping("/settings/webhooks")
    String page(Model model) {
        model.addAttribute("hooks", webhooks.list());
        model.addAttribute("events", WebhookEvent.values());
        model.addAttribute("dead", webhooks.deliveries("DEAD", 100));
        model.addAttribute("latest", webhooks.deliveries(null, 20));
        return "webhook/settings";
    }

    @PostMapping("/settings/webhooks")
    String create(@RequestParam(required = false) String url, @RequestParam(required = false) List<String> events,
                  RedirectAttributes redirect) {
        try {
            Webhooks.Created c = webhooks.create(url, events);
            redirect.addFlashAttribute("secret", c.secret());
            redirect.addFlashAttribute("message", "webhooks.created");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/settings/webhooks";
    }

    @PostMapping("/settings/webhooks/{id}/deactivate")
    String deactivate(@PathVariable long id, RedirectAttributes redirect) {
        try {
            webhooks.deactivate(id);
            redirect.addFlashAttribute("message", "webhooks.deactivated");
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/settings/webhooks";
    }

    @PostMapping("/settings/webhooks/deliveries/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        try {
            webhooks.retry(id);
            redirect.addFlashAttribute("message", "webhooks.retried");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/settings/webhooks";
    }
}
