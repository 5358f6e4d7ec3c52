package io.revloop.source.salesforce;

import io.revloop.store.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the Salesforce source remembers beside the canonical tables: the lineage of converted leads
 * ({@code salesforce_conversions}), and the stage timestamps its leads already have. Ids travel as
 * one array parameter joined to the key, as in {@link io.revloop.store.CanonicalStore#existingIds}.
 */
class ConversionStore {

    static final String SOURCE = "salesforce";
    private static final List<String> LEAD_TIMES = List.of("mql_at", "sql_at", "opportunity_at", "customer_at",
            "disqualified_at", "first_response_at");

    private final JdbcTemplate jdbc;
    private final String idArray;

    ConversionStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.idArray = dialect == SqlDialect.POSTGRESQL ? "UNNEST(?)" : "UNNEST(CAST(? AS VARCHAR(512) ARRAY))";
    }

    /** Remembers that {@code recordId} (a contact or opportunity) came from converting {@code leadId}. */
    void rememberConversions(Map<String, String> leadByRecord) {
        OffsetDateTime now = OffsetDateTime.now();
        leadByRecord.forEach((recordId, leadId) -> {
            int updated = jdbc.update("UPDATE salesforce_conversions SET lead_id = ?, updated_at = ? WHERE record_id = ?",
                    leadId, now, recordId);
            if (updated == 0) {
                jdbc.update("INSERT INTO salesforce_conversions (record_id, lead_id, updated_at) VALUES (?, ?, ?)",
                        recordId, leadId, now);
            }
        });
    }

    /** The lead each of {@code recordIds} was converted from, for those that were. */
    Map<String, String> convertedFrom(Collection<String> recordIds) {
        Map<String, String> leads = new HashMap<>();
        select("SELECT c.record_id, c.lead_id FROM " + idArray + " AS wanted(id) JOIN salesforce_conversions c"
                + " ON c.record_id = wanted.id", recordIds, null, rs -> leads.put(rs.getString(1), rs.getString(2)));
        return leads;
    }

    /** The stage and first-response times the store has for these Salesforce leads, keyed by lead id, then by column. */
    Map<String, Map<String, OffsetDateTime>> leadStages(Collection<String> leadIds) {
        Map<String, Map<String, OffsetDateTime>> stages = new HashMap<>();
        select("SELECT l.external_id, " + String.join(", ", LEAD_TIMES.stream().map(c -> "l." + c).toList())
                + " FROM " + idArray + " AS wanted(id) JOIN leads l ON l.source = ? AND l.external_id = wanted.id",
                leadIds, SOURCE, rs -> {
                    Map<String, OffsetDateTime> lead = new HashMap<>();
                    for (int i = 0; i < LEAD_TIMES.size(); i++) {
                        OffsetDateTime at = rs.getObject(i + 2, OffsetDateTime.class);
                        if (at != null) {
                            lead.put(LEAD_TIMES.get(i), at);
                        }
                    }
                    stages.put(rs.getString(1), lead);
                });
        return stages;
    }

    /**
     * Moves each lead's first sales response earlier to the time of its earliest activity given
     * here, where that is earlier than what the lead has (or it has none). In the caller's transaction.
     */
    void advanceFirstResponses(Map<String, OffsetDateTime> earliestByLead, long runId) {
        if (earliestByLead.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        List<Object[]> updates = new ArrayList<>();
        earliestByLead.forEach((lead, at) -> updates.add(new Object[] {at, now, runId, SOURCE, lead, at}));
        jdbc.batchUpdate("UPDATE leads SET first_response_at = ?, updated_at = ?, sync_run_id = ? WHERE source = ?"
                + " AND external_id = ? AND (first_response_at IS NULL OR first_response_at > ?)", updates);
    }

    /** The stage changes the store has for these Salesforce deals, deleted ones aside. */
    StageEntries stageEntries(Collection<String> dealIds) {
        StageEntries entries = new StageEntries();
        select("SELECT s.deal_external_id, s.stage, s.entered_at FROM " + idArray + " AS wanted(id)"
                + " JOIN deal_stage_changes s ON s.deal_external_id = wanted.id AND s.source = ? AND s.deleted_at IS NULL",
                dealIds, SOURCE, rs -> entries.known(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class)));
        return entries;
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private void select(String sql, Collection<String> ids, String source, RowHandler handler) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setArray(1, connection.createArrayOf("VARCHAR", new ArrayList<>(ids).toArray()));
                if (source != null) {
                    ps.setString(2, source);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.handle(rs);
                    }
                }
            }
            return null;
        });
    }
}
