package io.revloop.source.salesforce;

import io.revloop.RevloopProperties.FieldMapping;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The SOQL of each object's incremental read: its fields, what changed since a time, oldest change first. */
final class SoqlQueries {

    private final SalesforceMappings mappings;
    private final boolean multiCurrency;

    SoqlQueries(SalesforceMappings mappings, boolean multiCurrency) {
        this.mappings = mappings;
        this.multiCurrency = multiCurrency;
    }

    /**
     * The objects this org is read for: all of {@link SObjectType} but DatedConversionRate, which
     * exists only in multi-currency orgs.
     */
    List<SObjectType> objects() {
        List<SObjectType> objects = new ArrayList<>(List.of(SObjectType.values()));
        if (!multiCurrency) {
            objects.remove(SObjectType.DATED_CONVERSION_RATE);
        }
        return objects;
    }

    /**
     * Records of {@code type} whose SystemModstamp is at or after {@code since} (all when null),
     * ordered by SystemModstamp and Id: a record at the cursor itself is read again, never skipped.
     */
    String changedSince(SObjectType type, OffsetDateTime since) {
        return select(type, since) + " ORDER BY SystemModstamp ASC, Id ASC";
    }

    /** Every record of {@code type}, for a Bulk API 2.0 query job (which takes no ORDER BY). */
    String all(SObjectType type) {
        return select(type, null);
    }

    private String select(SObjectType type, OffsetDateTime since) {
        Set<String> fields = new LinkedHashSet<>(type.fields());
        fields.add("SystemModstamp");
        if (type.deletable()) {
            fields.add("IsDeleted");
        }
        if (multiCurrency && type == SObjectType.OPPORTUNITY) {
            fields.add("CurrencyIsoCode");
        }
        mappings.fieldMappings(type).stream().map(FieldMapping::field).forEach(fields::add);
        List<String> conditions = new ArrayList<>();
        if (since != null) {
            conditions.add("SystemModstamp >= " + SalesforceValues.soqlDatetime(since));
        }
        if (type.filter() != null) {
            conditions.add(type.filter());
        }
        return "SELECT " + String.join(", ", fields) + " FROM " + type.apiName()
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
    }
}
