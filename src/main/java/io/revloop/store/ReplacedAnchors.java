package io.revloop.store;

import io.revloop.model.Entity;
import java.util.List;
import java.util.Map;

/**
 * The timestamps KPIs place a lead or deal on (its day in a period) that an update can move: the
 * upsert keeps the earliest of the replaced version's in {@link #COLUMN}, so the recompute after a
 * run also counts the days the row was counted on before (see V15__replaced_anchors.sql). Other
 * entities carry their time in their key, or are placed on dates a run writes as new rows.
 */
public final class ReplacedAnchors {

    public static final String COLUMN = "replaced_anchor_at";

    private static final Map<Entity, List<String>> MOVABLE = Map.of(
            Entity.LEADS, List.of("created_at", "mql_at", "sql_at", "opportunity_at", "customer_at"),
            Entity.DEALS, List.of("created_at", "closed_at"));

    private ReplacedAnchors() {
    }

    /**
     * The columns a KPI places a row of {@code entity} on, the required creation time first; empty
     * for entities without {@link #COLUMN}.
     */
    public static List<String> of(Entity entity) {
        return MOVABLE.getOrDefault(entity, List.of());
    }
}
