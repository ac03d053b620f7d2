package io.fidelis.app.customer;

import java.util.List;
import java.util.Map;

/**
 * A part of the Customer 360 page contributed by another capability, which it discovers as Spring beans: purchases
 * add their figures and history, later issues add surveys, complaints, visits and referrals. The customer capability
 * calls its contributors only for customers the caller may see.
 */
public interface CustomerViewContribution {

    /** Position on the page, lowest first. */
    int order();

    /** The Thymeleaf fragment that renders {@link #model}, such as {@code purchase/customer :: panel}. */
    String fragment();

    /** What the fragment shows for this customer. */
    Map<String, Object> model(CustomerRecord customer);

    /** This capability's timeline entries for the customer, newest first, at most {@code limit}. */
    default List<TimelineEntry> timeline(CustomerRecord customer, int limit) {
        return List.of();
    }
}
