package io.revloop.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.security.Redactor;
import io.revloop.sync.RunCounts;
import io.revloop.sync.SyncRunView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The sync_runs table: one row per run, its status and counts. */
@Repository
public class SyncRunRepository {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    /** Phases of a run: its import, then the work its {@code SyncFinished} event starts. */
    public static final String IMPORTING = "importing";
    public static final String SCORING = "scoring";
    public static final String COMPUTING = "computing";
    public static final String DONE = "done";

    private static final String COLUMNS = "id, source, status, started_at, finished_at, records_read, upserted,"
            + " deleted, dead_lettered, error, waiting, phase, records_total";
    private static final TypeReference<List<String>> TEXTS = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public SyncRunRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A new run; {@code waiting} is what it leaves for a later run (a short list: see {@code InboxScanner}). */
    public long create(String source, String trigger, OffsetDateTime startedAt, List<String> waiting) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        String waitingJson = waiting.isEmpty() ? null : write(waiting);
        jdbc.update(connection -> {
            var ps = connection.prepareStatement("INSERT INTO sync_runs (source, status, trigger_kind, started_at,"
                    + " records_read, upserted, deleted, dead_lettered, waiting, phase) VALUES (?, ?, ?, ?, 0, 0, 0, 0, ?, ?)",
                    new String[] {"id"});
            ps.setString(1, source);
            ps.setString(2, RUNNING);
            ps.setString(3, trigger);
            ps.setObject(4, startedAt);
            ps.setString(5, waitingJson);
            ps.setString(6, IMPORTING);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    /** Adds a committed batch's counts; called inside that batch's transaction. */
    public void addCounts(long runId, RunCounts counts) {
        jdbc.update("UPDATE sync_runs SET records_read = records_read + ?, upserted = upserted + ?,"
                        + " deleted = deleted + ?, dead_lettered = dead_lettered + ? WHERE id = ?",
                counts.recordsRead(), counts.upserted(), counts.deleted(), counts.deadLettered(), runId);
    }

    /** The records the run expects to read, as far as its source can tell before reading them. */
    public void expectRecords(long runId, long total) {
        jdbc.update("UPDATE sync_runs SET records_total = ? WHERE id = ?", total, runId);
    }

    /** Records the run's outcome; the work after it (scoring, KPIs) follows, so its phase is scoring. */
    public void finish(long runId, String status, String error, OffsetDateTime finishedAt) {
        jdbc.update("UPDATE sync_runs SET status = ?, error = ?, finished_at = ?, phase = ? WHERE id = ?",
                status, error == null ? null : truncate(Redactor.redact(error)), finishedAt, SCORING, runId);
    }

    public void enterPhase(long runId, String phase) {
        jdbc.update("UPDATE sync_runs SET phase = ? WHERE id = ?", phase, runId);
    }

    /**
     * Runs left "running" by a hub that stopped: they failed, and the next run resumes their work.
     * Runs whose work after them (scoring, KPIs) was cut short are done: the next compute covers it.
     */
    public int failInterrupted(OffsetDateTime now) {
        int interrupted = jdbc.update("UPDATE sync_runs SET status = ?, finished_at = ?, error = ?, phase = ?"
                        + " WHERE status = ?", FAILED, now, "interrupted: the hub stopped during this run; the next run"
                        + " resumes after its last committed batch", DONE, RUNNING);
        jdbc.update("UPDATE sync_runs SET phase = ? WHERE phase <> ?", DONE, DONE);
        return interrupted;
    }

    /** A source's newest run (maybe running), its last finished run and its last succeeded one; any may be missing. */
    public record LastRuns(Optional<SyncRunView> latest, Optional<SyncRunView> finished,
                           Optional<SyncRunView> succeeded) {
    }

    public LastRuns lastRuns(String source) {
        Optional<SyncRunView> latest = newest(source, "<>", "");
        Optional<SyncRunView> finished = latest.filter(run -> !RUNNING.equals(run.status()))
                .or(() -> latest.isEmpty() ? Optional.empty() : newest(source, "<>", RUNNING));
        Optional<SyncRunView> succeeded = finished.filter(run -> SUCCEEDED.equals(run.status()))
                .or(() -> finished.isEmpty() ? Optional.empty() : newest(source, "=", SUCCEEDED));
        return new LastRuns(latest, finished, succeeded);
    }

    /** The newest run of a source whose status is ({@code =}) or is not ({@code <>}) the given one. */
    private Optional<SyncRunView> newest(String source, String comparison, String status) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_runs WHERE source = ? AND status " + comparison
                + " ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", this::map, source, status)
                .stream().findFirst();
    }

    public Optional<SyncRunView> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_runs WHERE id = ?", this::map, id)
                .stream().findFirst();
    }

    public List<SyncRunView> list(String source, int limit) {
        String where = source == null ? "" : " WHERE source = ?";
        Object[] args = source == null ? new Object[] {limit} : new Object[] {source, limit};
        return jdbc.query("SELECT " + COLUMNS + " FROM sync_runs" + where + " ORDER BY id DESC LIMIT ?",
                this::map, args);
    }

    private SyncRunView map(ResultSet rs, int row) throws SQLException {
        String waiting = rs.getString("waiting");
        return new SyncRunView(rs.getLong("id"), rs.getString("source"), rs.getString("status"),
                rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
                rs.getLong("records_read"), rs.getLong("upserted"), rs.getLong("deleted"),
                rs.getLong("dead_lettered"), rs.getString("error"), waiting == null ? List.of() : read(waiting),
                rs.getString("phase"), rs.getObject("records_total", Long.class));
    }

    private String write(List<String> texts) {
        try {
            return json.writeValueAsString(texts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String texts) {
        try {
            return json.readValue(texts, TEXTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sync_runs.waiting is not a JSON array of texts: " + texts, e);
        }
    }

    private static String truncate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 3997) + "...";
    }
}
