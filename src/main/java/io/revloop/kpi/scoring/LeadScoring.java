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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores leads into {@code lead_scores}: after each sync the leads it wrote, whose touchpoints or
 * account it wrote, before the KPIs are recomputed (which read these scores); all leads on demand.
 * The database counts each lead's touches per type; Java applies the rules; scores are written in
 * batches, a row only when it changed. Deleted leads lose their score.
 */
@Service
public class LeadScoring {

    private static final Logger log = LoggerFactory.getLogger(LeadScoring.class);
    private static final int CHUNK = 20_000;
    private static final String CHANGED_BY_RUN = "SELECT source, external_id FROM leads WHERE sync_run_id = ? "
            + "UNION SELECT source, lead_external_id FROM touchpoints WHERE sync_run_id = ? "
            + "UNION SELECT l.source, l.external_id FROM leads l JOIN accounts a ON a.source = l.source "
            + "AND a.external_id = l.account_external_id WHERE a.sync_run_id = ?";

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
    private final boolean enabled;
    private final LeadScorer scorer;
    private final PlannerStatistics statistics;

    public LeadScoring(JdbcTemplate jdbc, SqlDialect dialect, ObjectMapper json, TransactionTemplate transactions,
                       RevloopProperties properties, PlannerStatistics statistics) {
        this.statistics = statistics;
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.json = json;
        this.transactions = transactions;
        this.enabled = properties.scoring().enabled();
        this.scorer = new LeadScorer(properties.scoring().rules());
    }

    /** Rescores the leads a run changed; first of the work after a sync, so the KPIs see the new scores. */
    @EventListener
    @Order(0)
    public void afterSync(SyncFinished run) {
        if (enabled) {
            long scored = rescoreChangedBy(run.runId());
            if (scored > 0) {
                log.info("Lead scores after {} run {}: {} leads scored", run.source(), run.runId(), scored);
            }
        }
    }

    public long rescoreAll() {
        return rescore(null, new Object[0]);
    }

    /**
     * Rescores the leads a run changed — or all leads when the run wrote more than a tenth of them (a
     * first import), where one pass over everything is faster than picking the changed ones.
     */
    public long rescoreChangedBy(long runId) {
        statistics.refreshIfStale(List.of("leads", "touchpoints", "accounts", "lead_scores"));
        Long written = jdbc.queryForObject("SELECT COUNT(*) FROM leads WHERE sync_run_id = ?", Long.class, runId);
        Long all = jdbc.queryForObject("SELECT COUNT(*) FROM leads", Long.class);
        if (written != null && all != null && written * 10 > all) {
            return rescoreAll();
        }
        return rescore(CHANGED_BY_RUN, new Object[] {runId, runId, runId});
    }

    private long rescore(String changedLeads, Object[] changedParameters) {
        return transactions.execute(tx -> {
            jdbc.update("DELETE FROM lead_scores WHERE EXISTS (SELECT 1 FROM leads l WHERE l.source = lead_scores.source "
                    + "AND l.external_id = lead_scores.lead_external_id AND l.deleted_at IS NOT NULL)");
            List<String> types = new ArrayList<>(scorer.touchTypes());
            String sql = chunkSql(types, changedLeads);
            Timestamp now = Timestamp.from(OffsetDateTime.now().toInstant());
            long scored = 0;
            String[] after = {"", ""};
            while (true) {
                List<Object> parameters = new ArrayList<>();
                parameters.addAll(types);
                parameters.addAll(List.of(after[0], after[0], after[1]));
                if (changedLeads != null) {
                    parameters.addAll(List.of(changedParameters));
                }
                List<Object[]> rows = new ArrayList<>();
                jdbc.query(sql, rs -> {
                    LeadScore score = scorer.score(facts(rs, types));
                    rows.add(new Object[] {rs.getString(1), rs.getString(2), score.total(), score.band(),
                            score.companyFit(), score.contactFit(), score.engagement(), score.intent(), score.bant(), now});
                }, parameters.toArray());
                if (rows.isEmpty()) {
                    return scored;
                }
                Object[] last = rows.get(rows.size() - 1);
                after[0] = (String) last[0];
                after[1] = (String) last[1];
                scored += rows.size();
                write(rows);
            }
        });
    }

    /**
     * One chunk of leads in key order after a given key, with their account and their touches counted
     * per type: memory holds one chunk, on either database (HSQLDB builds a whole result in memory).
     */
    private static String chunkSql(List<String> types, String changedLeads) {
        StringBuilder sql = new StringBuilder("SELECT l.source, l.external_id, l.title, l.extra, a.industry, "
                + "a.employees, a.annual_revenue");
        for (int i = 0; i < types.size(); i++) {
            sql.append(", SUM(CASE WHEN t.touch_type = ? THEN 1 ELSE 0 END)");
        }
        sql.append(" FROM (SELECT source, external_id, title, extra, account_external_id FROM leads "
                + "WHERE deleted_at IS NULL AND (source > ? OR source = ? AND external_id > ?)");
        if (changedLeads != null) {
            sql.append(" AND (source, external_id) IN (").append(changedLeads).append(')');
        }
        sql.append(" ORDER BY source, external_id LIMIT ").append(CHUNK).append(") l"
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
            touches.put(types.get(i), rs.getLong(8 + i));
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

    private void write(List<Object[]> rows) {
        String sql = dialect == SqlDialect.POSTGRESQL
                ? "INSERT INTO lead_scores (source, lead_external_id, score, band, company_fit, contact_fit, engagement, "
                + "intent, bant, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, lead_external_id) "
                + "DO UPDATE SET score = EXCLUDED.score, band = EXCLUDED.band, company_fit = EXCLUDED.company_fit, "
                + "contact_fit = EXCLUDED.contact_fit, engagement = EXCLUDED.engagement, intent = EXCLUDED.intent, "
                + "bant = EXCLUDED.bant, computed_at = EXCLUDED.computed_at WHERE lead_scores.score <> EXCLUDED.score "
                + "OR lead_scores.company_fit <> EXCLUDED.company_fit OR lead_scores.contact_fit <> EXCLUDED.contact_fit "
                + "OR lead_scores.engagement <> EXCLUDED.engagement OR lead_scores.intent <> EXCLUDED.intent "
                + "OR lead_scores.bant <> EXCLUDED.bant"
                : "MERGE INTO lead_scores t USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(255)), CAST(? AS INTEGER), "
                + "CAST(? AS VARCHAR(16)), CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER), "
                + "CAST(? AS INTEGER), CAST(? AS TIMESTAMP WITH TIME ZONE))) AS s (source, lead_external_id, score, band, "
                + "company_fit, contact_fit, engagement, intent, bant, computed_at) "
                + "ON t.source = s.source AND t.lead_external_id = s.lead_external_id "
                + "WHEN MATCHED AND (t.score <> s.score OR t.company_fit <> s.company_fit OR t.contact_fit <> s.contact_fit "
                + "OR t.engagement <> s.engagement OR t.intent <> s.intent OR t.bant <> s.bant) THEN UPDATE SET "
                + "t.score = s.score, t.band = s.band, t.company_fit = s.company_fit, t.contact_fit = s.contact_fit, "
                + "t.engagement = s.engagement, t.intent = s.intent, t.bant = s.bant, t.computed_at = s.computed_at "
                + "WHEN NOT MATCHED THEN INSERT (source, lead_external_id, score, band, company_fit, contact_fit, "
                + "engagement, intent, bant, computed_at) VALUES (s.source, s.lead_external_id, s.score, s.band, "
                + "s.company_fit, s.contact_fit, s.engagement, s.intent, s.bant, s.computed_at)";
        for (int i = 0; i < rows.size(); i += 5000) {
            jdbc.batchUpdate(sql, rows.subList(i, Math.min(rows.size(), i + 5000)));
        }
    }
}
