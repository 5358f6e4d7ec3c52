package io.revloop.alert;

import io.revloop.kpi.Dimension;
import io.revloop.kpi.Grain;
import io.revloop.kpi.KpiDefinition;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * A checked alert rule: the KPI it watches, which period, how, and where its messages go (null: the
 * default webhook). {@code minSample}: the smallest denominator its ratio is judged on (null: any).
 */
record AlertRule(String name, KpiDefinition kpi, Grain grain, Dimension dimension, String dimensionValue,
                 Comparison comparison, BigDecimal threshold, Severity severity, String webhookUrl,
                 Duration cooldown, Period period, KpiDefinition.Sample minSample) {

    /** Which period a rule checks. */
    enum Period {
        /** The last complete period of the grain, once its data is complete. */
        COMPLETE,
        /** The running period, against the threshold times the share of it that has passed (counts and sums only). */
        CURRENT;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Period of(String id) {
            for (Period period : values()) {
                if (period.id().equals(id == null ? "complete" : id.trim())) {
                    return period;
                }
            }
            throw new IllegalArgumentException("period must be complete or current, not '" + id + "'");
        }
    }

    boolean breachedBy(BigDecimal value) {
        return value != null && comparison.holds(value, threshold);
    }

    enum Comparison {
        LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }

        boolean holds(BigDecimal value, BigDecimal threshold) {
            int order = value.compareTo(threshold);
            return switch (this) {
                case LESS -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                case GREATER -> order > 0;
                case GREATER_OR_EQUAL -> order >= 0;
            };
        }

        static Comparison of(String symbol) {
            for (Comparison comparison : values()) {
                if (comparison.symbol.equals(symbol == null ? null : symbol.trim())) {
                    return comparison;
                }
            }
            throw new IllegalArgumentException("comparison must be one of <, <=, >, >=, not '" + symbol + "'");
        }
    }

    enum Severity {
        INFO, WARNING, CRITICAL;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Severity of(String id) {
            for (Severity severity : values()) {
                if (severity.id().equals(id == null ? "warning" : id.trim())) {
                    return severity;
                }
            }
            throw new IllegalArgumentException("severity must be one of info, warning, critical, not '" + id + "'");
        }
    }
}
