package io.revloop.kpi;

/** How a KPI's value reads. Ratios are fractions (0.25 = 25 %); money is in the base currency. */
public enum Unit {
    COUNT("count"),
    RATIO("ratio"),
    MONEY("money"),
    MONEY_PER_DAY("money per day"),
    DAYS("days"),
    MINUTES("minutes"),
    SECONDS("seconds"),
    MONTHS("months"),
    POINTS("points"),
    SCORE("score"),
    NUMBER("number");

    private final String label;

    Unit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
