package io.revloop.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HubSpot owners (users) by id. Records name their owner by id ({@code hubspot_owner_id}); the
 * canonical owner is the owner's email — what quotas and other systems know a salesperson by — or
 * the name when an owner has no email, or the id when the owner is unknown.
 */
final class Owners {

    private final Map<String, String> byId = new HashMap<>();

    void add(JsonNode owner) {
        String email = text(owner, "email");
        String name = String.join(" ", nonNull(text(owner, "firstName")), nonNull(text(owner, "lastName"))).trim();
        String shown = email != null ? email.toLowerCase(Locale.ROOT) : !name.isEmpty() ? name : null;
        if (shown != null) {
            byId.putIfAbsent(owner.path("id").asText(), shown);
        }
    }

    String owner(String id) {
        return id == null ? null : byId.getOrDefault(id, id);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
