package io.revloop.kpi.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.RevloopProperties;
import io.revloop.kpi.PlannerStatistics;
import io.revloop.store.SqlDialect;
import io.revloop.sync.SyncFinished;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores leads into {@code lead_scores}: after each sync the leads it wrote, whose touchpoints or
 * account it wrote, before the KPIs are recomputed (which read these scores); all leads when the
 * scoring configuration changed ({@link ScoringConfigurationWatch}).
 * The database counts each lead's touches per type; Java applies the rules; scores are written in
 * batches, a row only when it changed. Deleted leads lose their score.
 *
 * <p>The same pass keeps each lead's email flags (got an email_* touch, replied with email_reply),
 * which the email cohorts count instead of aggregating every touchpoint at each compute. With
 * scoring off the pass still runs for the flags, and the score columns stay null.
 */
@Service
public class LeadScoring {

    private static final Logger log = LoggerFactory.getLogger(LeadScoring.class);
    private static final int CHUNK = 20_000;
    /** Changed leads looked up by key per statement (bind parameters). */
    private static final int KEYS_PER_LOOKUP = 1_000;
    private static final String CHANGED_BY_RUN = "SELECT source, external_id FROM leads WHERE sync_run_id = ? "
            + "UNION SELECT source, lead_external_id FROM touchpoints WHERE sync_run_id = ? "
            + "UNION SELECT l.source, l.external_id FROM leads l JOIN accounts a ON a.source = l.source "
            + "AND a.external_id = l.account_external_id WHERE a.sync_run_id = ?";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
    private final boolean enabled;
    private final LeadScorer scorer;
    private final PlannerStatistics statistics;
    private final String upsert;

    public LeadScoring(JdbcTemplate jdbc, SqlDialect dialect, ObjectMapper json, TransactionTemplate transactions,
                       RevloopProperties properties, PlannerStatistics statistics) {
        this.statistics = statistics;
        this.jdbc = jdbc;
        this.upsert = upsertSql(dialect);
        this.json = json;
        this.transactions = transactions;
        this.enabled = properties.scoring().enabled();
        this.scorer = new LeadScorer(properties.scoring().rules());
    }

    /** Rescores the leads a run changed; first of the work after a sync, so the KPIs see the new scores. */
    @EventListener
    @Order(0)
    public void afterSync(SyncFinished run) {
        long scored = rescoreChangedBy(run.runId());
        if (scored > 0) {
            log.info("Lead {} after {} run {}: {} leads", enabled ? "scores and email flags" : "email flags",
                    run.source(), run.runId(), scored);
        }
    }

    public long rescoreAll() {
        return rescore(null);
    }

    /**
     * Rescores the leads a run changed — or all leads when those are more than a tenth of them (a
     * first import), where one pass over everything is faster than picking the changed ones.
     */
    public long rescoreChangedBy(long runId) {
        statistics.refreshIfStale(List.of("leads", "touchpoints", "accounts", "lead_scores"));
        long all = jdbc.queryForObject("SELECT COUNT(*) FROM leads", Long.class);
        Optional<Map<String, List<String>>> changed = jdbc.query(CHANGED_BY_RUN, rs -> {
            Map<String, List<String>> keys = new TreeMap<>();
            for (long n = 1; rs.next(); n++) {
                if (n * 10 > all) {
                    return Optional.empty();
                }
                keys.computeIfAbsent(rs.getString(1), source -> new ArrayList<>()).add(rs.getString(2));
            }
            return Optional.of(keys);
        }, runId, runId, runId);
        return changed.isPresent() ? rescore(changed.get()) : rescoreAll();
    }

    /**
     * All leads in key order, in chunks ({@code changed} null), or the changed ones (ids per source),
     * looked up by key in groups: filtering a walk over every lead by the changed keys took HSQLDB
     * over a minute for 10 000 of a million leads. One pass at a time (after two sources' runs, or
     * the start-up rescore beside a run): they write the same rows.
     */
    private synchronized long rescore(Map<String, List<String>> changed) {
        return transactions.execute(tx -> {
            List<String> types = enabled ? new ArrayList<>(scorer.touchTypes()) : List.of();
            Timestamp now = Timestamp.from(OffsetDateTime.now().toInstant());
            if (changed == null) {
                jdbc.update("DELETE FROM lead_scores WHERE EXISTS (SELECT 1 FROM leads l WHERE l.source = "
                        + "lead_scores.source AND l.external_id = lead_scores.lead_external_id AND l.deleted_at IS NOT NULL)");
                return rescoreInKeyOrder(types, now);
            }
            long scored = 0;
            for (Map.Entry<String, List<String>> source : changed.entrySet()) {
                List<String> ids = source.getValue();
                for (int from = 0; from < ids.size(); from += KEYS_PER_LOOKUP) {
                    scored += rescoreKeys(types, now, source.getKey(), ids.subList(from,
                            Math.min(ids.size(), from + KEYS_PER_LOOKUP)));
                }
            }
            return scored;
        });
    }

    private long rescoreInKeyOrder(List<String> types, Timestamp now) {
        String sql = chunkSql(types, "(source > ? OR source = ? AND external_id > ?) ORDER BY source, external_id "
                + "LIMIT " + CHUNK);
        long scored = 0;
        String[] after = {"", ""};
        while (true) {
            List<Object> parameters = new ArrayList<>(types);
            parameters.addAll(List.of(after[0], after[0], after[1]));
            List<Object[]> rows = new ArrayList<>();
            jdbc.query(sql, (RowCallbackHandler) rs -> rows.add(row(rs, types, now)), parameters.toArray());
            if (rows.isEmpty()) {
                return scored;
            }
            Object[] last = rows.get(rows.size() - 1);
            after[0] = (String) last[0];
            after[1] = (String) last[1];
            scored += rows.size();
            write(rows);
        }
    }

    /** The leads of one source with these ids: deleted ones lose their score, the others are scored. */
    private long rescoreKeys(List<String> types, Timestamp now, String source, List<String> ids) {
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        List<Object> keys = new ArrayList<>();
        keys.add(source);
        keys.addAll(ids);
        jdbc.update("DELETE FROM lead_scores WHERE source = ? AND lead_external_id IN (" + in + ") AND EXISTS "
                + "(SELECT 1 FROM leads l WHERE l.source = lead_scores.source AND l.external_id = "
                + "lead_scores.lead_external_id AND l.deleted_at IS NOT NULL)", keys.toArray());
        List<Object> parameters = new ArrayList<>(types);
        parameters.addAll(keys);
        List<Object[]> rows = new ArrayList<>();
        jdbc.query(chunkSql(types, "source = ? AND external_id IN (" + in + ")"),
                (RowCallbackHandler) rs -> rows.add(row(rs, types, now)), parameters.toArray());
        write(rows);
        return rows.size();
    }

    /** A lead's row: its score when scoring is on (else nulls) and its email flags. */
    private Object[] row(ResultSet rs, List<String> types, Timestamp now) throws SQLException {
        boolean emailed = rs.getInt(8) == 1;
        boolean replied = rs.getInt(9) == 1;
        if (!enabled) {
            return new Object[] {rs.getString(1), rs.getString(2), null, null, null, null, null, null, null,
                    emailed, replied, now};
        }
        LeadScore score = scorer.score(facts(rs, types));
        return new Object[] {rs.getString(1), rs.getString(2), score.total(), score.band(), score.companyFit(),
                score.contactFit(), score.engagement(), score.intent(), score.bant(), emailed, replied, now};
    }

    /**
     * The leads {@code leads} selects (a condition on the leads table, with any order and limit), with
     * their account, their touches counted per type and whether any was an email (email_*) or a reply
     * (email_reply): memory holds one chunk, on either database (HSQLDB builds a whole result in memory).
     */
    private static String chunkSql(List<String> types, String leads) {
        StringBuilder sql = new StringBuilder("SELECT l.source, l.external_id, l.title, l.extra, a.industry, "
                + "a.employees, a.annual_revenue, MAX(CASE WHEN t.touch_type LIKE 'email%' THEN 1 ELSE 0 END), "
                + "MAX(CASE WHEN t.touch_type = 'email_reply' THEN 1 ELSE 0 END)");
        for (int i = 0; i < types.size(); i++) {
            sql.append(", SUM(CASE WHEN t.touch_type = ? THEN 1 ELSE 0 END)");
        }
        sql.append(" FROM (SELECT source, external_id, title, extra, account_external_id FROM leads "
                + "WHERE deleted_at IS NULL AND ").append(leads).append(") l"
                + " LEFT JOIN accounts a ON a.source = l.source AND a.external_id = l.account_external_id"
                + " AND a.deleted_at IS NULL"
                + " LEFT JOIN touchpoints t ON t.source = l.source AND t.lead_external_id = l.external_id"
                + " AND t.deleted_at IS NULL"
                + " GROUP BY l.source, l.external_id, l.title, l.extra, a.industry, a.employees, a.annual_revenue"
                + " ORDER BY l.source, l.external_id");
        return sql.toString();
    }

    private LeadScorer.LeadFacts facts(ResultSet rs, List<String> types) throws SQLException {
        Map<String, Long> touches = new HashMap<>();
        for (int i = 0; i < types.size(); i++) {
            touches.put(types.get(i), rs.getLong(10 + i));
        }
        long employees = rs.getLong(6);
        return new LeadScorer.LeadFacts(rs.getString(3), rs.getString(5), rs.wasNull() ? null : employees,
                rs.getBigDecimal(7), fields(rs.getString(4)), touches);
    }

    private Map<String, String> fields(String extra) {
        Map<String, String> fields = new HashMap<>();
        if (extra == null) {
            return fields;
        }
        try {
            JsonNode node = json.readTree(extra);
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            log.warn("A lead's extra fields are not JSON; scored without them");
        }
        return fields;
    }

    private static final List<String> COLUMNS = List.of("score", "band", "company_fit", "contact_fit", "engagement",
            "intent", "bant", "emailed", "replied");

    /** Inserts or updates the rows; a row is rewritten (with a new computed_at) only when something in it changed. */
    private void write(List<Object[]> rows) {
        for (int i = 0; i < rows.size(); i += 5000) {
            jdbc.batchUpdate(upsert, rows.subList(i, Math.min(rows.size(), i + 5000)));
        }
    }

    /** The statement {@link #write} runs for each row, in the database's own upsert. */
    private static String upsertSql(SqlDialect dialect) {
        StringJoiner changed = new StringJoiner(" OR ");
        StringJoiner set = new StringJoiner(", ");
        boolean postgres = dialect == SqlDialect.POSTGRESQL;
        for (String column : COLUMNS) {
            changed.add(postgres ? "lead_scores." + column + " IS DISTINCT FROM EXCLUDED." + column
                    : "t." + column + " IS DISTINCT FROM s." + column);
            set.add(postgres ? column + " = EXCLUDED." + column : "t." + column + " = s." + column);
        }
        return postgres
                ? "INSERT INTO lead_scores (source, lead_external_id, " + String.join(", ", COLUMNS) + ", computed_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, lead_external_id) "
                + "DO UPDATE SET " + set + ", computed_at = EXCLUDED.computed_at WHERE " + changed
                : "MERGE INTO lead_scores t USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(255)), CAST(? AS INTEGER), "
                + "CAST(? AS VARCHAR(16)), CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER), "
                + "CAST(? AS INTEGER), CAST(? AS BOOLEAN), CAST(? AS BOOLEAN), CAST(? AS TIMESTAMP WITH TIME ZONE))) "
                + "AS s (source, lead_external_id, " + String.join(", ", COLUMNS) + ", computed_at) "
                + "ON t.source = s.source AND t.lead_external_id = s.lead_external_id "
                + "WHEN MATCHED AND (" + changed + ") THEN UPDATE SET " + set + ", t.computed_at = s.computed_at "
                + "WHEN NOT MATCHED THEN INSERT (source, lead_external_id, " + String.join(", ", COLUMNS)
                + ", computed_at) VALUES (s.source, s.lead_external_id, s." + String.join(", s.", COLUMNS)
                + ", s.computed_at)";
    }
}
