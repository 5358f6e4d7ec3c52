package io.revloop.kpi;

import java.time.LocalDate;

/**
 * A computed KPI value: one KPI, grain, period and dimension value (dimension null = overall).
 * {@code complete}: the period is over and the data of every input the KPI reads reaches its end.
 */
public record KpiValue(String kpi, Grain grain, LocalDate periodStart, Dimension dimension, String dimensionValue,
                       KpiResult result, boolean complete) {
}
