package io.revloop.kpi;

import java.time.LocalDate;

/** A computed KPI value: one KPI, grain, period and dimension value (dimension null = overall). */
public record KpiValue(String kpi, Grain grain, LocalDate periodStart, Dimension dimension, String dimensionValue,
                       KpiResult result) {
}
