package io.revloop.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deal pipelines and their stages ({@code GET /crm/v3/pipelines/deals}). A stage's metadata
 * says whether it closes a deal ({@code isClosed}) and its win probability — both as strings —
 * which is how a closed stage is told won (probability 1) from lost (probability 0).
 */
final class DealPipelines {

    /** One pipeline stage; {@code won} is null while the stage leaves the deal open. */
    record Stage(String id, String label, boolean closed, Boolean won) {
    }

    private final Map<String, Stage> stages = new LinkedHashMap<>();

    void addPipeline(JsonNode pipeline) {
        for (JsonNode stage : pipeline.path("stages")) {
            JsonNode metadata = stage.path("metadata");
            boolean closed = Boolean.parseBoolean(metadata.path("isClosed").asText("false"));
            Boolean won = null;
            if (closed) {
                double probability = parseProbability(metadata.path("probability").asText(""));
                won = probability >= 1.0 ? Boolean.TRUE : probability <= 0.0 ? Boolean.FALSE : null;
            }
            String id = stage.path("id").asText();
            stages.put(id, new Stage(id, stage.path("label").asText(id), closed, won));
        }
    }

    Stage stage(String id) {
        return stages.get(id);
    }

    Collection<String> stageIds() {
        return stages.keySet();
    }

    private static double parseProbability(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException unknown) {
            return 0.5;
        }
    }
}
