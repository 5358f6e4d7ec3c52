package io.revloop.model;

import java.time.OffsetDateTime;

/**
 * A canonical record being filled from an API object: field values as text, parsed and checked by
 * the same rules as an import file's row when built, so an API record and a file row that say the
 * same thing become the same record.
 */
public final class CanonicalRecord {

    private final Entity entity;
    private final String[] raw;

    public CanonicalRecord(Entity entity) {
        this.entity = entity;
        this.raw = new String[entity.fields().size()];
    }

    public CanonicalRecord set(String field, String value) {
        raw[entity.indexOf(field)] = value;
        return this;
    }

    /** The record, or a {@link ValueParser.BadValueException} naming the field that is wrong. */
    public CanonicalRow build(ValueParser parser, OffsetDateTime deletedAt, String extraJson) {
        Object[] values = new Object[raw.length];
        for (int i = 0; i < raw.length; i++) {
            values[i] = parser.parse(entity.fields().get(i), raw[i]);
        }
        RowRules.check(entity, values);
        return new CanonicalRow(entity, entity.externalId(values), values, deletedAt, extraJson);
    }
}
