package dev.lightfast.server.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas of the tools' inputs and structured outputs. Written inline (no {@code $ref}) so
 * every client's validator reads them the same way, whatever JSON Schema draft it assumes. Output
 * objects leave {@code additionalProperties} open: fields may be added, never removed.
 */
final class ToolSchemas {
    private ToolSchemas() {}

    // ---- building blocks --------------------------------------------------------------------

    static Map<String, Object> object(Map<String, Object> properties, String... required) {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (required.length > 0) {
            schema.put("required", List.of(required));
        }
        return schema;
    }

    /** An input object: its properties are all the tool takes. */
    static Map<String, Object> input(Map<String, Object> properties, String... required) {
        var schema = object(properties, required);
        schema.put("additionalProperties", false);
        return schema;
    }

    static Map<String, Object> props(Object... nameSchemaPairs) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < nameSchemaPairs.length; i += 2) {
            m.put((String) nameSchemaPairs[i], nameSchemaPairs[i + 1]);
        }
        return m;
    }

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    static Map<String, Object> string() {
        return Map.of("type", "string");
    }

    static Map<String, Object> dateTime(String description) {
        return Map.of("type", "string", "format", "date-time", "description", description);
    }

    static Map<String, Object> integer(String description) {
        return Map.of("type", "integer", "description", description);
    }

    static Map<String, Object> integer(long min, long max, long byDefault, String description) {
        return Map.of(
                "type", "integer", "minimum", min, "maximum", max, "default", byDefault, "description", description);
    }

    static Map<String, Object> number() {
        return Map.of("type", "number");
    }

    static Map<String, Object> bool(String description) {
        return Map.of("type", "boolean", "description", description);
    }

    static Map<String, Object> arrayOf(Map<String, Object> items) {
        return Map.of("type", "array", "items", items);
    }

    static Map<String, Object> arrayOf(Map<String, Object> items, String description) {
        return Map.of("type", "array", "items", items, "description", description);
    }

    static Map<String, Object> enumOf(List<String> values, String description) {
        return Map.of("type", "string", "enum", values, "description", description);
    }

    static Map<String, Object> anyObject(String description) {
        return Map.of("type", "object", "description", description);
    }

    // ---- inputs shared by several tools -----------------------------------------------------

    static Map<String, Object> asOf() {
        return Map.of(
                "type",
                List.of("string", "integer"),
                "description",
                "Read the past: a seq (what Lightfast knew after that event) or an ISO-8601 instant (what was true "
                        + "in the world then). Leave out for now.");
    }

    static Map<String, Object> entityArgument() {
        return string("The entity: its id (ent_..., from a search hit, an answer or another tool) or its natural key "
                + "such as github:octo/shop/pull/12, github:octocat (a person), github:octo/shop (a repository) or "
                + "git:<sha> (a commit).");
    }

    static Map<String, Object> kindArgument() {
        return string(
                "The entity's kind (person, repository, pull_request, issue, commit, deployment, ...), needed only "
                        + "when a natural key names things of several kinds.");
    }

    // ---- outputs -----------------------------------------------------------------------------

    /** What every tool's {@code citations} holds: an event and the resource link that serves it. */
    static Map<String, Object> citation() {
        return object(
                props(
                        "eventId", string("the cited event's id"),
                        "uri", string("lightfast://events/{id}: read it with resources/read"),
                        "url", string("the source tool's own link to it"),
                        "type", string(),
                        "title", string(),
                        "occurredAt", dateTime("when it happened in the source tool")),
                "eventId",
                "uri");
    }

    static Map<String, Object> citations() {
        return arrayOf(citation(), "the events this result rests on; each is also a resource_link in the content");
    }

    /** A citation as the domain records carry it (event id, seq, type, source link, time). */
    static Map<String, Object> eventCitation() {
        return object(
                props(
                        "eventId",
                        string(),
                        "seq",
                        integer("place in the tenant's causal order"),
                        "type",
                        string(),
                        "url",
                        string("the source tool's own link"),
                        "occurredAt",
                        dateTime("when it happened")),
                "eventId",
                "seq");
    }

    static Map<String, Object> entityRef() {
        return object(
                props(
                        "kind", string("person, repository, pull_request, commit, issue, deployment, ..."),
                        "key", string("natural key such as github:octo/shop/pull/12 or git:<sha>"),
                        "label", string("for display")),
                "kind",
                "key");
    }

    /** An entity as answers and search hits name it: id, kind and label. */
    static Map<String, Object> namedEntity(String description) {
        var m = new java.util.LinkedHashMap<>(
                object(props("id", string("ent_..."), "kind", string(), "label", string()), "id", "kind"));
        m.put("description", description);
        return m;
    }

    static Map<String, Object> event() {
        return object(
                props(
                        "id", string("the event id (a ULID)"),
                        "uri", string("lightfast://events/{id}"),
                        "seq", integer("place in the tenant's causal order"),
                        "source", string("github, linear, sentry, vercel, api, ..."),
                        "type", string("e.g. github.pull_request.merged"),
                        "occurredAt", dateTime("the source tool's time"),
                        "observedAt", dateTime("when Lightfast received it"),
                        "actor", entityRef(),
                        "subjects", arrayOf(entityRef(), "the things this event is about"),
                        "title", string(),
                        "body", string(),
                        "attributes", anyObject("source-specific fields"),
                        "url", string("the source tool's own link"),
                        "rawRef", string("id of the stored raw delivery it was derived from"),
                        "causes", arrayOf(string(), "ids of events this one follows from"),
                        "idempotencyKey", string()),
                "id",
                "uri",
                "seq",
                "source",
                "type",
                "occurredAt",
                "title");
    }

    static Map<String, Object> entity() {
        return object(
                props(
                        "id", string("the entity id (ent_...)"),
                        "uri", string("lightfast://entities/{id}"),
                        "kind", string(),
                        "key", string("natural key"),
                        "name", string(),
                        "attributes", anyObject("latest value of each attribute at the reading point"),
                        "aliases",
                                arrayOf(object(props(
                                        "kind",
                                        string(),
                                        "value",
                                        string(),
                                        "evidence",
                                        string(),
                                        "eventId",
                                        string()))),
                        "mergedIds", arrayOf(string()),
                        "firstSeen", dateTime("first event about it"),
                        "lastSeen", dateTime("latest event about it"),
                        "firstSeq", integer("seq of the first event about it"),
                        "lastSeq", integer("seq of the latest event about it"),
                        "citations", arrayOf(eventCitation(), "recent events it was learned from")),
                "id",
                "uri",
                "kind",
                "key",
                "name");
    }

    static Map<String, Object> relation() {
        return object(
                props(
                        "type", string("authored, reviewed, fixes, merged, deploys, mentions, belongs_to, ..."),
                        "from", string("entity id"),
                        "to", string("entity id"),
                        "validFrom", dateTime("since when it held in the world"),
                        "validTo", dateTime("when it stopped holding; absent while it still holds"),
                        "recordedSeq", integer("seq at which Lightfast learned it"),
                        "endedSeq", integer("seq at which Lightfast learned it ended"),
                        "citations", arrayOf(eventCitation())),
                "type",
                "from",
                "to",
                "citations");
    }

    static Map<String, Object> searchHit() {
        return object(
                props(
                        "eventId", string(),
                        "uri", string("lightfast://events/{id}"),
                        "seq", integer("place in the causal order"),
                        "source", string(),
                        "type", string(),
                        "title", string(),
                        "snippet", string("the part of the text that matched"),
                        "occurredAt", dateTime("when it happened"),
                        "url", string("the source tool's own link"),
                        "score", number(),
                        "keywordRank", integer("rank by words (BM25), when that found it"),
                        "vectorRank", integer("rank by meaning, when that found it"),
                        "subjects", arrayOf(string(), "keys of the entities it is about"),
                        "citations", arrayOf(eventCitation()),
                        "actor", namedEntity("who acted, as the graph names them; absent when the event names no one"),
                        "about",
                                arrayOf(
                                        namedEntity("an entity the event is about"),
                                        "the entities it is about (its subjects, in order), each with id, kind and label")),
                "eventId",
                "uri",
                "seq",
                "title",
                "score");
    }
}
