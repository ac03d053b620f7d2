package io.fidelis.app.purchase.web;

import java.util.List;

import io.fidelis.app.purchase.PurchaseRecord;
import io.fidelis.app.purchase.PurchaseRecording;
import io.fidelis.app.purchase.PurchaseSummary;
import io.fidelis.app.purchase.RecordPurchase;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/customers/{id}")
@Tag(name = "Purchases", description = "A customer's purchases and their summary")
class PurchaseController {
    private final PurchaseRecording purchases;

    PurchaseController(PurchaseRecording purchases) {
        this.purchases = purchases;
    }

    @PostMapping("/purchases")
    @Operation(summary = "Record a purchase (or a return, with negative quantities)")
    ResponseEntity<PurchaseRecord> create(@PathVariable String id, @Valid @RequestBody PurchaseForm form) {
        PurchaseRecord saved = purchases.record(id, new RecordPurchase(form.orderId(), form.purchasedAt(),
                form.channel(), form.originalOrderId(), form.lines().stream()
                .map(l -> new RecordPurchase.Line(l.sku(), l.category(), l.quantity(), l.unitPrice(), l.unitCost()))
                .toList()));
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/v1/customers/{id}/purchases")
                .buildAndExpand(id).encode().toUri()).body(saved);
    }

    @GetMapping("/purchases")
    @Operation(summary = "List a customer's purchases, newest first")
    List<PurchaseRecord> list(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        return purchases.list(id, page, size);
    }

    @GetMapping("/summary")
    @Operation(summary = "Purchase summary: orders, purchase days, first and last purchase, spend, margin, "
            + "categories, returns")
    PurchaseSummary summary(@PathVariable String id) {
        return purchases.summary(id);
    }
}
