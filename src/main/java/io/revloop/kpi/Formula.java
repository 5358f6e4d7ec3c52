package io.revloop.kpi;

import io.revloop.kpi.facts.Measure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** How a KPI is computed from a period's facts; null when there is nothing to report for the period. */
@FunctionalInterface
public interface Formula {

    int SCALE = 10;

    KpiResult apply(PeriodFacts facts);

    /** A count or sum of measures in the period. */
    static Formula total(Measure... measures) {
        return new Total(List.of(measures));
    }

    /** A count or sum of measures in the period: it accumulates over the period's days. */
    record Total(List<Measure> measures) implements Formula {
        @Override
        public KpiResult apply(PeriodFacts facts) {
            BigDecimal total = measures.stream().map(facts::sum).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new KpiResult(total, total, null);
        }
    }

    /** A running total at the end of the period: opened minus closed. */
    static Formula level(Measure in, Measure out) {
        return f -> {
            BigDecimal level = f.level(in).subtract(f.level(out));
            return new KpiResult(level, level, null);
        };
    }

    /** numerator ÷ denominator; value null when the denominator is zero, no result when both are. */
    static Formula ratio(Function<PeriodFacts, BigDecimal> numerator, Function<PeriodFacts, BigDecimal> denominator) {
        return scaledRatio(numerator, denominator, BigDecimal.ONE);
    }

    static Formula ratio(Measure numerator, Measure denominator) {
        return ratio(f -> f.sum(numerator), f -> f.sum(denominator));
    }

    /** numerator ÷ denominator × factor (e.g. 100 for points). */
    static Formula scaledRatio(Function<PeriodFacts, BigDecimal> numerator, Function<PeriodFacts, BigDecimal> denominator,
                               BigDecimal factor) {
        return f -> {
            BigDecimal n = numerator.apply(f);
            BigDecimal d = denominator.apply(f);
            if (n.signum() == 0 && d.signum() == 0) {
                return null;
            }
            return new KpiResult(divide(n.multiply(factor), d), n, d);
        };
    }

    /** a ÷ b at the scale of stored values; null when either is unknown or b is zero. */
    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return a == null || b == null || b.signum() == 0 ? null : a.divide(b, SCALE, RoundingMode.HALF_EVEN);
    }

    static Function<PeriodFacts, BigDecimal> sumOf(Measure... measures) {
        return f -> Arrays.stream(measures).map(f::sum).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
