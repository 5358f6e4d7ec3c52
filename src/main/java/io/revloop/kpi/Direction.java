package io.revloop.kpi;

/** Which way is good. */
public enum Direction {
    HIGHER_IS_BETTER("higher"),
    LOWER_IS_BETTER("lower"),
    NEUTRAL("neutral");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
