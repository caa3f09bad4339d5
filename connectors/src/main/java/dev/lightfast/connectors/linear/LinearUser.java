package dev.lightfast.connectors.linear;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.EventAttributes;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import tools.jackson.databind.JsonNode;

/**
 * A Linear user as payloads name one ({@code UserChildWebhookPayload}, a user {@code actor}): the
 * id is what keys the person, the email is what joins them with the same person in other tools.
 * Events carry the three as {@code <role>_id}, {@code <role>_name}, {@code <role>_email}
 * attributes, which is how the graph extractor reads them back.
 */
record LinearUser(String id, String name, String email) {

    /** The user in a payload object, or null when it has no id. */
    static LinearUser of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String id = text(node.path("id"));
        return id == null ? null : new LinearUser(id, text(node.path("name")), text(node.path("email")));
    }

    /** A user known only by id ({@code assigneeId}), or null. */
    static LinearUser ofId(String id) {
        return id == null ? null : new LinearUser(id, null, null);
    }

    /** The user a stored event names in its {@code <role>_*} attributes, or null. */
    static LinearUser from(EventAttributes attributes, String role) {
        String id = attributes.text(role + "_id");
        return id == null
                ? null
                : new LinearUser(id, attributes.text(role + "_name"), attributes.text(role + "_email"));
    }

    EntityRef ref() {
        return LinearEntities.person(id, name);
    }

    String displayName() {
        return name != null ? name : email != null ? email : "a Linear user";
    }

    static void addAttributes(EventDraft.Builder draft, String role, LinearUser user) {
        if (user != null) {
            draft.attribute(role + "_id", user.id)
                    .attribute(role + "_name", user.name)
                    .attribute(role + "_email", user.email);
        }
    }
}
