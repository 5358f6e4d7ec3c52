package io.revloop.source.salesforce;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which OpportunityHistory rows are stage changes. Salesforce writes a history row for every change
 * of stage, amount, probability or close date, so most rows repeat the stage before them; a row is a
 * stage entry only when the deal's stage just before it (in the store or earlier in the page) was
 * another one. Rows the store already has stay entries, so replays change nothing.
 */
final class StageEntries {

    private final Map<String, TreeMap<OffsetDateTime, String>> stagesByDeal = new HashMap<>();

    /** Adds a stage change the store has. */
    void known(String dealId, String stage, OffsetDateTime enteredAt) {
        stagesByDeal.computeIfAbsent(dealId, id -> new TreeMap<>()).put(enteredAt, stage);
    }

    /** Whether the deal entered {@code stage} at {@code at}; if so, it is remembered for the rows after it. */
    boolean enters(String dealId, String stage, OffsetDateTime at) {
        TreeMap<OffsetDateTime, String> stages = stagesByDeal.computeIfAbsent(dealId, id -> new TreeMap<>());
        Map.Entry<OffsetDateTime, String> before = stages.lowerEntry(at);
        if (before != null && Objects.equals(before.getValue(), stage) && !stage.equals(stages.get(at))) {
            return false;
        }
        stages.put(at, stage);
        return true;
    }
}
