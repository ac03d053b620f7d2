package io.fidelis.app.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The command to record (or replace) the delivery of an order. */
public record RecordDelivery(String warehouse, LocalDate promisedOn, Instant deliveredAt,
                             List<DeliveryRecord.Shortfall> shortfalls) {
}
