package dev.lightfast.server.rules;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An action an agent proposes, as the event it would become: {@code {type, source?, title?,
 * occurredAt?, actor?, subjects?, attributes?}}, placed after the log's last event. Nothing is
 * written; the rules judge it as if it had happened.
 */
public final class ProposedActions {
    private final EventLog log;
    private final Clock clock;

    public ProposedActions(EventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** @throws ApiError (400) naming what is missing or malformed */
    public Event event(TenantId tenant, JsonNode action) {
        if (!action.isObject() || !action.hasNonNull("type")) {
            throw ApiError.badRequest("an action needs at least its event type, such as"
                    + " {\"type\": \"github.deployment.created\", \"attributes\": {\"environment\": \"production\"}}");
        }
        String type = action.get("type").asString();
        Instant at = action.hasNonNull("occurredAt") ? RulesApi.instant(action, "occurredAt") : clock.instant();
        at = at.truncatedTo(ChronoUnit.MICROS);
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = action.hasNonNull("attributes")
                ? Json.MAPPER.convertValue(action.get("attributes"), Map.class)
                : Map.of();
        List<EntityRef> subjects = action.hasNonNull("subjects")
                ? List.of(Json.MAPPER.convertValue(action.get("subjects"), EntityRef[].class))
                : List.of();
        EntityRef actor =
                action.hasNonNull("actor") ? Json.MAPPER.convertValue(action.get("actor"), EntityRef.class) : null;
        String source = action.hasNonNull("source")
                ? action.get("source").asString()
                : type.contains(".") ? type.substring(0, type.indexOf('.')) : "api";
        var draft = new EventDraft(
                source,
                type,
                at,
                actor,
                subjects,
                action.hasNonNull("title") ? action.get("title").asString() : "proposed " + type,
                "",
                attributes,
                null,
                List.of(),
                null);
        return Event.of("proposed", tenant, log.lastSeq(tenant) + 1, at, null, draft);
    }
}
