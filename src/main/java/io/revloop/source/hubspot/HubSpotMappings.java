package io.revloop.source.hubspot;

import io.revloop.RevloopProperties;
import io.revloop.model.Channel;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured translations of HubSpot values into canonical ones: contact lifecycle stages to
 * funnel stages, deal stages to canonical deal stages, original/latest sources to channels. Keys are
 * matched ignoring case, '_' and '-' (configuration binding drops '_' from map keys).
 */
final class HubSpotMappings {

    static final String WON = "won";
    static final String LOST = "lost";

    private final Map<String, String> lifecycleStages;
    private final Map<String, String> dealStages;
    private final Map<String, String> channels;

    HubSpotMappings(RevloopProperties.Hubspot settings) {
        this.lifecycleStages = squashedKeys(settings.lifecycleStages());
        this.dealStages = squashedKeys(settings.dealStages());
        Map<String, String> canonicalChannels = new HashMap<>();
        settings.channels().forEach((source, channel) -> canonicalChannels.put(squash(source),
                Channel.canonical(channel).orElseThrow()));
        this.channels = canonicalChannels;
    }

    /** The lifecycle stages configured, as HubSpot spells them in property names (lower case). */
    Iterable<String> lifecycleStageIds() {
        return lifecycleStages.keySet();
    }

    /** The canonical funnel stage (lead, mql, …) a lifecycle stage counts as, if configured. */
    Optional<String> funnelStage(String lifecycleStage) {
        return Optional.ofNullable(lifecycleStages.get(squash(lifecycleStage)));
    }

    Optional<String> dealStage(String stageId) {
        return Optional.ofNullable(dealStages.get(squash(stageId)));
    }

    Optional<String> channel(String source) {
        return source == null ? Optional.empty() : Optional.ofNullable(channels.get(squash(source)));
    }

    private static Map<String, String> squashedKeys(Map<String, String> configured) {
        Map<String, String> squashed = new HashMap<>();
        configured.forEach((key, value) -> squashed.put(squash(key), value.trim().toLowerCase(Locale.ROOT)));
        return squashed;
    }

    static String squash(String key) {
        return key.replace("_", "").replace("-", "").trim().toLowerCase(Locale.ROOT);
    }
}
