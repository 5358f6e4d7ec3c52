package io.revloop.kpi;

import io.revloop.RevloopProperties;
import io.revloop.model.Entity;
import io.revloop.store.ReplacedAnchors;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The first local day a sync run's records count on — the earliest of every date a KPI could place
 * them at, before and after the run (a lead or deal keeps the earliest time of the version it
 * replaced), including the cohort day of a lead whose touchpoints changed. The recompute after the run
 * covers the periods from there on (later periods depend on earlier ones). A run that changed an FX
 * rate changes money from that rate's day on.
 */
@Component
public class ChangedDays {

    /** Per table: the timestamp columns and the date columns its rows are counted on. */
    private static final String[][] ANCHORS = {
            {"leads", timestamps(Entity.LEADS), ""},
            {"deals", timestamps(Entity.DEALS), ""},
            {"deal_stage_changes", "entered_at", ""},
            {"survey_responses", "responded_at", ""},
            {"ad_spend", "", "spend_date"},
            {"web_traffic", "", "traffic_date"},
            {"costs", "", "month_start"},
            {"mrr", "", "month_start"},
            {"quotas", "", "period_start"},
            {"fx_rates", "", "rate_date"},
    };

    /** The times a lead or deal is counted on, and the earliest of those of the version it replaced. */
    private static String timestamps(Entity entity) {
        return String.join(", ", ReplacedAnchors.of(entity)) + ", " + ReplacedAnchors.COLUMN;
    }

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    public ChangedDays(JdbcTemplate jdbc, RevloopProperties properties) {
        this.jdbc = jdbc;
        this.zone = properties.timeZone();
    }

    /** What a run changed: the first day its records count on, and the tables it wrote rows to that count on a day. */
    public record Changes(LocalDate firstDay, Set<String> tables) {
        public boolean touchedAny(Set<String> names) {
            return names.stream().anyMatch(tables::contains);
        }
    }

    /** What a run changed; empty if it changed nothing KPIs read. */
    public Optional<Changes> of(long runId) {
        LocalDate first = null;
        Set<String> tables = new TreeSet<>();
        for (String[] table : ANCHORS) {
            LocalDate earliest = earliest("FROM " + table[0] + " WHERE sync_run_id = ?", table[1], table[2], runId);
            if (earliest != null) {
                tables.add(table[0]);
                first = earlier(first, earliest);
            }
        }
        LocalDate touched = earliest("FROM leads l WHERE (l.source, l.external_id) IN (SELECT t.source, "
                + "t.lead_external_id FROM touchpoints t WHERE t.sync_run_id = ?)", "l.created_at, l.customer_at", "",
                runId);
        if (touched != null) {
            tables.add("touchpoints");
            first = earlier(first, touched);
        }
        return first == null ? Optional.empty() : Optional.of(new Changes(first, Set.copyOf(tables)));
    }

    private LocalDate earliest(String fromWhere, String timestamps, String dates, long runId) {
        String[] timestampColumns = timestamps.isBlank() ? new String[0] : timestamps.split(",\\s*");
        String[] dateColumns = dates.isBlank() ? new String[0] : dates.split(",\\s*");
        StringBuilder select = new StringBuilder("SELECT ");
        for (int c = 0; c < timestampColumns.length + dateColumns.length; c++) {
            String column = c < timestampColumns.length ? timestampColumns[c] : dateColumns[c - timestampColumns.length];
            select.append(c == 0 ? "" : ", ").append("MIN(").append(column).append(')');
        }
        return jdbc.queryForObject(select + " " + fromWhere, (rs, i) -> {
            LocalDate first = null;
            for (int c = 0; c < timestampColumns.length + dateColumns.length; c++) {
                LocalDate day;
                if (c < timestampColumns.length) {
                    OffsetDateTime time = rs.getObject(c + 1, OffsetDateTime.class);
                    day = time == null ? null : time.atZoneSameInstant(zone).toLocalDate();
                } else {
                    day = rs.getObject(c + 1, LocalDate.class);
                }
                first = earlier(first, day);
            }
            return first;
        }, runId);
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
