package io.fidelis.app.purchase.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The JSON body to record a purchase. A return has negative quantities and may name the original order. */
record PurchaseForm(
        @NotBlank @Size(max = 100) String orderId,
        @NotNull Instant purchasedAt,
        @Size(max = 50) String channel,
        @Size(max = 100) String originalOrderId,
        @NotEmpty List<@Valid LineForm> lines) {

    record LineForm(
            @Size(max = 100) String sku,
            @Size(max = 100) String category,
            @NotNull @Digits(integer = 15, fraction = 4) BigDecimal quantity,
            @NotNull @Digits(integer = 15, fraction = 4) BigDecimal unitPrice,
            @Digits(integer = 15, fraction = 4) BigDecimal unitCost) {
    }
}
