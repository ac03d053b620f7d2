package io.fidelis.app.customer;

import java.util.List;

/** One page of a customer search. */
public record CustomerPage(List<CustomerRecord> items, int page, int size, long total) {
}
