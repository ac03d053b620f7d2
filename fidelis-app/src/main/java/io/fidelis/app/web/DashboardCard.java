package io.fidelis.app.web;

import java.util.List;

/**
 * A figure on the overview dashboard contributed by a capability, such as the open improvement items; capabilities
 * contribute theirs through a {@link DashboardCards} bean, so the dashboard does not depend on them.
 *
 * @param id the element id of the value, for tests and links
 * @param value the figure, formatted
 * @param messageKey its label, with {@code arguments}
 * @param link where the details are
 */
public record DashboardCard(String id, String value, String messageKey, List<Object> arguments, String link) {
    public DashboardCard {
        arguments = List.copyOf(arguments);
    }
}
