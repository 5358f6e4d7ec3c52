package io.revloop.alert;

import io.revloop.security.Redactor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The alert events ({@code alert_events}), which are also the outbox of the messages: an event is
 * written before anything is sent and stays pending until Slack has accepted its message.
 */
@Repository
class AlertOutbox {

    static final String FIRING = "firing";
    static final String RESOLVED = "resolved";
    static final String DIGEST = "digest";

    private final JdbcTemplate jdbc;

    AlertOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An event to record: {@code blocks} is the Block Kit JSON array of its part of a message. */
    record NewEvent(String rule, String kpi, String grain, LocalDate periodStart, String dimension,
                    String dimensionValue, BigDecimal value, BigDecimal threshold, String comparison,
                    String severity, String state, String blocks, boolean deliver) {
    }

    /**
     * An operations event to record: a condition ({@code rule}) of a source's runs, firing or resolved;
     * {@code value} and {@code threshold} are the dead-lettered rows and the threshold where they apply.
     */
    record SourceEvent(String rule, String source, String severity, String state, Long value, Long threshold,
                       String blocks, boolean deliver) {
    }

    /** A recorded event as the API shows it and delivery reads it; {@code source} is set for operations events. */
    record Event(long id, String rule, String kpi, String grain, LocalDate periodStart, String dimension,
                 String dimensionValue, BigDecimal value, BigDecimal threshold, String comparison, String severity,
                 String state, OffsetDateTime createdAt, OffsetDateTime sentAt, int attempts, String lastError,
                 String blocks, boolean deliver, String source) {
    }

    /** The last firing or resolved event of a rule, grain, period and dimension value. */
    record LastState(String state, OffsetDateTime lastFiredAt) {
    }

    void add(NewEvent event, OffsetDateTime now) {
        jdbc.update("INSERT INTO alert_events (rule_id, kpi, grain, period_start, dimension, dimension_value, "
                        + "metric_value, threshold, comparison, severity, alert_state, blocks, created_at, attempts, deliver) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)", event.rule(), event.kpi(), event.grain(),
                event.periodStart(), event.dimension(), event.dimensionValue(), event.value(), event.threshold(),
                event.comparison(), event.severity(), event.state(), event.blocks(), now, event.deliver());
    }

    void add(SourceEvent event, OffsetDateTime now) {
        jdbc.update("INSERT INTO alert_events (rule_id, source, metric_value, threshold, severity, alert_state, blocks, "
                        + "created_at, attempts, deliver) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)", event.rule(),
                event.source(), event.value(), event.threshold(), event.severity(), event.state(), event.blocks(), now,
                event.deliver());
    }

    /** The last state (firing or resolved) of each operations condition of a source, by rule. */
    Map<String, String> sourceStates(String source) {
        Map<String, String> states = new HashMap<>();
        jdbc.query("SELECT rule_id, alert_state FROM alert_events WHERE source = ? AND alert_state IN (?, ?) "
                + "ORDER BY id", rs -> {
            states.put(rs.getString(1), rs.getString(2));
        }, source, FIRING, RESOLVED);
        return states;
    }

    /** Events Slack has not taken yet (pending, with or without an error), for the backlog metric. */
    long pendingCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert_events WHERE sent_at IS NULL AND deliver = TRUE",
                Long.class);
    }

    /** The state of every alert key with events for periods from {@code from} on, keyed by {@link #key}. */
    Map<String, LastState> lastStates(LocalDate from) {
        Map<String, LastState> states = new HashMap<>();
        jdbc.query("SELECT rule_id, grain, period_start, dimension_value, alert_state, created_at FROM alert_events "
                + "WHERE alert_state IN (?, ?) AND period_start >= ? ORDER BY id", rs -> {
            String key = key(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4));
            OffsetDateTime at = rs.getObject(6, OffsetDateTime.class);
            LastState before = states.get(key);
            boolean firing = FIRING.equals(rs.getString(5));
            states.put(key, new LastState(rs.getString(5), firing ? at : before == null ? null : before.lastFiredAt()));
        }, FIRING, RESOLVED, from);
        return states;
    }

    static String key(String rule, String grain, LocalDate periodStart, String dimensionValue) {
        return rule + "|" + grain + "|" + periodStart + "|" + Objects.toString(dimensionValue, "");
    }

    /** Events not yet delivered whose next attempt is due, oldest first. */
    List<Event> due(OffsetDateTime now) {
        return jdbc.query(SELECT + " WHERE sent_at IS NULL AND deliver = TRUE AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
                + "ORDER BY id", (rs, i) -> event(rs), now);
    }

    /** Events newest first, optionally of one state. */
    List<Event> list(String state, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = "";
        if (state != null) {
            where = " WHERE alert_state = ?";
            parameters.add(state);
        }
        parameters.add(limit);
        return jdbc.query(SELECT + where + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY", (rs, i) -> event(rs),
                parameters.toArray());
    }

    void markSent(Collection<Long> ids, OffsetDateTime now) {
        ids.forEach(id -> jdbc.update("UPDATE alert_events SET sent_at = ?, attempts = attempts + 1, "
                + "next_attempt_at = NULL, last_error = NULL WHERE id = ?", now, id));
    }

    void markFailed(Collection<Long> ids, String error, OffsetDateTime nextAttempt) {
        String redacted = Redactor.redact(error);
        String text = redacted.length() > 1000 ? redacted.substring(0, 1000) : redacted;
        ids.forEach(id -> jdbc.update("UPDATE alert_events SET attempts = attempts + 1, next_attempt_at = ?, "
                + "last_error = ? WHERE id = ?", nextAttempt, text, id));
    }

    private static final String SELECT = "SELECT id, rule_id, kpi, grain, period_start, dimension, dimension_value, "
            + "metric_value, threshold, comparison, severity, alert_state, created_at, sent_at, attempts, last_error, "
            + "blocks, deliver, source FROM alert_events";

    private static Event event(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), rs.getBigDecimal(8),
                rs.getBigDecimal(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getObject(13, OffsetDateTime.class), rs.getObject(14, OffsetDateTime.class), rs.getInt(15),
                rs.getString(16), rs.getString(17), rs.getBoolean(18), rs.getString(19));
    }
}
