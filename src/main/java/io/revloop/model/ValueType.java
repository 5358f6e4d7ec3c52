package io.revloop.model;

/** The kinds of value a canonical field holds; each knows its SQL type for casts and binds. */
public enum ValueType {
    TEXT("VARCHAR(65535)"),
    EMAIL("VARCHAR(65535)"),
    CHANNEL("VARCHAR(65535)"),
    CURRENCY("VARCHAR(65535)"),
    TIMESTAMP("TIMESTAMP WITH TIME ZONE"),
    DATE("DATE"),
    /** A calendar month, stored as the date of its first day. */
    MONTH("DATE"),
    DECIMAL("DECIMAL(30,10)"),
    INTEGER("BIGINT"),
    BOOLEAN("BOOLEAN");

    private final String castType;

    ValueType(String castType) {
        this.castType = castType;
    }

    public String castType() {
        return castType;
    }
}
