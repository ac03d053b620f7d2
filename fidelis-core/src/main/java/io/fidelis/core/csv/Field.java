package io.fidelis.core.csv;

import java.util.Objects;

/**
 * One field an import understands.
 *
 * @param name      the native column name, also the name used with {@code --map name=Header}
 * @param type      how values are parsed and checked
 * @param required  whether a row without a value is rejected
 * @param maxLength the longest accepted text, for text-like types
 */
public record Field(String name, FieldType type, boolean required, int maxLength) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (maxLength <= 0) {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
    }

    public static Field required(String name, FieldType type, int maxLength) {
        return new Field(name, type, true, maxLength);
    }

    public static Field optional(String name, FieldType type, int maxLength) {
        return new Field(name, type, false, maxLength);
    }
}
