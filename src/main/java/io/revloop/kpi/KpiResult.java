package io.revloop.kpi;

import java.math.BigDecimal;

/**
 * A KPI's value in one period, with the numerator and denominator it came from (null for a plain
 * count or sum), so a BI tool can re-aggregate. A ratio whose denominator is zero has value null.
 */
public record KpiResult(BigDecimal value, BigDecimal numerator, BigDecimal denominator) {
}
