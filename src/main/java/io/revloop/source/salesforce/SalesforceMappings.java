package io.revloop.source.salesforce;

import io.revloop.RevloopProperties;
import io.revloop.RevloopProperties.FieldMapping;
import io.revloop.model.Channel;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The org's own values translated to canonical ones, as configured under
 * {@code revloop.sources.salesforce}: lead statuses to funnel stages, opportunity stages and types,
 * lead sources and campaign types to channels, and custom fields to canonical fields or {@code extra}.
 * A mapping to a value the model does not know stops the hub at start, naming the key.
 */
final class SalesforceMappings {

    static final List<String> LEAD_STAGES = List.of("lead", "mql", "sql", "opportunity", "customer", "disqualified");
    private static final Set<String> DEAL_TYPES = Set.of("new", "expansion", "renewal");
    private static final String PREFIX = "revloop.sources.salesforce.";

    private final Map<String, String> leadStageByStatus;
    private final Map<String, String> dealStageByName;
    private final Map<String, String> dealTypeByName;
    private final Map<String, String> channelByValue;
    private final Map<SObjectType, List<FieldMapping>> fieldMappings = new java.util.EnumMap<>(SObjectType.class);

    SalesforceMappings(RevloopProperties.Salesforce config) {
        this.leadStageByStatus = invert(config.leadStages(), "lead-stages", stage -> known(stage, LEAD_STAGES, "lead-stages"));
        this.dealStageByName = invert(config.dealStages(), "deal-stages", stage -> stage.replace('-', '_'));
        this.dealTypeByName = invert(config.dealTypes(), "deal-types", type -> known(type, DEAL_TYPES, "deal-types"));
        this.channelByValue = invert(config.channels(), "channels", channel -> Channel.canonical(channel)
                .orElseThrow(() -> new IllegalArgumentException(PREFIX + "channels." + channel
                        + " is not a channel; expected one of " + Channel.NAMES)));
        for (SObjectType type : SObjectType.values()) {
            fieldMappings.put(type, config.fieldMappings().stream()
                    .filter(mapping -> mapping.object().equalsIgnoreCase(type.apiName())).toList());
        }
    }

    /** The canonical stage of a Lead.Status, or null when it is not mapped. */
    String leadStage(String status) {
        return status == null ? null : leadStageByStatus.get(status);
    }

    /** The canonical stage of an Opportunity.StageName: as mapped, else the name in lower case with '_' between words. */
    String dealStage(String stageName) {
        if (stageName == null) {
            return null;
        }
        String mapped = dealStageByName.get(stageName);
        return mapped != null ? mapped : stageName.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_|_$", "");
    }

    /** new, expansion or renewal for an Opportunity.Type, or null when it is not mapped. */
    String dealType(String type) {
        return type == null ? null : dealTypeByName.get(type);
    }

    /** The canonical channel of a lead source or campaign type, or null when it is not mapped. */
    String channel(String value) {
        return value == null ? null : channelByValue.get(value);
    }

    /** The configured field mappings of one object. */
    List<FieldMapping> fieldMappings(SObjectType type) {
        return fieldMappings.get(type);
    }

    private static String known(String value, java.util.Collection<String> allowed, String key) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(PREFIX + key + "." + value + " is not one of " + allowed);
        }
        return value;
    }

    private static Map<String, String> invert(Map<String, List<String>> canonicalToValues, String key,
                                              java.util.function.UnaryOperator<String> canonical) {
        Map<String, String> byValue = new HashMap<>();
        canonicalToValues.forEach((target, values) -> {
            String name = canonical.apply(target);
            for (String value : values) {
                String previous = byValue.put(value, name);
                if (previous != null && !previous.equals(name)) {
                    throw new IllegalArgumentException(PREFIX + key + ": '" + value + "' is mapped to both "
                            + previous + " and " + name);
                }
            }
        });
        return byValue;
    }
}
