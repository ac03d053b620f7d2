package io.fidelis.app.delivery.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The JSON body of {@code PUT /api/v1/orders/{orderId}/delivery}. */
record DeliveryForm(@NotBlank @Size(max = 100) String warehouse, @NotNull LocalDate promisedOn, Instant deliveredAt,
                    @Size(max = 1000) List<@Valid Line> shortfalls) {
    record Line(@NotBlank @Size(max = 100) String sku, @NotNull @PositiveOrZero BigDecimal quantityShort,
                Boolean outOfStock) {
    }
}
