package io.fidelis.app.suggestion.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.fidelis.app.suggestion.ImprovementItem;
import io.fidelis.app.suggestion.ImprovementStatus;
import io.fidelis.app.suggestion.ManagingImprovements;
import io.fidelis.app.suggestion.ReceivingSuggestions;
import io.fidelis.app.suggestion.Suggestion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Suggestions and the improvement backlog in the API, as on the improvements board and the Customer 360. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Suggestions and improvements", description = "What customers suggest, grouped into improvement items"
        + " that are ranked, planned and delivered; delivery closes the loop with each customer who asked.")
class ImprovementController {
    private final ManagingImprovements improvements;
    private final ReceivingSuggestions suggestions;

    ImprovementController(ManagingImprovements improvements, ReceivingSuggestions suggestions) {
        this.improvements = improvements;
        this.suggestions = suggestions;
    }

    /**
     * An item with what ranks it: the distinct customers and suggestions behind it, their combined CLV, the
     * complaints about its products or categories in the window, and the score (0–100).
     */
    record ItemDto(long id, String title, String description, ImprovementStatus status, int customers,
                   int suggestions, double clv, int complaints, List<String> skus, List<String> categories,
                   double score, String declineReason, Instant deliveredAt, String deliveryNote, Instant createdAt,
                   long version) {
        static ItemDto of(ManagingImprovements.Card c) {
            ImprovementItem i = c.item();
            return new ItemDto(i.id(), i.title(), i.description(), i.status(), c.customers(), c.suggestions(),
                    round(c.clv()), c.complaints(), c.skus().stream().sorted().toList(),
                    c.categories().stream().sorted().toList(), round(c.score()), i.declineReason(), i.deliveredAt(),
                    i.deliveryNote(), i.createdAt(), i.version());
        }

        private static double round(double v) {
            return Math.round(v * 100) / 100.0;
        }
    }

    record SuggestionDto(long id, String source, String text, String sku, String category, String language,
                         Instant receivedAt) {
        static SuggestionDto of(Suggestion s) {
            return new SuggestionDto(s.id(), s.source().name(), s.text(), s.sku(), s.category(), s.language(),
                    s.receivedAt());
        }
    }

    /** A customer behind an item, with what they suggested and what they were told on delivery. */
    record AskerDto(String customerId, List<SuggestionDto> suggestions, String notice) {
    }

    /** An item, the customers behind it the caller may see, and how many others there are. */
    record DetailDto(ItemDto item, List<AskerDto> customers, int otherCustomers) {
    }

    @GetMapping("/improvements")
    @Operation(summary = "The improvement items", description = "Highest score first, optionally of one status.")
    List<ItemDto> list(@RequestParam(required = false) ImprovementStatus status) {
        return improvements.board().columns().entrySet().stream()
                .filter(e -> status == null || e.getKey() == status)
                .flatMap(e -> e.getValue().stream())
                .sorted(Comparator.comparingDouble(ManagingImprovements.Card::score).reversed()
                        .thenComparing(c -> c.item().id()))
                .map(ItemDto::of).toList();
    }

    @GetMapping("/improvements/{id}")
    @Operation(summary = "One improvement item", description = "With the customers behind it that you may see (an"
            + " account manager: their own) and the number of the others.")
    DetailDto get(@PathVariable long id) {
        ManagingImprovements.Detail d = improvements.detail(id);
        return new DetailDto(ItemDto.of(d.card()), d.askers().stream().map(a -> new AskerDto(
                a.customer().externalId(), a.suggestions().stream().map(SuggestionDto::of).toList(), a.notice()))
                .toList(), d.otherCustomers());
    }

    /** A step for an item: its {@code version} as last read, the move, and its text (a reason or a note). */
    record MoveForm(@NotNull Long version, @NotNull ManagingImprovements.Move move, @Size(max = 2000) String text) {
    }

    @PostMapping("/improvements/{id}/moves")
    @Operation(summary = "Move an item", description = "REVIEW, PLAN, DELIVER (with a note for the customers),"
            + " DECLINE (with a reason) or RECONSIDER. Delivering tells every customer behind the item.")
    ItemDto move(@PathVariable long id, @Valid @RequestBody MoveForm form) {
        improvements.move(new ManagingImprovements.MoveItem(id, form.version(), form.move(), form.text()));
        return ItemDto.of(improvements.detail(id).card());
    }

    /** What a customer suggested, and the product (SKU) or category it is about. */
    record SuggestionForm(@NotBlank @Size(max = 2000) String text, @NotBlank @Size(max = 100) String subject) {
    }

    @PostMapping("/customers/{id}/suggestions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a customer's suggestion", description = "For a customer you may see (an account"
            + " manager: their own). It is grouped with others about the same need.")
    Map<String, Object> suggest(@PathVariable String id, @Valid @RequestBody SuggestionForm form) {
        long created = suggestions.forCustomer(new ReceivingSuggestions.SuggestForCustomer(id, form.text(),
                form.subject()));
        return Map.of("id", created);
    }
}
