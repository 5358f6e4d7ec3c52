package io.revloop.store;

import io.revloop.security.Redactor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The dead_letters table. */
@Repository
public class DeadLetterRepository {

    private static final int MAX_PAYLOAD = 65535;

    private final JdbcTemplate jdbc;

    public DeadLetterRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO dead_letters (sync_run_id, source, entity, file_name, line_number, reason,"
                + " payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", letters, letters.size(), (ps, d) -> {
                    ps.setObject(1, d.runId());
                    ps.setString(2, d.source());
                    ps.setString(3, d.entity());
                    ps.setString(4, d.file());
                    ps.setObject(5, d.line());
                    String reason = Redactor.redact(d.reason());
                    String payload = Redactor.redact(d.payload());
                    ps.setString(6, reason.length() <= 4000 ? reason : reason.substring(0, 4000));
                    ps.setString(7, payload == null || payload.length() <= MAX_PAYLOAD ? payload
                            : payload.substring(0, MAX_PAYLOAD));
                    ps.setObject(8, d.createdAt());
                });
    }

    public List<DeadLetter> findByRun(long runId, int limit, long afterId) {
        return jdbc.query("SELECT id, sync_run_id, source, entity, file_name, line_number, reason, payload, created_at"
                + " FROM dead_letters WHERE sync_run_id = ? AND id > ? ORDER BY id LIMIT ?",
                DeadLetterRepository::map, runId, afterId, limit);
    }

    private static DeadLetter map(ResultSet rs, int row) throws SQLException {
        return new DeadLetter(rs.getLong("id"), rs.getLong("sync_run_id"), rs.getString("source"),
                rs.getString("entity"), rs.getString("file_name"), (Long) rs.getObject("line_number", Long.class),
                rs.getString("reason"), rs.getString("payload"), rs.getObject("created_at", OffsetDateTime.class));
    }
}
