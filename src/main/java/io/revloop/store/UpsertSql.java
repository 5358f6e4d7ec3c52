package io.revloop.store;

import io.revloop.model.Entity;
import io.revloop.model.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the upsert of an entity: on PostgreSQL a COPY into a staging table and one INSERT … ON
 * CONFLICT from it (measured several times faster than multi-row INSERTs), on HSQLDB a
 * one-row MERGE (run as a JDBC batch). A row counts as changed — and gets a new
 * {@code updated_at} and {@code sync_run_id} — only when one of its values differs, so replaying
 * the same records updates nothing and the statement's update count is "inserted + changed". An
 * updated lead or deal keeps the earliest time its replaced version was counted on ({@link ReplacedAnchors}).
 */
final class UpsertSql {

    /** Columns bound per row, in order: source, external_id, value fields…, extra, deleted_at, updated_at, sync_run_id. */
    static List<String> columns(Entity entity) {
        List<String> columns = new ArrayList<>();
        columns.add("source");
        columns.add("external_id");
        entity.valueFields().forEach(f -> columns.add(f.column()));
        columns.addAll(List.of("extra", "deleted_at", "updated_at", "sync_run_id"));
        return columns;
    }

    /** PostgreSQL: the session's staging table of an entity, which COPY fills and each commit empties. */
    static String postgresStagingTable(Entity entity) {
        return "CREATE TEMP TABLE IF NOT EXISTS " + stagingName(entity) + " ON COMMIT DELETE ROWS AS SELECT "
                + String.join(",", columns(entity)) + " FROM " + entity.table() + " WITH NO DATA";
    }

    static String postgresCopy(Entity entity) {
        return "COPY " + stagingName(entity) + " (" + String.join(",", columns(entity)) + ") FROM STDIN WITH (FORMAT csv)";
    }

    /** PostgreSQL: the upsert of everything staged. */
    static String postgresFromStaging(Entity entity) {
        List<String> columns = columns(entity);
        return "INSERT INTO " + entity.table() + " (" + String.join(",", columns) + ") SELECT "
                + String.join(",", columns) + " FROM " + stagingName(entity)
                + " ON CONFLICT (source, external_id) DO UPDATE SET "
                + replacedAnchor(entity, entity.table())
                + updated(entity).stream().map(c -> c + "=EXCLUDED." + c).collect(Collectors.joining(","))
                + " WHERE " + changed(entity, entity.table(), "EXCLUDED");
    }

    static String stagingName(Entity entity) {
        return "revloop_staging_" + entity.table();
    }

    /** HSQLDB: the MERGE of one row of bind parameters, typed by casts. */
    static String hsqldbMerge(Entity entity) {
        List<String> columns = columns(entity);
        List<String> casts = new ArrayList<>(List.of("VARCHAR(64)", "VARCHAR(512)"));
        entity.valueFields().forEach(f -> casts.add(f.type().castType()));
        casts.addAll(List.of("VARCHAR(65535)", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE", "BIGINT"));
        String row = casts.stream().map(t -> "CAST(? AS " + t + ")").collect(Collectors.joining(",", "(", ")"));
        return "MERGE INTO " + entity.table() + " t USING (VALUES "
                + row + ") AS v(" + String.join(",", columns) + ")"
                + " ON t.source = v.source AND t.external_id = v.external_id"
                + " WHEN MATCHED AND (" + changed(entity, "t", "v") + ") THEN UPDATE SET "
                + replacedAnchor(entity, "t")
                + updated(entity).stream().map(c -> c + "=v." + c).collect(Collectors.joining(","))
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(",", columns) + ") VALUES ("
                + columns.stream().map(c -> "v." + c).collect(Collectors.joining(",")) + ")";
    }

    private static List<String> compared(Entity entity) {
        List<String> columns = new ArrayList<>(entity.valueFields().stream().map(Field::column).toList());
        columns.add("extra");
        columns.add("deleted_at");
        return columns;
    }

    private static List<String> updated(Entity entity) {
        List<String> columns = compared(entity);
        columns.add("updated_at");
        columns.add("sync_run_id");
        return columns;
    }

    /**
     * {@code replaced_anchor_at=LEAST(…),} of the row being replaced, for entities that keep it; else
     * nothing. Each optional time falls back to the first (required) one: HSQLDB's LEAST is null when
     * an argument after the first is null.
     */
    private static String replacedAnchor(Entity entity, String current) {
        List<String> anchors = ReplacedAnchors.of(entity);
        if (anchors.isEmpty()) {
            return "";
        }
        String first = current + "." + anchors.get(0);
        return ReplacedAnchors.COLUMN + "=LEAST(" + first + anchors.stream().skip(1)
                .map(c -> ",COALESCE(" + current + "." + c + "," + first + ")").collect(Collectors.joining()) + "),";
    }

    private static String changed(Entity entity, String current, String incoming) {
        return compared(entity).stream()
                .map(c -> current + "." + c + " IS DISTINCT FROM " + incoming + "." + c)
                .collect(Collectors.joining(" OR "));
    }

    private UpsertSql() {
    }
}
