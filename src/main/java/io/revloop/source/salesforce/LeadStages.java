package io.revloop.source.salesforce;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical stage timestamps of a Salesforce lead. Salesforce keeps only a lead's current
 * Status (LeadHistory needs field history tracking), so:
 * <ol>
 *   <li>a timestamp from a mapped field (e.g. {@code MQL_Date__c → mql_at}) wins;</li>
 *   <li>else a timestamp the store already has is kept — a stage is entered once;</li>
 *   <li>else a converted lead entered {@code opportunity} (with an opportunity) or {@code sql}
 *       (without) on its ConvertedDate;</li>
 *   <li>else the stage its Status maps to was entered at the record's SystemModstamp, the time of
 *       the change a sync first sees it in (exact when the status change was the last edit).</li>
 * </ol>
 * A lead that reached a stage passed the ones before it ({@code mql → sql → opportunity →
 * customer}); those still empty get the same time, so funnel counts stay consistent.
 */
final class LeadStages {

    /** The funnel stages in order, with the lead field of each; {@code lead} itself is created_at. */
    static final List<String> FUNNEL = List.of("mql", "sql", "opportunity", "customer");
    static final String DISQUALIFIED = "disqualified";

    private LeadStages() {
    }

    static String field(String stage) {
        return stage + "_at";
    }

    /**
     * The stage timestamps to store, keyed by lead field ({@code mql_at}, …): {@code mapped} from the
     * record's mapped fields, {@code stored} from the store, and the stage reached now at {@code reachedAt}.
     */
    static Map<String, OffsetDateTime> derive(Map<String, OffsetDateTime> mapped, Map<String, OffsetDateTime> stored,
                                              String reached, OffsetDateTime reachedAt) {
        Map<String, OffsetDateTime> result = new LinkedHashMap<>();
        for (String stage : FUNNEL) {
            result.put(field(stage), null);
        }
        result.put(field(DISQUALIFIED), null);
        result.replaceAll((field, none) -> mapped.get(field) != null ? mapped.get(field) : stored.get(field));
        if (reached == null || reachedAt == null) {
            return result;
        }
        if (reached.equals(DISQUALIFIED)) {
            result.merge(field(DISQUALIFIED), reachedAt, (kept, now) -> kept);
            return result;
        }
        for (int i = FUNNEL.indexOf(reached); i >= 0; i--) {
            result.merge(field(FUNNEL.get(i)), reachedAt, (kept, now) -> kept);
        }
        return result;
    }
}
