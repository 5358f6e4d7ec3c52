package io.revloop.model;

import static io.revloop.model.Field.optional;
import static io.revloop.model.Field.required;
import static io.revloop.model.ValueType.BOOLEAN;
import static io.revloop.model.ValueType.CHANNEL;
import static io.revloop.model.ValueType.CURRENCY;
import static io.revloop.model.ValueType.DATE;
import static io.revloop.model.ValueType.DECIMAL;
import static io.revloop.model.ValueType.EMAIL;
import static io.revloop.model.ValueType.INTEGER;
import static io.revloop.model.ValueType.MONTH;
import static io.revloop.model.ValueType.TEXT;
import static io.revloop.model.ValueType.TIMESTAMP;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The canonical model, one constant per entity, in import order: an entity comes after every
 * entity it must find (a stage change needs its deal, a touchpoint its lead). This single
 * description drives the file import format, row validation and the upsert SQL.
 *
 * <p>An entity is keyed by its {@code id} field, or — for entities without one — by its natural
 * key fields, joined into the stored external id.
 */
public enum Entity {
    FX_RATES("fx_rates", "fx_rates", null, List.of("date", "currency"), List.of(
            required("date", "rate_date", DATE),
            required("currency", "currency", CURRENCY),
            required("rate", "rate", DECIMAL).scale(10))),
    ACCOUNTS("accounts", "accounts", null, List.of("id"), List.of(
            required("id", "external_id", TEXT),
            required("name", "name", TEXT).maxLength(512),
            optional("domain", "web_domain", TEXT),
            optional("industry", "industry", TEXT),
            optional("employees", "employees", INTEGER),
            optional("annual_revenue", "annual_revenue", DECIMAL))),
    CAMPAIGNS("campaigns", "campaigns", null, List.of("id"), List.of(
            required("id", "external_id", TEXT),
            optional("name", "name", TEXT).maxLength(512),
            optional("channel", "channel", CHANNEL),
            optional("platform", "platform", TEXT).maxLength(64))),
    LEADS("leads", "leads", null, List.of("id"), List.of(
            required("id", "external_id", TEXT),
            optional("email", "email", EMAIL),
            optional("company", "company", TEXT).maxLength(512),
            optional("title", "title", TEXT),
            optional("country", "country", TEXT).maxLength(64),
            optional("channel", "channel", CHANNEL),
            optional("source", "lead_source", TEXT),
            optional("campaign_id", "campaign_external_id", TEXT),
            optional("owner", "owner", TEXT),
            optional("score", "score", INTEGER),
            required("created_at", "created_at", TIMESTAMP),
            optional("mql_at", "mql_at", TIMESTAMP),
            optional("sql_at", "sql_at", TIMESTAMP),
            optional("opportunity_at", "opportunity_at", TIMESTAMP),
            optional("customer_at", "customer_at", TIMESTAMP),
            optional("disqualified_at", "disqualified_at", TIMESTAMP),
            optional("first_response_at", "first_response_at", TIMESTAMP),
            optional("account_id", "account_external_id", TEXT))),
    DEALS("deals", "deals", null, List.of("id"), List.of(
            required("id", "external_id", TEXT),
            optional("name", "name", TEXT).maxLength(512),
            optional("account_id", "account_external_id", TEXT),
            optional("lead_id", "lead_external_id", TEXT),
            optional("owner", "owner", TEXT),
            optional("type", "deal_type", TEXT).maxLength(16).oneOf("new", "expansion", "renewal"),
            required("amount", "amount", DECIMAL),
            optional("currency", "currency", CURRENCY),
            optional("stage", "stage", TEXT),
            required("created_at", "created_at", TIMESTAMP),
            optional("expected_close_date", "expected_close_date", DATE),
            optional("closed_at", "closed_at", TIMESTAMP),
            optional("is_won", "is_won", BOOLEAN))),
    DEAL_STAGES("deal_stages", "deal_stage_changes", new ParentRef(DEALS, "deal_id"), List.of("deal_id", "stage", "entered_at"), List.of(
            required("deal_id", "deal_external_id", TEXT),
            required("stage", "stage", TEXT),
            required("entered_at", "entered_at", TIMESTAMP))),
    TOUCHPOINTS("touchpoints", "touchpoints", new ParentRef(LEADS, "lead_id"), List.of("id"), List.of(
            required("id", "external_id", TEXT),
            required("lead_id", "lead_external_id", TEXT),
            required("occurred_at", "occurred_at", TIMESTAMP),
            optional("channel", "channel", CHANNEL),
            optional("source", "touch_source", TEXT),
            optional("medium", "medium", TEXT),
            optional("campaign_id", "campaign_external_id", TEXT),
            optional("type", "touch_type", TEXT).maxLength(64))),
    ACTIVITIES("activities", "activities", new ParentRef(LEADS, "lead_id"), List.of("id"), List.of(
            required("id", "external_id", TEXT),
            required("lead_id", "lead_external_id", TEXT),
            required("occurred_at", "occurred_at", TIMESTAMP),
            optional("type", "activity_type", TEXT).maxLength(64))),
    AD_SPEND("ad_spend", "ad_spend", null, List.of("date", "platform", "campaign_id"), List.of(
            required("date", "spend_date", DATE),
            required("platform", "platform", TEXT).maxLength(64),
            required("campaign_id", "campaign_external_id", TEXT),
            optional("channel", "channel", CHANNEL),
            optional("impressions", "impressions", INTEGER),
            optional("clicks", "clicks", INTEGER),
            required("cost", "cost", DECIMAL),
            optional("currency", "currency", CURRENCY),
            optional("conversions", "conversions", DECIMAL))),
    WEB_TRAFFIC("web_traffic", "web_traffic", null, List.of("date", "channel"), List.of(
            required("date", "traffic_date", DATE),
            required("channel", "channel", CHANNEL),
            required("sessions", "sessions", INTEGER),
            optional("engaged_sessions", "engaged_sessions", INTEGER),
            optional("page_views", "page_views", INTEGER),
            optional("total_duration_seconds", "total_duration_seconds", INTEGER))),
    MRR("mrr", "mrr", null, List.of("account_id", "month"), List.of(
            required("account_id", "account_external_id", TEXT),
            required("month", "month_start", MONTH),
            required("mrr", "mrr", DECIMAL),
            optional("currency", "currency", CURRENCY))),
    COSTS("costs", "costs", null, List.of("month", "category", "channel"), List.of(
            required("month", "month_start", MONTH),
            required("category", "category", TEXT).maxLength(16).oneOf("marketing", "sales", "other"),
            optional("channel", "channel", CHANNEL),
            required("amount", "amount", DECIMAL),
            optional("currency", "currency", CURRENCY))),
    QUOTAS("quotas", "quotas", null, List.of("owner", "period_start"), List.of(
            required("owner", "owner", TEXT),
            required("period_start", "period_start", DATE),
            required("period_end", "period_end", DATE),
            required("amount", "amount", DECIMAL),
            optional("currency", "currency", CURRENCY))),
    SURVEYS("surveys", "survey_responses", null, List.of("account_id", "responded_at", "type"), List.of(
            required("account_id", "account_external_id", TEXT),
            required("responded_at", "responded_at", TIMESTAMP),
            required("type", "survey_type", TEXT).maxLength(8).oneOf("nps", "csat"),
            required("score", "score", INTEGER)));

    private final String fileName;
    private final String table;
    private final ParentRef parent;
    private final List<String> keyFields;
    private final List<Field> fields;
    private final List<Field> valueFields;

    Entity(String fileName, String table, ParentRef parent, List<String> keyFields, List<Field> fields) {
        this.fileName = fileName;
        this.table = table;
        this.parent = parent;
        this.keyFields = keyFields;
        this.fields = fields;
        this.valueFields = fields.stream().filter(f -> !f.column().equals("external_id")).toList();
    }

    /** Base name of the import file, without ".csv". */
    public String fileName() {
        return fileName;
    }

    public String table() {
        return table;
    }

    /** The entity whose record must exist before a record of this one is accepted, and the field naming it. */
    public Optional<ParentRef> parent() {
        return Optional.ofNullable(parent);
    }

    public List<String> keyFields() {
        return keyFields;
    }

    public List<Field> fields() {
        return fields;
    }

    public boolean hasOwnId() {
        return keyFields.equals(List.of("id"));
    }

    /** Fields stored in their own column (all but the id, which is stored as external_id). */
    public List<Field> valueFields() {
        return valueFields;
    }

    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        throw new IllegalArgumentException(fileName + " has no field " + fieldName);
    }

    /**
     * The stored external id of a record with these field values: its own id, or its key fields
     * joined with '|' (timestamps as UTC instants, e.g. {@code d1|proposal|2026-03-01T09:30:00Z}).
     */
    public String externalId(Object[] values) {
        if (hasOwnId()) {
            return (String) values[indexOf("id")];
        }
        StringBuilder id = new StringBuilder();
        for (String key : keyFields) {
            Object value = values[indexOf(key)];
            if (id.length() > 0) {
                id.append('|');
            }
            id.append(value instanceof OffsetDateTime t ? t.toInstant().toString() : value == null ? "" : value);
        }
        return id.toString();
    }

    public static Optional<Entity> byFileName(String baseName) {
        for (Entity entity : values()) {
            if (entity.fileName.equals(baseName)) {
                return Optional.of(entity);
            }
        }
        return Optional.empty();
    }

    /** A record of {@code entity} whose id is in field {@code field} must exist first. */
    public record ParentRef(Entity entity, String field) {
    }
}
