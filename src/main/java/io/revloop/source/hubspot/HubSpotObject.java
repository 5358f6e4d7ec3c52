package io.revloop.source.hubspot;

import io.revloop.model.Entity;
import java.util.List;

/**
 * The CRM object types the hub reads, in the order a run reads them (accounts before the leads
 * and deals that name them), each with the property that says when a record last changed — contacts
 * have their own name for it — and the properties the mapping needs.
 */
enum HubSpotObject {
    COMPANIES("companies", Entity.ACCOUNTS, "hs_lastmodifieddate", List.of(
            "name", "domain", "industry", "numberofemployees", "annualrevenue", "createdate")),
    CONTACTS("contacts", Entity.LEADS, "lastmodifieddate", List.of(
            "email", "company", "jobtitle", "country", "createdate", "lifecyclestage", "hubspot_owner_id",
            "associatedcompanyid", "hs_analytics_source", "hs_analytics_source_data_1",
            "hs_analytics_source_data_2", "hs_analytics_first_timestamp", "hs_latest_source",
            "hs_latest_source_data_1", "hs_latest_source_data_2", "hs_latest_source_timestamp",
            "first_conversion_date", "first_conversion_event_name", "recent_conversion_date",
            "recent_conversion_event_name", "hs_sa_first_engagement_date", "hs_sa_first_engagement_object_type",
            "hs_merged_object_ids", "hs_calculated_merged_vids")),
    DEALS("deals", Entity.DEALS, "hs_lastmodifieddate", List.of(
            "dealname", "amount", "deal_currency_code", "closedate", "createdate", "dealstage", "pipeline",
            "hubspot_owner_id", "dealtype"));

    private final String path;
    private final Entity entity;
    private final String lastModified;
    private final List<String> properties;

    HubSpotObject(String path, Entity entity, String lastModified, List<String> properties) {
        this.path = path;
        this.entity = entity;
        this.lastModified = lastModified;
        this.properties = properties;
    }

    /** The object type in API paths and in the config ({@code contacts}). */
    String path() {
        return path;
    }

    Entity entity() {
        return entity;
    }

    /** The property incremental searches filter and sort on. */
    String lastModified() {
        return lastModified;
    }

    /** The properties the mapping reads (without the last-modified one and the configured extras). */
    List<String> properties() {
        return properties;
    }
}
