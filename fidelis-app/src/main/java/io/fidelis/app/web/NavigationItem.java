package io.fidelis.app.web;

import java.util.Set;

/**
 * An entry of the workspace's left navigation. Each capability declares its own as a bean, so later issues extend
 * the navigation without editing the layout; an entry shows only to the roles that may open it.
 *
 * @param messageKey the label's message key
 * @param path where it leads, such as {@code /customers}
 * @param roles the roles that see it (names of {@code Role})
 */
public record NavigationItem(int order, String messageKey, String path, Set<String> roles) {
    public NavigationItem {
        roles = Set.copyOf(roles);
    }
}
