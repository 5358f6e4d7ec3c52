package io.revloop.kpi.facts;

import io.revloop.kpi.LocalDays;
import io.revloop.store.SqlDialect;
import java.time.LocalDate;

/** The few SQL expressions the two databases write differently. */
public record KpiSql(SqlDialect dialect, LocalDays localDays) {

    /**
     * Seconds from {@code from} to {@code to}, two TIMESTAMP WITH TIME ZONE expressions, as a decimal:
     * HSQLDB's DATEDIFF is a BIGINT, and a BIGINT divided by 60.0 stays a BIGINT there (10 min 30 s
     * came out as 10 minutes), so it is cast to a decimal of the stored values' scale.
     */
    public String secondsBetween(String from, String to) {
        return dialect == SqlDialect.POSTGRESQL
                ? "EXTRACT(EPOCH FROM (" + to + " - " + from + "))"
                : "CAST(DATEDIFF('second', " + from + ", " + to + ") AS DECIMAL(28, 10))";
    }

    /** Whole days from one DATE expression to another. */
    public String daysBetween(String from, String to) {
        return dialect == SqlDialect.POSTGRESQL
                ? "(" + to + " - " + from + ")"
                : "DATEDIFF('day', " + from + ", " + to + ")";
    }

    /** The first day of the period of {@code grain} holding a DATE expression (ISO weeks, calendar quarters). */
    public String periodStart(io.revloop.kpi.Grain grain, String date) {
        if (dialect == SqlDialect.POSTGRESQL) {
            return grain == io.revloop.kpi.Grain.DAY ? date
                    : "CAST(DATE_TRUNC('" + grain.id() + "', " + date + ") AS DATE)";
        }
        return switch (grain) {
            case DAY -> date;
            case WEEK -> "CAST(TRUNC(" + date + ", 'IW') AS DATE)";
            case MONTH -> "CAST(TRUNC(" + date + ", 'MM') AS DATE)";
            case QUARTER -> "CAST(DATEADD('month', CAST((MONTH(" + date + ") - 1) / 3 AS INTEGER) * 3, TRUNC("
                    + date + ", 'YYYY')) AS DATE)";
        };
    }

    /** The median of an expression over a group. */
    public String median(String expression) {
        return dialect == SqlDialect.POSTGRESQL
                ? "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " + expression + ")"
                : "MEDIAN(" + expression + ")";
    }

    public String localDay(String timestamp) {
        return localDays.of(timestamp);
    }

    /** The bound for "anchored on {@code day} or later": the day itself for a DATE, its first instant for a timestamp. */
    public Object dayOrLater(LocalDate day, boolean anchoredOnDate) {
        return anchoredOnDate ? day : localDays.startOf(day);
    }
}
