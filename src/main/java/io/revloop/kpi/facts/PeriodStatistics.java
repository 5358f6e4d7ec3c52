package io.revloop.kpi.facts;

import io.revloop.kpi.Dimension;
import io.revloop.kpi.Grain;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Values that do not add up from days and are computed per period directly: a median, or the open
 * pipeline due in a period as of its first day.
 */
public final class PeriodStatistics {

    /** Both are read from the CRM's records (leads, deals): {@link KpiInput#CRM}. */
    public enum Statistic {
        /** Median minutes from lead creation to first sales response, of the leads created in the period. */
        RESPONSE_MINUTES_MEDIAN,
        /** Amount of the deals open at the period's start whose expected close falls in the period. */
        OPEN_PIPELINE_DUE
    }

    private record Key(Statistic statistic, Grain grain, Dimension dimension, String value, LocalDate periodStart) {
    }

    private final Map<Key, BigDecimal> values = new HashMap<>();

    public void put(Statistic statistic, Grain grain, Dimension dimension, String value, LocalDate periodStart,
                    BigDecimal amount) {
        values.put(new Key(statistic, grain, dimension, value, periodStart), amount);
    }

    public void add(Statistic statistic, Grain grain, Dimension dimension, String value, LocalDate periodStart,
                    BigDecimal amount) {
        values.merge(new Key(statistic, grain, dimension, value, periodStart), amount, BigDecimal::add);
    }

    /** The statistic of one period and dimension value, or null when there is none. */
    public BigDecimal get(Statistic statistic, Grain grain, Dimension dimension, String value, LocalDate periodStart) {
        return values.get(new Key(statistic, grain, dimension, value, periodStart));
    }
}
