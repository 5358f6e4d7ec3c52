package io.revloop.kpi.scoring;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The five criteria of the points model (seed 003) and the most points each can give. */
public enum Criterion {
    COMPANY_FIT(30),
    CONTACT_FIT(25),
    ENGAGEMENT(20),
    INTENT(15),
    BANT(10);

    private final int maximum;

    Criterion(int maximum) {
        this.maximum = maximum;
    }

    public int maximum() {
        return maximum;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Criterion of(String id) {
        return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown criterion '" + id + "'; valid: "
                        + Arrays.stream(values()).map(Criterion::id).collect(Collectors.joining(", "))));
    }
}
