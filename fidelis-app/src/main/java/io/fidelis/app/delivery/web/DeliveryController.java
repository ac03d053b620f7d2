package io.fidelis.app.delivery.web;

import java.util.List;

import io.fidelis.app.delivery.Deliveries;
import io.fidelis.app.delivery.DeliveryRecord;
import io.fidelis.app.delivery.RecordDelivery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orders/{orderId}/delivery")
@Tag(name = "Deliveries", description = "The delivery of an order: promised day, delivery time, warehouse, short lines")
class DeliveryController {
    private final Deliveries deliveries;

    DeliveryController(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @PutMapping
    @Operation(summary = "Record or replace the delivery of an order (audited)")
    DeliveryRecord put(@PathVariable String orderId, @Valid @RequestBody DeliveryForm form) {
        List<DeliveryRecord.Shortfall> lines = form.shortfalls() == null ? List.of() : form.shortfalls().stream()
                .map(l -> new DeliveryRecord.Shortfall(l.sku(), l.quantityShort(),
                        Boolean.TRUE.equals(l.outOfStock()))).toList();
        return deliveries.record(orderId, new RecordDelivery(form.warehouse(), form.promisedOn(), form.deliveredAt(),
                lines));
    }

    @GetMapping
    @Operation(summary = "The delivery of an order: on time, in full, the lines short")
    DeliveryRecord get(@PathVariable String orderId) {
        return deliveries.find(orderId);
    }
}
