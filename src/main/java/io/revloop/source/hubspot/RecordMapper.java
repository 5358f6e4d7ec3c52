package io.revloop.source.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.model.CanonicalRecord;
import io.revloop.model.CanonicalRow;
import io.revloop.model.Entity;
import io.revloop.model.Field;
import io.revloop.model.ValueParser;
import io.revloop.model.ValueParser.BadValueException;
import io.revloop.model.ValueType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Maps HubSpot CRM objects to canonical records — a pure function of the object, the configured
 * mappings and the run's owners and pipelines. A contact becomes a lead with its touchpoints
 * (original and latest source, first and most recent form conversion) and its first sales
 * activity; a company an account; a deal a deal with its stage changes. The first record of each
 * result is the object's own; a malformed object throws a {@link BadValueException}.
 */
final class RecordMapper {

    private static final String[] STAGE_DATE_PREFIXES = {"hs_v2_date_entered_", "hs_date_entered_"};

    private final HubSpotMappings mappings;
    private final Owners owners;
    private final DealPipelines pipelines;
    private final Map<HubSpotObject, List<String>> extraProperties;
    private final ValueParser parser;
    private final ZoneId zone;
    private final ObjectMapper json;

    RecordMapper(HubSpotMappings mappings, Owners owners, DealPipelines pipelines,
                 Map<HubSpotObject, List<String>> extraProperties, ValueParser parser, ZoneId zone, ObjectMapper json) {
        this.mappings = mappings;
        this.owners = owners;
        this.pipelines = pipelines;
        this.extraProperties = extraProperties;
        this.parser = parser;
        this.zone = zone;
        this.json = json;
    }

    /** Every property a request for {@code object} asks for: the mapping's, the stage dates, the configured extras. */
    List<String> properties(HubSpotObject object) {
        List<String> properties = new ArrayList<>(object.properties());
        properties.add(object.lastModified());
        switch (object) {
            case CONTACTS -> mappings.lifecycleStageIds().forEach(stage -> {
                properties.add("hs_v2_date_entered_" + stage);
                properties.add("hs_lifecyclestage_" + stage + "_date");
            });
            case DEALS -> pipelines.stageIds().forEach(stage -> {
                for (String prefix : STAGE_DATE_PREFIXES) {
                    properties.add(prefix + stage);
                }
            });
            default -> {
            }
        }
        extraProperties.getOrDefault(object, List.of()).stream().filter(p -> !properties.contains(p))
                .forEach(properties::add);
        return properties;
    }

    List<CanonicalRow> map(HubSpotObject object, JsonNode record) {
        return switch (object) {
            case COMPANIES -> List.of(company(record));
            case CONTACTS -> contact(record);
            case DEALS -> deal(record);
        };
    }

    private CanonicalRow company(JsonNode company) {
        Properties p = new Properties(company);
        String name = p.get("name") != null ? p.get("name") : p.get("domain");
        return new CanonicalRecord(Entity.ACCOUNTS)
                .set("id", id(company))
                .set("name", name)
                .set("domain", p.get("domain"))
                .set("industry", p.get("industry"))
                .set("employees", p.get("numberofemployees"))
                .set("annual_revenue", p.get("annualrevenue"))
                .build(parser, deletedAt(company), extra(HubSpotObject.COMPANIES, p));
    }

    private List<CanonicalRow> contact(JsonNode contact) {
        Properties p = new Properties(contact);
        String id = id(contact);
        OffsetDateTime deletedAt = deletedAt(contact);
        String createdAt = p.timestamp("createdate") != null ? p.timestamp("createdate") : timestamp(contact, "createdAt");
        CanonicalRecord lead = new CanonicalRecord(Entity.LEADS)
                .set("id", id)
                .set("email", p.get("email"))
                .set("company", p.get("company"))
                .set("title", p.get("jobtitle"))
                .set("country", p.get("country"))
                .set("channel", mappings.channel(p.get("hs_analytics_source")).orElse(null))
                .set("source", p.get("hs_analytics_source"))
                .set("owner", owners.owner(p.get("hubspot_owner_id")))
                .set("created_at", createdAt)
                .set("first_response_at", p.timestamp("hs_sa_first_engagement_date"))
                .set("account_id", p.get("associatedcompanyid"));
        funnelDates(p).forEach((stage, at) -> lead.set(stage + "_at", at));

        List<CanonicalRow> rows = new ArrayList<>();
        rows.add(lead.build(parser, deletedAt, extra(HubSpotObject.CONTACTS, p)));
        String firstTouch = p.timestamp("hs_analytics_first_timestamp") != null
                ? p.timestamp("hs_analytics_first_timestamp") : createdAt;
        touchpoint(rows, id, "original", firstTouch, p.get("hs_analytics_source"),
                p.get("hs_analytics_source_data_1"), "original_source", deletedAt);
        String latestTouch = p.timestamp("hs_latest_source_timestamp");
        if (latestTouch != null && !sameInstant(latestTouch, firstTouch)) {
            touchpoint(rows, id, "latest", latestTouch, p.get("hs_latest_source"), p.get("hs_latest_source_data_1"),
                    "latest_source", deletedAt);
        }
        String firstForm = p.timestamp("first_conversion_date");
        formTouchpoint(rows, id, "form-first", firstForm, p.get("first_conversion_event_name"), deletedAt);
        String recentForm = p.timestamp("recent_conversion_date");
        if (recentForm != null && !sameInstant(recentForm, firstForm)) {
            formTouchpoint(rows, id, "form-recent", recentForm, p.get("recent_conversion_event_name"), deletedAt);
        }
        String firstEngagement = p.timestamp("hs_sa_first_engagement_date");
        if (firstEngagement != null) {
            String type = p.get("hs_sa_first_engagement_object_type");
            rows.add(new CanonicalRecord(Entity.ACTIVITIES)
                    .set("id", id + "-first-engagement")
                    .set("lead_id", id)
                    .set("occurred_at", firstEngagement)
                    .set("type", type == null ? null : type.toLowerCase(Locale.ROOT))
                    .build(parser, deletedAt, null));
        }
        mergedAway(rows, id, p, createdAt);
        return rows;
    }

    /**
     * The earliest date the contact entered each canonical funnel stage, from the lifecycle stage
     * dates, as HubSpot wrote it (the text, not a re-rendering, so it reads as it would from a file).
     */
    private Map<String, String> funnelDates(Properties p) {
        Map<String, String> earliest = new TreeMap<>();
        Map<String, OffsetDateTime> earliestAt = new HashMap<>();
        for (String stage : mappings.lifecycleStageIds()) {
            String entered = p.timestamp("hs_v2_date_entered_" + stage);
            if (entered == null) {
                entered = p.timestamp("hs_lifecyclestage_" + stage + "_date");
            }
            Optional<String> target = mappings.funnelStage(stage);
            if (entered != null && target.isPresent()) {
                OffsetDateTime at = instant("hs_v2_date_entered_" + stage, entered);
                OffsetDateTime before = earliestAt.get(target.get());
                if (before == null || at.isBefore(before)) {
                    earliestAt.put(target.get(), at);
                    earliest.put(target.get(), entered);
                }
            }
        }
        earliest.remove("lead"); // created_at is the lead date
        return earliest;
    }

    private void touchpoint(List<CanonicalRow> rows, String leadId, String kind, String at, String source,
                            String detail, String type, OffsetDateTime deletedAt) {
        if (at == null || source == null) {
            return;
        }
        rows.add(new CanonicalRecord(Entity.TOUCHPOINTS)
                .set("id", leadId + "-" + kind)
                .set("lead_id", leadId)
                .set("occurred_at", at)
                .set("channel", mappings.channel(source).orElse(null))
                .set("source", source)
                .set("medium", detail)
                .set("type", type)
                .build(parser, deletedAt, null));
    }

    private void formTouchpoint(List<CanonicalRow> rows, String leadId, String kind, String at, String form,
                                OffsetDateTime deletedAt) {
        if (at == null) {
            return;
        }
        rows.add(new CanonicalRecord(Entity.TOUCHPOINTS)
                .set("id", leadId + "-" + kind)
                .set("lead_id", leadId)
                .set("occurred_at", at)
                .set("source", form)
                .set("type", "form")
                .build(parser, deletedAt, null));
    }

    /**
     * Contacts merged into this one ({@code hs_merged_object_ids}) fold into it: each becomes a
     * deleted lead pointing at the survivor, deleted at the merge time from
     * {@code hs_calculated_merged_vids} ({@code id:epochMillis;…}), else when the survivor was created.
     */
    private void mergedAway(List<CanonicalRow> rows, String survivor, Properties p, String survivorCreatedAt) {
        String merged = p.get("hs_merged_object_ids");
        if (merged == null) {
            return;
        }
        Map<String, String> mergedAt = new HashMap<>();
        String vids = p.get("hs_calculated_merged_vids");
        if (vids != null) {
            for (String entry : vids.split(";")) {
                String[] idAndTime = entry.trim().split(":");
                if (idAndTime.length == 2) {
                    mergedAt.put(idAndTime[0].trim(), epochMillis(idAndTime[1].trim()));
                }
            }
        }
        for (String mergedId : merged.split(";")) {
            String id = mergedId.trim();
            if (id.isEmpty() || id.equals(survivor)) {
                continue;
            }
            String at = mergedAt.getOrDefault(id, survivorCreatedAt);
            OffsetDateTime deletedAt = instant("hs_calculated_merged_vids", at);
            rows.add(new CanonicalRecord(Entity.LEADS)
                    .set("id", id)
                    .set("created_at", survivorCreatedAt)
                    .build(parser, deletedAt, json(Map.of("merged_into", survivor))));
        }
    }

    private List<CanonicalRow> deal(JsonNode deal) {
        Properties p = new Properties(deal);
        String id = id(deal);
        OffsetDateTime deletedAt = deletedAt(deal);
        String stageId = p.get("dealstage");
        DealPipelines.Stage stage = stageId == null ? null : pipelines.stage(stageId);
        String canonicalStage = stageName(stageId);
        Boolean won = canonicalStage == null ? null : switch (canonicalStage) {
            case HubSpotMappings.WON -> Boolean.TRUE;
            case HubSpotMappings.LOST -> Boolean.FALSE;
            default -> stage == null ? null : stage.won();
        };
        boolean closed = won != null || (stage != null && stage.closed());
        String closeDate = p.timestamp("closedate");
        String amount = p.get("amount");
        Map<String, String> extra = extraValues(HubSpotObject.DEALS, p);
        if (amount == null) {
            amount = "0";
            extra.put("amount", "missing");
        }
        List<CanonicalRow> rows = new ArrayList<>();
        rows.add(new CanonicalRecord(Entity.DEALS)
                .set("id", id)
                .set("name", p.get("dealname"))
                .set("account_id", firstAssociated(deal, "companies"))
                .set("lead_id", firstAssociated(deal, "contacts"))
                .set("owner", owners.owner(p.get("hubspot_owner_id")))
                .set("type", dealType(p.get("dealtype")))
                .set("amount", amount)
                .set("currency", p.get("deal_currency_code"))
                .set("stage", canonicalStage)
                .set("created_at", p.timestamp("createdate") != null ? p.timestamp("createdate") : timestamp(deal, "createdAt"))
                .set("expected_close_date", closeDate == null ? null : localDate(closeDate))
                .set("closed_at", closed ? closeDate : null)
                .set("is_won", won == null ? null : won.toString())
                .build(parser, deletedAt, json(extra)));
        for (String pipelineStage : pipelines.stageIds()) {
            String entered = null;
            for (String prefix : STAGE_DATE_PREFIXES) {
                entered = entered != null ? entered : p.timestamp(prefix + pipelineStage);
            }
            if (entered != null) {
                rows.add(new CanonicalRecord(Entity.DEAL_STAGES)
                        .set("deal_id", id)
                        .set("stage", stageName(pipelineStage))
                        .set("entered_at", entered)
                        .build(parser, deletedAt, null));
            }
        }
        return rows;
    }

    /** The configured canonical stage, else the pipeline's label for it, else its id. */
    private String stageName(String stageId) {
        if (stageId == null) {
            return null;
        }
        DealPipelines.Stage stage = pipelines.stage(stageId);
        return mappings.dealStage(stageId).orElse(stage == null ? stageId : stage.label());
    }

    private static String dealType(String hubspotType) {
        if (hubspotType == null) {
            return null;
        }
        return switch (hubspotType.toLowerCase(Locale.ROOT)) {
            case "newbusiness", "new" -> "new";
            case "existingbusiness", "expansion" -> "expansion";
            case "renewal" -> "renewal";
            default -> null;
        };
    }

    /** The smallest associated id of a type: HubSpot lists associations in no stated order. */
    private static String firstAssociated(JsonNode record, String type) {
        String first = null;
        for (JsonNode association : record.path("associations").path(type).path("results")) {
            String id = association.path("id").asText();
            if (first == null || compareIds(id, first) < 0) {
                first = id;
            }
        }
        return first;
    }

    private static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    private String localDate(String timestamp) {
        return instant("closedate", timestamp).atZoneSameInstant(zone).toLocalDate().toString();
    }

    private boolean sameInstant(String a, String b) {
        return a != null && b != null && instant("timestamp", a).isEqual(instant("timestamp", b));
    }

    private OffsetDateTime instant(String property, String text) {
        return parser.timestamp(Field.optional(property, property, ValueType.TIMESTAMP), text);
    }

    private OffsetDateTime deletedAt(JsonNode record) {
        if (!record.path("archived").asBoolean(false)) {
            return null;
        }
        String archivedAt = timestamp(record, "archivedAt");
        if (archivedAt == null) {
            archivedAt = timestamp(record, "updatedAt");
        }
        if (archivedAt == null) {
            throw new BadValueException("archived record without archivedAt");
        }
        return instant("archivedAt", archivedAt);
    }

    private static String id(JsonNode record) {
        String id = record.path("id").asText("");
        if (id.isBlank()) {
            throw new BadValueException("id is required");
        }
        return id;
    }

    private static String timestamp(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() ? null : normalizeTimestamp(value.asText());
    }

    private Map<String, String> extraValues(HubSpotObject object, Properties p) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (String property : extraProperties.getOrDefault(object, List.of())) {
            if (p.get(property) != null) {
                extra.put(property, p.get(property));
            }
        }
        return extra;
    }

    private String extra(HubSpotObject object, Properties p) {
        return json(extraValues(object, p));
    }

    private String json(Map<String, String> values) {
        if (values.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HubSpot sends datetimes as ISO-8601, some older properties as epoch milliseconds. */
    static String normalizeTimestamp(String text) {
        return text != null && text.length() >= 12 && allDigits(text) ? epochMillis(text) : text;
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String epochMillis(String millis) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(millis)).atOffset(ZoneOffset.UTC).toString();
        } catch (NumberFormatException e) {
            throw new BadValueException("'" + millis + "' is not a time in epoch milliseconds");
        }
    }

    /** A record's {@code properties}: blank and null values are absent. */
    private static final class Properties {
        private final JsonNode properties;

        Properties(JsonNode record) {
            this.properties = record.path("properties");
        }

        String get(String name) {
            JsonNode value = properties.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            String text = value.asText();
            return text.isBlank() ? null : text;
        }

        String timestamp(String name) {
            return normalizeTimestamp(get(name));
        }
    }
}
