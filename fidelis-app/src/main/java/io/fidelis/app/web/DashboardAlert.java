package io.fidelis.app.web;

import java.util.List;

/**
 * A warning on the overview dashboard, such as a rise in complaints. Capabilities contribute theirs through a
 * {@link DashboardAlerts} bean, so the dashboard does not depend on them.
 *
 * @param messageKey the message, with {@code arguments} as its parameters
 * @param link where the details are
 */
public record DashboardAlert(String messageKey, List<Object> arguments, String link) {
    public DashboardAlert {
        arguments = List.copyOf(arguments);
    }
}
