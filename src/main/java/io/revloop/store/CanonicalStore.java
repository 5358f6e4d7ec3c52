package io.revloop.store;

import io.revloop.model.CanonicalRow;
import io.revloop.model.Entity;
import io.revloop.model.Field;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Writes canonical records: idempotent multi-row upserts keyed by (source, external_id). */
@Component
public class CanonicalStore {

    /** Rows per statement: keeps bind parameters far below PostgreSQL's limit of 65 535. */
    static final int ROWS_PER_STATEMENT = 500;

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final Map<String, String> statements = new ConcurrentHashMap<>();

    public CanonicalStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * Upserts records of one entity, whose external ids must be distinct, and returns how many
     * were inserted or changed. Runs in the caller's transaction.
     */
    public int upsert(String source, List<CanonicalRow> rows, long runId, OffsetDateTime now) {
        int changed = 0;
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<CanonicalRow> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            Entity entity = chunk.get(0).entity();
            String sql = statements.computeIfAbsent(entity + ":" + chunk.size(),
                    key -> UpsertSql.build(dialect, entity, chunk.size()));
            changed += jdbc.update(sql, ps -> bind(ps, source, chunk, runId, now));
        }
        return changed;
    }

    /** The ids among {@code candidates} that have a record of {@code entity} from {@code source}. */
    public Set<String> existingIds(Entity entity, String source, Collection<String> candidates) {
        Set<String> found = new HashSet<>();
        List<String> ids = new ArrayList<>(candidates);
        for (int from = 0; from < ids.size(); from += ROWS_PER_STATEMENT) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ROWS_PER_STATEMENT));
            String sql = "SELECT external_id FROM " + entity.table() + " WHERE source = ? AND external_id IN ("
                    + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
            List<Object> args = new ArrayList<>(chunk.size() + 1);
            args.add(source);
            args.addAll(chunk);
            found.addAll(jdbc.queryForList(sql, String.class, args.toArray()));
        }
        return found;
    }

    private static void bind(PreparedStatement ps, String source, List<CanonicalRow> rows, long runId,
                             OffsetDateTime now) throws SQLException {
        int i = 1;
        for (CanonicalRow row : rows) {
            ps.setString(i++, source);
            ps.setString(i++, row.externalId());
            List<Field> fields = row.entity().fields();
            for (int f = 0; f < fields.size(); f++) {
                Field field = fields.get(f);
                if (!field.column().equals("external_id")) {
                    bindValue(ps, i++, field, row.values()[f]);
                }
            }
            ps.setString(i++, row.extraJson());
            bindTimestamp(ps, i++, row.deletedAt());
            bindTimestamp(ps, i++, now);
            ps.setLong(i++, runId);
        }
    }

    private static void bindValue(PreparedStatement ps, int index, Field field, Object value) throws SQLException {
        switch (field.type()) {
            case TEXT, EMAIL, CHANNEL, CURRENCY -> ps.setString(index, (String) value);
            case TIMESTAMP -> bindTimestamp(ps, index, (OffsetDateTime) value);
            case DATE, MONTH -> ps.setObject(index, value, Types.DATE);
            case DECIMAL -> ps.setObject(index, value, Types.DECIMAL);
            case INTEGER -> ps.setObject(index, value, Types.BIGINT);
            case BOOLEAN -> ps.setObject(index, value, Types.BOOLEAN);
        }
    }

    private static void bindTimestamp(PreparedStatement ps, int index, OffsetDateTime value) throws SQLException {
        ps.setObject(index, value, Types.TIMESTAMP_WITH_TIMEZONE);
    }
}
