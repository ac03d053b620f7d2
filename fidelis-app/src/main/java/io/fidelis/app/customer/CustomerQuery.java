package io.fidelis.app.customer;

import java.util.Locale;
import java.util.Set;

/**
 * A customer search: each given criterion narrows the result. {@code text} matches name, e-mail or external id.
 *
 * @param sort one of {@link #SORTABLE}, optionally followed by {@code ,desc}
 */
public record CustomerQuery(String text, String email, String segment, String region, String accountManager,
                            String sort, int page, int size) {
    public static final Set<String> SORTABLE = Set.of("externalId", "name", "email", "region", "segment",
            "acquiredOn", "createdAt");
    public static final int MAX_SIZE = 500;

    public CustomerQuery {
        page = Math.max(0, page);
        size = size <= 0 ? 50 : Math.min(size, MAX_SIZE);
        sort = sort == null || sort.isBlank() ? "externalId" : sort;
    }

    String sortColumn() {
        String field = sort.split(",")[0].strip();
        return switch (field) {
            case "externalId" -> "c.external_id";
            case "name" -> "c.name";
            case "email" -> "c.email";
            case "region" -> "c.region";
            case "segment" -> "c.segment";
            case "acquiredOn" -> "c.acquired_on";
            case "createdAt" -> "c.created_at";
            default -> throw new io.fidelis.app.shared.InvalidInputException("sort",
                    "cannot sort by '" + field + "'; sortable fields: " + String.join(", ", SORTABLE.stream()
                            .sorted().toList()));
        };
    }

    boolean descending() {
        String[] parts = sort.split(",");
        return parts.length > 1 && parts[1].strip().toLowerCase(Locale.ROOT).equals("desc");
    }
}
