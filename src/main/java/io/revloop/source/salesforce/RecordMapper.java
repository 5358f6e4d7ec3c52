package io.revloop.source.salesforce;

import static io.revloop.source.salesforce.SalesforceValues.flag;
import static io.revloop.source.salesforce.SalesforceValues.isoTimestamp;
import static io.revloop.source.salesforce.SalesforceValues.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revloop.RevloopProperties.FieldMapping;
import io.revloop.model.CanonicalRow;
import io.revloop.model.Entity;
import io.revloop.model.Field;
import io.revloop.model.RowRules;
import io.revloop.model.ValueParser;
import io.revloop.model.ValueParser.BadValueException;
import io.revloop.model.ValueType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps one Salesforce record to its canonical record — a pure function of the record, the
 * configured mappings and what the store already knows ({@link Known}). Throws a
 * {@link BadValueException} naming the field when a value cannot be read.
 *
 * <p>A person is one canonical lead: a Lead keyed by its Id, a Contact by its Id unless it was
 * converted from a lead, in which case it folds into that lead ({@link #map} returns null). Campaign
 * members, tasks and events of such a contact, and the opportunity of the conversion, point to the lead.
 */
final class RecordMapper {

    private static final Field DELETED_AT = Field.optional("deleted_at", "deleted_at", ValueType.TIMESTAMP);
    /** The position of each stage timestamp ({@code mql_at} …) among the lead's values. */
    private static final Map<String, Integer> STAGE_FIELD_INDEX = new LinkedHashMap<>();
    private static final int FIRST_RESPONSE_INDEX = Entity.LEADS.indexOf("first_response_at");

    static {
        SalesforceMappings.LEAD_STAGES.stream().filter(stage -> !stage.equals("lead")).map(LeadStages::field)
                .forEach(field -> STAGE_FIELD_INDEX.put(field, Entity.LEADS.indexOf(field)));
    }

    private final ValueParser parser;
    private final ZoneId zone;
    private final ObjectMapper json;
    private final SalesforceMappings mappings;

    RecordMapper(ValueParser parser, ZoneId zone, ObjectMapper json, SalesforceMappings mappings) {
        this.parser = parser;
        this.zone = zone;
        this.json = json;
        this.mappings = mappings;
    }

    /**
     * What the store knows that a page's records refer to: the lead a converted contact or
     * opportunity came from, and the stage timestamps leads already have.
     */
    record Known(Map<String, String> convertedFrom, Map<String, Map<String, OffsetDateTime>> leadStages) {
        static final Known NOTHING = new Known(Map.of(), Map.of());

        String person(String id) {
            return id == null ? null : convertedFrom.getOrDefault(id, id);
        }
    }

    /** The canonical record, or null when the record folds into another one (a converted lead's contact). */
    CanonicalRow map(SObjectType type, JsonNode record, Known known) {
        Map<String, String> raw = switch (type) {
            case DATED_CONVERSION_RATE -> fxRate(record);
            case ACCOUNT -> account(record);
            case CAMPAIGN -> campaign(record);
            case LEAD -> lead(record);
            case CONTACT -> known.convertedFrom().containsKey(text(record, "Id")) ? null : contact(record);
            case OPPORTUNITY -> opportunity(record, known);
            case OPPORTUNITY_HISTORY -> stageChange(record);
            case CAMPAIGN_MEMBER -> campaignMember(record, known);
            case TASK -> activity(record, known, text(record, "CreatedDate"), taskType(record));
            case EVENT -> activity(record, known, firstNonNull(text(record, "StartDateTime"),
                    text(record, "CreatedDate")), "meeting");
        };
        if (raw == null) {
            return null;
        }
        Entity entity = type.entity();
        Map<String, String> extra = new LinkedHashMap<>();
        for (FieldMapping mapping : mappings.fieldMappings(type)) {
            String value = text(record, mapping.field());
            if (hasField(entity, mapping.to())) {
                raw.put(mapping.to(), value);
            } else if (value != null && !value.isBlank()) {
                extra.put(mapping.to(), value);
            }
        }
        Object[] values = new Object[entity.fields().size()];
        for (int i = 0; i < values.length; i++) {
            Field field = entity.fields().get(i);
            String text = raw.get(field.name());
            values[i] = parser.parse(field, field.type() == ValueType.TIMESTAMP ? isoTimestamp(text) : text);
        }
        if (type == SObjectType.LEAD || type == SObjectType.CONTACT) {
            deriveTimes(type, record, values, known);
        }
        RowRules.check(entity, values);
        OffsetDateTime deletedAt = type.deletable() && flag(record, "IsDeleted")
                ? (OffsetDateTime) parser.parse(DELETED_AT, isoTimestamp(text(record, "SystemModstamp"))) : null;
        return new CanonicalRow(entity, entity.externalId(values), values, deletedAt, json(extra));
    }

    private Map<String, String> fxRate(JsonNode record) {
        Map<String, String> raw = new HashMap<>();
        raw.put("date", text(record, "StartDate"));
        raw.put("currency", text(record, "IsoCode"));
        String perCorporateUnit = text(record, "ConversionRate");
        raw.put("rate", perCorporateUnit == null ? null : baseUnitsPerUnit(perCorporateUnit));
        return raw;
    }

    /** Salesforce gives units of the currency per unit of the corporate currency; the model wants the inverse. */
    private static String baseUnitsPerUnit(String perCorporateUnit) {
        BigDecimal rate;
        try {
            rate = new BigDecimal(perCorporateUnit);
        } catch (NumberFormatException e) {
            throw new BadValueException("ConversionRate '" + perCorporateUnit + "' is not a number");
        }
        if (rate.signum() <= 0) {
            throw new BadValueException("ConversionRate " + perCorporateUnit + " must be greater than 0");
        }
        return BigDecimal.ONE.divide(rate, new MathContext(20, RoundingMode.HALF_UP)).toPlainString();
    }

    private static Map<String, String> account(JsonNode record) {
        Map<String, String> raw = new HashMap<>();
        raw.put("id", text(record, "Id"));
        raw.put("name", text(record, "Name"));
        raw.put("domain", domain(text(record, "Website")));
        raw.put("industry", text(record, "Industry"));
        raw.put("employees", text(record, "NumberOfEmployees"));
        raw.put("annual_revenue", text(record, "AnnualRevenue"));
        return raw;
    }

    private Map<String, String> campaign(JsonNode record) {
        Map<String, String> raw = new HashMap<>();
        raw.put("id", text(record, "Id"));
        raw.put("name", text(record, "Name"));
        raw.put("channel", mappings.channel(text(record, "Type")));
        return raw;
    }

    private Map<String, String> lead(JsonNode record) {
        Map<String, String> raw = person(record, "Country");
        raw.put("company", text(record, "Company"));
        raw.put("account_id", text(record, "ConvertedAccountId"));
        return raw;
    }

    private Map<String, String> contact(JsonNode record) {
        Map<String, String> raw = person(record, "MailingCountry");
        raw.put("company", text(record, "Account.Name"));
        raw.put("account_id", text(record, "AccountId"));
        return raw;
    }

    private Map<String, String> person(JsonNode record, String countryField) {
        Map<String, String> raw = new HashMap<>();
        raw.put("id", text(record, "Id"));
        raw.put("email", text(record, "Email"));
        raw.put("title", text(record, "Title"));
        raw.put("country", text(record, countryField));
        String leadSource = text(record, "LeadSource");
        raw.put("source", leadSource);
        raw.put("channel", mappings.channel(leadSource));
        raw.put("owner", text(record, "Owner.Name"));
        raw.put("created_at", text(record, "CreatedDate"));
        return raw;
    }

    /**
     * Sets a person's stage timestamps (see {@link LeadStages}; a contact has no status, so only mapped
     * and stored times) and keeps the first sales response the store has, which activities set.
     */
    private void deriveTimes(SObjectType type, JsonNode record, Object[] values, Known known) {
        Map<String, OffsetDateTime> mapped = new HashMap<>();
        STAGE_FIELD_INDEX.forEach((field, index) -> mapped.put(field, (OffsetDateTime) values[index]));
        Map<String, OffsetDateTime> stored = known.leadStages().getOrDefault(text(record, "Id"), Map.of());
        if (values[FIRST_RESPONSE_INDEX] == null) {
            values[FIRST_RESPONSE_INDEX] = stored.get("first_response_at");
        }
        String reached = null;
        OffsetDateTime reachedAt = null;
        if (type == SObjectType.LEAD && flag(record, "IsConverted")) {
            reached = text(record, "ConvertedOpportunityId") != null ? "opportunity" : "sql";
            String convertedDate = text(record, "ConvertedDate");
            reachedAt = convertedDate == null ? null : startOfDay(convertedDate, "ConvertedDate");
        } else if (type == SObjectType.LEAD) {
            reached = mappings.leadStage(text(record, "Status"));
            reachedAt = SalesforceValues.parseDatetime(text(record, "SystemModstamp"));
        }
        LeadStages.derive(mapped, stored, reached, reachedAt)
                .forEach((field, at) -> values[STAGE_FIELD_INDEX.get(field)] = at);
    }

    private Map<String, String> opportunity(JsonNode record, Known known) {
        Map<String, String> raw = new HashMap<>();
        String id = text(record, "Id");
        raw.put("id", id);
        raw.put("name", text(record, "Name"));
        raw.put("account_id", text(record, "AccountId"));
        raw.put("lead_id", known.convertedFrom().get(id));
        raw.put("owner", text(record, "Owner.Name"));
        raw.put("type", mappings.dealType(text(record, "Type")));
        // an opportunity without an amount is still pipeline; it counts as 0 rather than being dropped
        String amount = text(record, "Amount");
        raw.put("amount", amount == null ? "0" : amount);
        raw.put("currency", text(record, "CurrencyIsoCode"));
        raw.put("stage", mappings.dealStage(text(record, "StageName")));
        raw.put("created_at", text(record, "CreatedDate"));
        String closeDate = text(record, "CloseDate");
        raw.put("expected_close_date", closeDate);
        if (flag(record, "IsClosed")) {
            raw.put("closed_at", closeDate == null ? null : startOfDay(closeDate, "CloseDate").toString());
            raw.put("is_won", String.valueOf(flag(record, "IsWon")));
        }
        return raw;
    }

    private Map<String, String> stageChange(JsonNode record) {
        Map<String, String> raw = new HashMap<>();
        raw.put("deal_id", text(record, "OpportunityId"));
        raw.put("stage", mappings.dealStage(text(record, "StageName")));
        raw.put("entered_at", text(record, "CreatedDate"));
        return raw;
    }

    private Map<String, String> campaignMember(JsonNode record, Known known) {
        Map<String, String> raw = new HashMap<>();
        raw.put("id", text(record, "Id"));
        String leadId = text(record, "LeadId");
        raw.put("lead_id", leadId != null ? leadId : known.person(text(record, "ContactId")));
        raw.put("occurred_at", text(record, "CreatedDate"));
        raw.put("campaign_id", text(record, "CampaignId"));
        raw.put("channel", mappings.channel(text(record, "Campaign.Type")));
        raw.put("type", flag(record, "HasResponded") ? "campaign_response" : "campaign_member");
        return raw;
    }

    private static Map<String, String> activity(JsonNode record, Known known, String occurredAt, String type) {
        Map<String, String> raw = new HashMap<>();
        raw.put("id", text(record, "Id"));
        raw.put("lead_id", known.person(text(record, "WhoId")));
        raw.put("occurred_at", occurredAt);
        raw.put("type", type);
        return raw;
    }

    private static String taskType(JsonNode record) {
        String subtype = text(record, "TaskSubtype");
        return subtype == null ? "task" : subtype.toLowerCase(Locale.ROOT);
    }

    private OffsetDateTime startOfDay(String date, String field) {
        try {
            return LocalDate.parse(date).atStartOfDay(zone).toOffsetDateTime();
        } catch (RuntimeException e) {
            throw new BadValueException(field + " '" + date + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** The host of a website, without scheme, "www." and path: {@code https://www.acme.example/x} is {@code acme.example}. */
    static String domain(String website) {
        if (website == null || website.isBlank()) {
            return null;
        }
        String host = website.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        host = host.split("[/?#]", 2)[0];
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private static boolean hasField(Entity entity, String name) {
        return entity.fields().stream().anyMatch(f -> f.name().equals(name));
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }

    private String json(Map<String, String> extra) {
        try {
            return extra.isEmpty() ? null : json.writeValueAsString(extra);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
