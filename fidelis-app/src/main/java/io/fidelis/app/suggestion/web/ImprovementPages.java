package io.fidelis.app.suggestion.web;

import java.util.Locale;

import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.suggestion.GroupingSuggestions;
import io.fidelis.app.suggestion.ImprovementStatus;
import io.fidelis.app.suggestion.ManagingImprovements;
import io.fidelis.app.suggestion.MeasuringImprovementEffect;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The improvement backlog: the board (new suggestions with the grouping proposed for them, then the items by status,
 * each ranked and explained), an item with the customers behind it and, once delivered, its effect; the managers'
 * moves. Board actions answer htmx with the board alone.
 */
@Controller
class ImprovementPages {
    private final ManagingImprovements improvements;
    private final GroupingSuggestions grouping;
    private final MeasuringImprovementEffect effects;

    ImprovementPages(ManagingImprovements improvements, GroupingSuggestions grouping,
                     MeasuringImprovementEffect effects) {
        this.improvements = improvements;
        this.grouping = grouping;
        this.effects = effects;
    }

    @GetMapping("/improvements")
    String board(Model model, @RequestHeader(name = "HX-Request", required = false) String htmx) {
        model.addAttribute("board", improvements.board());
        model.addAttribute("proposals", grouping.proposals());
        model.addAttribute("statuses", ImprovementStatus.values());
        return htmx != null ? "improvement/board :: board" : "improvement/board";
    }

    @PostMapping("/improvements")
    String open(@RequestParam(required = false) String title, @RequestParam(required = false) String description,
                RedirectAttributes redirect) {
        try {
            long id = improvements.open(new ManagingImprovements.OpenItem(title, description));
            return "redirect:/improvements/" + id;
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/improvements";
        }
    }

    @PostMapping("/improvements/group")
    String group(Model model, RedirectAttributes redirect,
                 @RequestHeader(name = "HX-Request", required = false) String htmx) {
        int n = grouping.acceptAll();
        if (htmx != null) {
            model.addAttribute("message", "improvements.grouped");
            model.addAttribute("count", n);
            return board(model, htmx);
        }
        redirect.addFlashAttribute("message", "improvements.grouped");
        redirect.addFlashAttribute("count", n);
        return "redirect:/improvements";
    }

    @GetMapping("/improvements/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("d", improvements.detail(id));
        model.addAttribute("effect", effects.of(id).orElse(null));
        model.addAttribute("moves", ManagingImprovements.Move.values());
        return "improvement/show";
    }

    @PostMapping("/improvements/{id}")
    String describe(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) String title,
                    @RequestParam(required = false) String description, RedirectAttributes redirect) {
        try {
            improvements.describe(id, version, new ManagingImprovements.OpenItem(title, description));
            redirect.addFlashAttribute("message", "improvement.saved");
        } catch (BusinessRuleException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/improvements/" + id;
    }

    @PostMapping("/improvements/{id}/move")
    String move(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) String move,
                @RequestParam(required = false) String text, @RequestParam(required = false) String back,
                Model model, RedirectAttributes redirect,
                @RequestHeader(name = "HX-Request", required = false) String htmx) {
        String error = null;
        try {
            improvements.move(new ManagingImprovements.MoveItem(id, version, move == null || move.isBlank() ? null
                    : ManagingImprovements.Move.valueOf(move.strip().toUpperCase(Locale.ROOT)), text));
        } catch (BusinessRuleException | ConflictException e) {
            error = e.getMessage();
        } catch (IllegalArgumentException e) {
            error = "no such move: " + move;
        }
        if (htmx != null && "board".equals(back)) {
            model.addAttribute("error", error);
            return board(model, htmx);
        }
        if (error != null) {
            redirect.addFlashAttribute("error", error);
        } else {
            redirect.addFlashAttribute("message", "improvement.moved");
        }
        return "board".equals(back) ? "redirect:/improvements" : "redirect:/improvements/" + id;
    }

    @PostMapping("/suggestions/{id}/move")
    String moveSuggestion(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) String to,
                          @RequestParam(required = false) Long from, RedirectAttributes redirect) {
        try {
            Long target = to == null || to.isBlank() || to.equals("new") ? null : Long.valueOf(to.strip());
            long now = grouping.move(new GroupingSuggestions.MoveSuggestion(id, version, target));
            redirect.addFlashAttribute("message", "suggestion.moved");
            return "redirect:/improvements/" + (from != null ? from : now);
        } catch (BusinessRuleException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute("error", "no item " + to);
        }
        return from != null ? "redirect:/improvements/" + from : "redirect:/improvements";
    }
}
