package io.revloop.model;

import java.time.OffsetDateTime;

/**
 * One record of a canonical entity, ready to upsert: its external id, its field values in the
 * order of {@link Entity#fields()}, the time it was deleted at the source (null while it lives),
 * and unknown source columns kept aside as a JSON object (null if none).
 */
public record CanonicalRow(Entity entity, String externalId, Object[] values, OffsetDateTime deletedAt,
                           String extraJson) {

    public Object value(String fieldName) {
        return values[entity.indexOf(fieldName)];
    }
}
