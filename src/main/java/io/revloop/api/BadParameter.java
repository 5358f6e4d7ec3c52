package io.revloop.api;

import java.util.function.Function;

/**
 * A request parameter that cannot be used (HTTP 400): the message names the parameter, the value given
 * and the form expected — {@code from: '2026/01/01' is not a date; use YYYY-MM-DD} — never a Java type.
 */
public class BadParameter extends IllegalArgumentException {

    public BadParameter(String name, String value, String problem, String expected) {
        super(name + ": " + (value == null ? "missing" : "'" + value + "' " + problem) + "; " + expected);
    }

    /**
     * {@code value} read by {@code parser}; a value it refuses (IllegalArgumentException) is reported as
     * {@code problem}, with {@code expected}.
     */
    public static <T> T parse(String name, String value, Function<String, T> parser, String problem, String expected) {
        if (value == null || value.isBlank()) {
            throw new BadParameter(name, null, problem, expected);
        }
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new BadParameter(name, value, problem, expected);
        }
    }
}
