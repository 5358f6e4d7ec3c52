package io.revloop.model;

import java.util.List;

/**
 * One field of a canonical entity: its name in the import format, its column in the store, its
 * type and constraints. {@code required} means the import header must have the column and every
 * row a value; optional columns may be absent from the header or empty.
 */
public record Field(String name, String column, ValueType type, boolean required, int maxLength,
                    int scale, List<String> allowed) {

    public static Field required(String name, String column, ValueType type) {
        return new Field(name, column, type, true, defaultLength(type), defaultScale(type), List.of());
    }

    public static Field optional(String name, String column, ValueType type) {
        return new Field(name, column, type, false, defaultLength(type), defaultScale(type), List.of());
    }

    public Field maxLength(int length) {
        return new Field(name, column, type, required, length, scale, allowed);
    }

    public Field scale(int digits) {
        return new Field(name, column, type, required, maxLength, digits, allowed);
    }

    public Field oneOf(String... values) {
        return new Field(name, column, type, required, maxLength, scale, List.of(values));
    }

    private static int defaultLength(ValueType type) {
        return switch (type) {
            case EMAIL -> 320;
            case CHANNEL -> 32;
            case CURRENCY -> 3;
            default -> 255;
        };
    }

    private static int defaultScale(ValueType type) {
        return type == ValueType.DECIMAL ? 6 : 0;
    }
}
