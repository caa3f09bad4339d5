package dev.lightfast.connectors.sentry;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.EventAttributes;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import tools.jackson.databind.JsonNode;

/**
 * A member of the Sentry organization as payloads name one (the {@code actor} of a user's action,
 * an issue's {@code assignedTo}). Not the end user an error happened to ({@code error.user}): that
 * is a customer of the team, not a person of the team, and is never made a person entity. Events
 * carry it as {@code <role>_id}, {@code <role>_name}, {@code <role>_email} attributes.
 */
record SentryUser(String id, String name, String email) {

    /** The user in a payload object, or null when it has no id or is not a user (an app, a team). */
    static SentryUser of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String type = text(node.path("type"));
        String id = text(node.path("id"));
        if (id == null || (type != null && !type.equals("user"))) {
            return null;
        }
        return new SentryUser(id, text(node.path("name")), text(node.path("email")));
    }

    static SentryUser from(EventAttributes attributes, String role) {
        String id = attributes.text(role + "_id");
        return id == null
                ? null
                : new SentryUser(id, attributes.text(role + "_name"), attributes.text(role + "_email"));
    }

    EntityRef ref() {
        return SentryEntities.person(id, name);
    }

    String displayName() {
        return name != null ? name : email != null ? email : "a Sentry user";
    }

    static void addAttributes(EventDraft.Builder draft, String role, SentryUser user) {
        if (user != null) {
            draft.attribute(role + "_id", user.id)
                    .attribute(role + "_name", user.name)
                    .attribute(role + "_email", user.email);
        }
    }
}
