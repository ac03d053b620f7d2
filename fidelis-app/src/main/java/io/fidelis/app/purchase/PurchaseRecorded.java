package io.fidelis.app.purchase;

/** Published when a purchase is recorded through the API. */
public record PurchaseRecorded(long customerId, String orderId) {
}
