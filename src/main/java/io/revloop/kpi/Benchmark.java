package io.revloop.kpi;

import java.math.BigDecimal;

/** The reference band of a KPI from the catalogue, in the KPI's unit; either end may be open (null). */
public record Benchmark(BigDecimal low, BigDecimal high, String note) {

    public static Benchmark band(String low, String high, String note) {
        return new Benchmark(low == null ? null : new BigDecimal(low), high == null ? null : new BigDecimal(high), note);
    }
}
