package io.revloop.kpi;

import java.time.ZoneId;

/**
 * SQL for "the day of this timestamp in the hub's time zone". HSQLDB takes the zone only as a
 * literal ({@code AT TIME ZONE ?} is read as an interval there), so the validated zone id is
 * written into the statement; it holds only letters, digits and {@code /_+-:}.
 */
public final class LocalDays {

    private final String zoneLiteral;
    private final ZoneId zone;

    public LocalDays(ZoneId zone) {
        this.zone = zone;
        String id = zone.getId();
        if (!id.matches("[A-Za-z0-9/_+\\-:]+")) {
            throw new IllegalArgumentException("time zone id '" + id + "' cannot be used in SQL");
        }
        this.zoneLiteral = "'" + id + "'";
    }

    /** The local date of a TIMESTAMP WITH TIME ZONE column or expression. */
    public String of(String timestampColumn) {
        return "CAST(" + timestampColumn + " AT TIME ZONE " + zoneLiteral + " AS DATE)";
    }

    /** The instant {@code day} begins in the hub's time zone: a timestamp is on that day or later iff it is not before this. */
    public java.time.OffsetDateTime startOf(java.time.LocalDate day) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }
}
