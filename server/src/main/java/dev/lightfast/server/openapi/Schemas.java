package dev.lightfast.server.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of the API's bodies. Routes refer to them by
 * name with {@link #ref}; {@link OpenApiDocument} puts them under {@code components.schemas}.
 */
public final class Schemas {
    private Schemas() {}

    public static Map<String, Object> ref(String name) {
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    public static Map<String, Object> string() {
        return Map.of("type", "string");
    }

    public static Map<String, Object> string(String format) {
        return Map.of("type", "string", "format", format);
    }

    public static Map<String, Object> integer(long min, long max) {
        return Map.of("type", "integer", "minimum", min, "maximum", max);
    }

    public static Map<String, Object> object(Map<String, Object> properties, String... required) {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (required.length > 0) {
            schema.put("required", List.of(required));
        }
        return schema;
    }

    private static Map<String, Object> props(Object... kv) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The entity kinds of the vocabulary, for the docs. */
    static List<String> entityKinds() {
        return java.util.Arrays.stream(dev.lightfast.core.graph.EntityKind.values())
                .map(dev.lightfast.core.graph.EntityKind::wire)
                .toList();
    }

    /** The relation types of the vocabulary, for the docs. */
    static List<String> relationTypes() {
        return java.util.Arrays.stream(dev.lightfast.core.graph.RelationType.values())
                .map(dev.lightfast.core.graph.RelationType::wire)
                .toList();
    }

    /** Every named schema. */
    public static Map<String, Object> all() {
        var s = new LinkedHashMap<String, Object>();
        s.put(
                "ConsoleSession",
                object(
                        props(
                                "signedIn", Map.of("type", "boolean"),
                                "tenant", Map.of("type", List.of("string", "null")),
                                "csrfToken", Map.of("type", List.of("string", "null")),
                                "expiresAt", Map.of("type", List.of("string", "null"), "format", "date-time"),
                                "keyId",
                                        Map.of(
                                                "type",
                                                List.of("string", "null"),
                                                "description",
                                                "the signing-in key's id (not the key)"),
                                "scopes",
                                        Map.of(
                                                "type",
                                                List.of("array", "null"),
                                                "items",
                                                string(),
                                                "description",
                                                "what the signing-in key may do: read, propose, execute, approve, admin")),
                        "signedIn"));
        s.put(
                "Error",
                object(
                        props("error", object(props("code", string(), "message", string()), "code", "message")),
                        "error"));
        s.put(
                "EntityRef",
                object(
                        props(
                                "kind",
                                        Map.of(
                                                "type",
                                                "string",
                                                "description",
                                                "person, repository, pull_request, commit, issue, ..."),
                                "key",
                                        Map.of(
                                                "type",
                                                "string",
                                                "description",
                                                "natural key such as github:octo/repo/pull/12 or git:<sha>"),
                                "label", string()),
                        "kind",
                        "key"));
        s.put(
                "Event",
                object(
                        props(
                                "id", Map.of("type", "string", "description", "ULID"),
                                "seq", Map.of("type", "integer", "description", "place in the tenant's causal order"),
                                "source", string(),
                                "type", Map.of("type", "string", "examples", List.of("github.pull_request.merged")),
                                "occurredAt", string("date-time"),
                                "observedAt", string("date-time"),
                                "actor", ref("EntityRef"),
                                "subjects", Map.of("type", "array", "items", ref("EntityRef")),
                                "title", string(),
                                "body", string(),
                                "attributes", Map.of("type", "object"),
                                "url", Map.of("type", "string", "description", "the source's own link"),
                                "rawRef", Map.of("type", "string", "description", "id of the stored raw delivery"),
                                "causes", Map.of("type", "array", "items", string()),
                                "idempotencyKey", string()),
                        "id",
                        "seq",
                        "source",
                        "type",
                        "occurredAt",
                        "observedAt",
                        "title"));
        s.put("EventWithRaw", Map.of("allOf", List.of(ref("Event"), object(props("raw", ref("RawDelivery"))))));
        s.put(
                "RawDelivery",
                object(props(
                        "id",
                        string(),
                        "source",
                        string(),
                        "connectionId",
                        string(),
                        "deliveryKey",
                        string(),
                        "eventName",
                        string(),
                        "receivedAt",
                        string("date-time"),
                        "headers",
                        Map.of("type", "object", "additionalProperties", string()),
                        "payload",
                        Map.of("description", "the body as JSON, when it is JSON"),
                        "bodyBase64",
                        Map.of("type", "string", "description", "the body, when it is not JSON"))));
        s.put(
                "EventPage",
                object(
                        props(
                                "events", Map.of("type", "array", "items", ref("Event")),
                                "nextAfter",
                                        Map.of(
                                                "type",
                                                "integer",
                                                "description",
                                                "causal order: pass as 'after' to continue"),
                                "nextBefore",
                                        Map.of(
                                                "type",
                                                "integer",
                                                "description",
                                                "newest first: pass as 'before' to continue"),
                                "hasMore", Map.of("type", "boolean")),
                        "events",
                        "hasMore"));
        s.put(
                "NewEvent",
                object(
                        props(
                                "source",
                                Map.of(
                                        "type",
                                        "string",
                                        "pattern",
                                        "^[a-z][a-z0-9_-]{0,31}$",
                                        "description",
                                        "who is telling: 'api' or your agent's name; webhook providers are reserved"),
                                "type",
                                Map.of("type", "string", "examples", List.of("deploy.note.added")),
                                "occurredAt",
                                Map.of("type", "string", "format", "date-time", "description", "defaults to now"),
                                "actor",
                                ref("EntityRef"),
                                "subjects",
                                Map.of("type", "array", "items", ref("EntityRef")),
                                "title",
                                string(),
                                "body",
                                string(),
                                "attributes",
                                Map.of("type", "object"),
                                "url",
                                string(),
                                "causes",
                                Map.of("type", "array", "items", string()),
                                "idempotencyKey",
                                Map.of("type", "string", "description", "the same key twice stores one event")),
                        "source",
                        "type",
                        "title"));
        s.put(
                "Ingested",
                object(
                        props(
                                "deliveryId",
                                string(),
                                "duplicate",
                                Map.of("type", "boolean"),
                                "events",
                                Map.of("type", "array", "items", ref("Event"))),
                        "deliveryId",
                        "duplicate",
                        "events"));
        s.put(
                "Accepted",
                object(
                        props(
                                "deliveryId",
                                string(),
                                "duplicate",
                                Map.of("type", "boolean"),
                                "eventIds",
                                Map.of("type", "array", "items", string())),
                        "deliveryId",
                        "duplicate",
                        "eventIds"));
        s.put(
                "NewTenant",
                object(props(
                        "id",
                                Map.of(
                                        "type",
                                        "string",
                                        "pattern",
                                        "^[A-Za-z0-9_-]{1,64}$",
                                        "description",
                                        "generated when absent"),
                        "name", string())));
        s.put("Tenant", object(props("id", string(), "name", string(), "createdAt", string("date-time"))));
        s.put(
                "CreatedTenant",
                object(
                        props(
                                "tenant",
                                ref("Tenant"),
                                "apiKey",
                                Map.of("type", "string", "description", "shown this once; only a hash is stored")),
                        "tenant",
                        "apiKey"));
        s.put(
                "NewConnection",
                object(
                        props(
                                "provider", Map.of("type", "string", "examples", List.of("github")),
                                "secret",
                                        Map.of(
                                                "type",
                                                "string",
                                                "description",
                                                "the webhook secret set in the tool; generated when absent")),
                        "provider"));
        s.put(
                "Connection",
                object(
                        props(
                                "id",
                                string(),
                                "provider",
                                string(),
                                "webhookUrl",
                                string(),
                                "createdAt",
                                string("date-time"),
                                "secret",
                                Map.of("type", "string", "description", "only when generated by this call"),
                                "webhookUrlNote",
                                Map.of(
                                        "type",
                                        "string",
                                        "description",
                                        "present when webhookUrl is only a path (PostgreSQL without"
                                                + " LIGHTFAST_PUBLIC_URL): what to prefix it with")),
                        "id",
                        "provider",
                        "webhookUrl"));
        s.put(
                "Citation",
                object(
                        props(
                                "eventId",
                                string(),
                                "seq",
                                Map.of("type", "integer"),
                                "type",
                                string(),
                                "url",
                                Map.of("type", "string", "description", "the source's own link"),
                                "occurredAt",
                                string("date-time")),
                        "eventId",
                        "seq"));
        s.put(
                "SearchHit",
                object(
                        props(
                                "eventId",
                                string(),
                                "seq",
                                Map.of("type", "integer"),
                                "source",
                                string(),
                                "type",
                                string(),
                                "title",
                                string(),
                                "snippet",
                                Map.of("type", "string", "description", "the part of the body that matched"),
                                "occurredAt",
                                string("date-time"),
                                "url",
                                string(),
                                "score",
                                Map.of(
                                        "type",
                                        "number",
                                        "description",
                                        "relevance, higher first; comparable only within one response (hybrid: 0.75 × BM25 over the best hit + 0.25 × cosine; keyword and vector: by rank)"),
                                "keywordRank",
                                Map.of("type", "integer", "description", "rank by BM25, when it found the event"),
                                "vectorRank",
                                Map.of("type", "integer", "description", "rank by meaning, when it found the event"),
                                "subjects",
                                Map.of(
                                        "type",
                                        "array",
                                        "items",
                                        string(),
                                        "description",
                                        "keys of the entities it is about"),
                                "citations",
                                Map.of("type", "array", "items", ref("Citation")),
                                "actor",
                                Map.of(
                                        "allOf",
                                        List.of(ref("AnswerRef")),
                                        "description",
                                        "who acted, as the graph names them; absent when the event names no one"),
                                "about",
                                Map.of(
                                        "type",
                                        "array",
                                        "items",
                                        ref("AnswerRef"),
                                        "description",
                                        "the entities it is about (its subjects, in order), each with id, kind and label")),
                        "eventId",
                        "seq",
                        "title",
                        "score",
                        "citations"));
        s.put(
                "SearchResults",
                object(
                        props(
                                "query",
                                string(),
                                "mode",
                                string(),
                                "indexedSeq",
                                Map.of("type", "integer", "description", "the index has read the log up to this seq"),
                                "hits",
                                Map.of("type", "array", "items", ref("SearchHit"))),
                        "query",
                        "mode",
                        "indexedSeq",
                        "hits"));
        s.put(
                "Entity",
                object(
                        props(
                                "id",
                                string(),
                                "kind",
                                string(),
                                "key",
                                string(),
                                "name",
                                string(),
                                "attributes",
                                Map.of(
                                        "type",
                                        "object",
                                        "description",
                                        "latest value of each attribute at the reading point"),
                                "aliases",
                                Map.of(
                                        "type",
                                        "array",
                                        "items",
                                        object(props(
                                                "kind",
                                                string(),
                                                "value",
                                                string(),
                                                "evidence",
                                                string(),
                                                "eventId",
                                                string()))),
                                "mergedIds",
                                Map.of("type", "array", "items", string()),
                                "firstSeen",
                                string("date-time"),
                                "lastSeen",
                                string("date-time"),
                                "firstSeq",
                                Map.of("type", "integer"),
                                "lastSeq",
                                Map.of("type", "integer"),
                                "citations",
                                Map.of("type", "array", "items", ref("Citation"))),
                        "id",
                        "kind",
                        "key",
                        "name"));
        s.put(
                "EntityList",
                object(
                        props(
                                "entities",
                                Map.of("type", "array", "items", ref("Entity")),
                                "nextCursor",
                                Map.of(
                                        "type",
                                        "string",
                                        "description",
                                        "pass as cursor for the next page; absent on the last")),
                        "entities"));
        s.put(
                "ConnectionPage",
                object(
                        props(
                                "connections", Map.of("type", "array", "items", ref("Connection")),
                                "nextAfter", Map.of("type", "string", "description", "pass as after to continue"),
                                "hasMore", Map.of("type", "boolean")),
                        "connections",
                        "hasMore"));
        s.put(
                "JsonRpcMessage",
                object(
                        props(
                                "jsonrpc", Map.of("const", "2.0"),
                                "id",
                                        Map.of(
                                                "type",
                                                List.of("string", "integer"),
                                                "description",
                                                "absent on notifications"),
                                "method",
                                        Map.of(
                                                "type",
                                                "string",
                                                "examples",
                                                List.of("initialize", "tools/list", "tools/call", "resources/read")),
                                "params", Map.of("type", "object"),
                                "result", Map.of("type", "object"),
                                "error",
                                        object(props(
                                                "code",
                                                Map.of("type", "integer"),
                                                "message",
                                                string(),
                                                "data",
                                                Map.of()))),
                        "jsonrpc"));
        s.put(
                "Relation",
                object(
                        props(
                                "type",
                                string(),
                                "from",
                                string(),
                                "to",
                                string(),
                                "validFrom",
                                string("date-time"),
                                "validTo",
                                Map.of(
                                        "type",
                                        "string",
                                        "format",
                                        "date-time",
                                        "description",
                                        "absent while it still holds"),
                                "recordedSeq",
                                Map.of("type", "integer"),
                                "endedSeq",
                                Map.of("type", "integer"),
                                "citations",
                                Map.of("type", "array", "items", ref("Citation"))),
                        "type",
                        "from",
                        "to",
                        "citations"));
        s.put(
                "Related",
                object(
                        props(
                                "entity", ref("Entity"),
                                "entities", Map.of("type", "object", "additionalProperties", ref("Entity")),
                                "relations",
                                        Map.of(
                                                "type",
                                                "array",
                                                "items",
                                                object(props(
                                                        "depth",
                                                        Map.of("type", "integer"),
                                                        "relation",
                                                        ref("Relation")))),
                                "truncated", Map.of("type", "boolean")),
                        "entity",
                        "entities",
                        "relations"));
        s.put(
                "Timeline",
                object(
                        props(
                                "entity",
                                ref("Entity"),
                                "events",
                                Map.of("type", "array", "items", ref("Event")),
                                "nextAfter",
                                Map.of("type", "integer"),
                                "hasMore",
                                Map.of("type", "boolean")),
                        "entity",
                        "events",
                        "nextAfter",
                        "hasMore"));
        s.put(
                "Ask",
                object(
                        props(
                                "question",
                                        Map.of(
                                                "type",
                                                "string",
                                                "examples",
                                                List.of("who reviewed the PR that fixed #12?")),
                                "limit", Map.of("type", "integer", "minimum", 1, "maximum", 20),
                                "asOf",
                                        Map.of(
                                                "type",
                                                "string",
                                                "description",
                                                "answer as of a seq or an ISO-8601 instant")),
                        "question"));
        var sentence = object(
                props("text", string(), "citations", Map.of("type", "array", "items", string())), "text", "citations");
        var evidence = object(
                props(
                        "rank",
                        Map.of("type", "integer"),
                        "score",
                        Map.of("type", "number"),
                        "why",
                        string(),
                        "eventId",
                        string(),
                        "type",
                        string(),
                        "title",
                        string(),
                        "occurredAt",
                        string("date-time"),
                        "url",
                        string(),
                        "citation",
                        ref("Citation"),
                        "actor",
                        ref("AnswerRef"),
                        "subjects",
                        Map.of("type", "array", "items", ref("AnswerRef"))),
                "rank",
                "eventId",
                "citation");
        var involved = object(props("id", string(), "kind", string(), "name", string(), "role", string()));
        s.put(
                "Answer",
                object(
                        props(
                                "question", string(),
                                "summary", Map.of("type", "array", "items", sentence),
                                "evidence", Map.of("type", "array", "items", evidence),
                                "entities", Map.of("type", "array", "items", involved),
                                "now", string("date-time"),
                                "asOfSeq", Map.of("type", "integer"),
                                "summaryBy", Map.of("type", "string", "enum", List.of("extractive", "model")),
                                "answer",
                                        Map.of(
                                                "type",
                                                "array",
                                                "items",
                                                ref("AnswerValue"),
                                                "description",
                                                "the values asked for, each cited; empty when the graph has none"),
                                "path",
                                        Map.of(
                                                "type",
                                                "array",
                                                "items",
                                                ref("AnswerStep"),
                                                "description",
                                                "the entities and cited relations that led to the answer"),
                                "understood", ref("Understood"),
                                "why",
                                        Map.of(
                                                "allOf",
                                                List.of(ref("Chain")),
                                                "description",
                                                "for a why or what-caused question: the ordered causal chain, each step"
                                                        + " asserted or inferred")),
                        "question",
                        "summary",
                        "evidence"));
        s.put(
                "AnswerRef",
                object(
                        props(
                                "id",
                                string(),
                                "kind",
                                Map.of(
                                        "type",
                                        "string",
                                        "description",
                                        "the entity's kind; the vocabulary's kinds are listed in examples",
                                        "examples",
                                        entityKinds()),
                                "label",
                                string()),
                        "id",
                        "kind"));
        s.put(
                "AnswerValue",
                object(
                        props(
                                "kind",
                                        Map.of(
                                                "type",
                                                "string",
                                                "description",
                                                "an entity kind (person, commit, deployment...), time, event or count"),
                                "id", Map.of("type", "string", "description", "the entity's or the event's id"),
                                "label", Map.of("type", "string", "description", "its name; for a count, the number"),
                                "title", string(),
                                "at", string("date-time"),
                                "local",
                                        Map.of(
                                                "type",
                                                "string",
                                                "description",
                                                "a time as its source stated it, with its offset"),
                                "citations", Map.of("type", "array", "items", ref("Citation"))),
                        "kind",
                        "label",
                        "citations"));
        s.put(
                "AnswerStep",
                object(
                        props(
                                "from", ref("AnswerRef"),
                                "relation", Map.of("type", "string", "enum", relationTypes()),
                                "to", ref("AnswerRef"),
                                "citations", Map.of("type", "array", "items", ref("Citation")),
                                "basis",
                                        Map.of(
                                                "type",
                                                "string",
                                                "enum",
                                                List.of("asserted", "inferred"),
                                                "description",
                                                "asserted: a cited event states the relation; inferred: Lightfast concluded it from the cited events (e.g. a deployment shipped every commit its branch received before the deployed one)"),
                                "confidence",
                                        Map.of(
                                                "type",
                                                "number",
                                                "description",
                                                "1 for an asserted link, below 1 for an inferred one"),
                                "rationale",
                                        Map.of("type", "string", "description", "why an inferred link was concluded")),
                        "from",
                        "relation",
                        "to",
                        "citations"));
        s.put(
                "Understood",
                object(props(
                        "asks",
                                Map.of(
                                        "type",
                                        "string",
                                        "enum",
                                        List.of("person", "time", "entity", "list", "count", "reason")),
                        "kind", string(),
                        "relations", Map.of("type", "array", "items", string()),
                        "anchors",
                                Map.of(
                                        "type",
                                        "array",
                                        "items",
                                        object(props(
                                                "mention", string(),
                                                "linkedBy",
                                                        Map.of(
                                                                "type",
                                                                "string",
                                                                "enum",
                                                                List.of("key", "person", "name", "description")),
                                                "entities", Map.of("type", "array", "items", ref("AnswerRef"))))),
                        "from", string("date-time"),
                        "to", string("date-time"))));
        s.put(
                "NewIdentity",
                object(
                        props(
                                "person",
                                        Map.of(
                                                "type",
                                                "string",
                                                "description",
                                                "an entity id (ent_...) or a person key such as github:alice"),
                                "aliases",
                                        Map.of(
                                                "type",
                                                "array",
                                                "minItems",
                                                1,
                                                "items",
                                                object(
                                                        props(
                                                                "kind",
                                                                        Map.of(
                                                                                "type",
                                                                                "string",
                                                                                "examples",
                                                                                List.of(
                                                                                        "email",
                                                                                        "slack_user",
                                                                                        "linear_user",
                                                                                        "sentry_user")),
                                                                "value", string()),
                                                        "kind",
                                                        "value")),
                                "note", Map.of("type", "string", "description", "why you know; kept as the evidence"),
                                "idempotencyKey", string()),
                        "person",
                        "aliases"));
        s.put(
                "Linked",
                object(
                        props("person", string(), "eventId", string(), "duplicate", Map.of("type", "boolean")),
                        "person",
                        "eventId",
                        "duplicate"));
        s.put(
                "Projections",
                object(
                        props(
                                "lastSeq",
                                        Map.of(
                                                "type",
                                                "integer",
                                                "description",
                                                "the tenant's last seq, read after the checkpoints"),
                                "projections",
                                        Map.of(
                                                "type",
                                                "array",
                                                "items",
                                                object(
                                                        props(
                                                                "name",
                                                                        Map.of(
                                                                                "type",
                                                                                "string",
                                                                                "examples",
                                                                                List.of("graph", "search", "outbox")),
                                                                "checkpoint",
                                                                        Map.of(
                                                                                "type",
                                                                                "integer",
                                                                                "description",
                                                                                "the last seq this view has applied"),
                                                                "behind",
                                                                        Map.of(
                                                                                "type",
                                                                                "integer",
                                                                                "minimum",
                                                                                0,
                                                                                "description",
                                                                                "events of the log this view has still to read")),
                                                        "name",
                                                        "checkpoint",
                                                        "behind"))),
                        "lastSeq",
                        "projections"));
        s.put(
                "SubscriptionFilter",
                Map.of(
                        "type",
                        "object",
                        "description",
                        "What is sent. Within a field any entry may match; across fields all must. Events are sent"
                                + " when types, sources, entities or intents is given, or when the filter is empty"
                                + " (every event); violations only when asked for.",
                        "properties",
                        props(
                                "types",
                                Map.of(
                                        "type",
                                        "array",
                                        "items",
                                        string(),
                                        "description",
                                        "event type globs ('*' is any run of characters)",
                                        "examples",
                                        List.of(List.of("github.pull_request.*", "*.merged"))),
                                "sources",
                                Map.of("type", "array", "items", string(), "examples", List.of(List.of("github"))),
                                "entities",
                                Map.of(
                                        "type",
                                        "array",
                                        "items",
                                        string(),
                                        "description",
                                        "entity ids (ent_...) or keys (github:acme/shop/pull/12): events whose actor"
                                                + " or subjects include one"),
                                "intents",
                                Map.of(
                                        "type",
                                        "boolean",
                                        "description",
                                        "the results of intents and their actions (events of type lightfast.intent.*"
                                                + " and lightfast.action.*)"),
                                "violations",
                                object(props(
                                        "rules",
                                        Map.of(
                                                "type",
                                                "array",
                                                "items",
                                                string(),
                                                "description",
                                                "rule ids; empty is any"),
                                        "severities",
                                        Map.of(
                                                "type",
                                                "array",
                                                "items",
                                                string(),
                                                "description",
                                                "e.g. high; empty is any"))))));
        s.put(
                "NewSubscription",
                object(
                        props(
                                "url",
                                Map.of(
                                        "type",
                                        "string",
                                        "description",
                                        "http(s) URL to POST to; it must resolve to public addresses unless the operator"
                                                + " set LIGHTFAST_WEBHOOKS_ALLOW_PRIVATE=true"),
                                "description",
                                string(),
                                "filter",
                                ref("SubscriptionFilter"),
                                "rateLimit",
                                Map.of(
                                        "type",
                                        "integer",
                                        "minimum",
                                        1,
                                        "maximum",
                                        10000,
                                        "description",
                                        "messages per second at most"),
                                "disabled",
                                Map.of(
                                        "type",
                                        "boolean",
                                        "description",
                                        "PUT only: true disables (messages still queue), false enables; absent keeps"
                                                + " it as it is")),
                        "url"));
        var outboxStats = object(props(
                "pending", Map.of("type", "integer"),
                "delivered", Map.of("type", "integer"),
                "failed", Map.of("type", "integer", "description", "failed after the whole retry schedule"),
                "failingSince",
                        Map.of(
                                "type",
                                "string",
                                "format",
                                "date-time",
                                "description",
                                "first failed attempt since the last success; five days of it disables the subscription"),
                "lastAttemptAt", string("date-time"),
                "nextAttemptAt", string("date-time")));
        s.put(
                "Subscription",
                object(
                        props(
                                "id", string(),
                                "url", string(),
                                "description", string(),
                                "filter", ref("SubscriptionFilter"),
                                "rateLimit", Map.of("type", "integer"),
                                "status", Map.of("type", "string", "enum", List.of("active", "disabled")),
                                "disabledAt", string("date-time"),
                                "disabledReason", string(),
                                "createdAt", string("date-time"),
                                "updatedAt", string("date-time"),
                                "outbox", outboxStats,
                                "secret",
                                        Map.of(
                                                "type",
                                                "string",
                                                "description",
                                                "the signing secret (whsec_ and base64, Standard Webhooks); shown only"
                                                        + " when the subscription is made")),
                        "id",
                        "url",
                        "filter",
                        "status"));
        s.put(
                "SubscriptionPage",
                object(
                        props(
                                "subscriptions", Map.of("type", "array", "items", ref("Subscription")),
                                "nextAfter", string(),
                                "hasMore", Map.of("type", "boolean")),
                        "subscriptions",
                        "hasMore"));
        s.put(
                "RotatedSecret",
                object(
                        props(
                                "secret", Map.of("type", "string", "description", "the new secret, shown this once"),
                                "previousUntil",
                                        Map.of(
                                                "type",
                                                "string",
                                                "format",
                                                "date-time",
                                                "description",
                                                "until then messages carry a signature by the previous secret too")),
                        "secret",
                        "previousUntil"));
        s.put(
                "QueuedTest",
                object(
                        props(
                                "messageId",
                                Map.of("type", "string", "description", "the webhook-id it is sent with"),
                                "position",
                                Map.of("type", "integer")),
                        "messageId"));
        s.put(
                "Attempt",
                object(
                        props(
                                "id", string(),
                                "messageId", string(),
                                "messagePosition", Map.of("type", "integer"),
                                "at", string("date-time"),
                                "status", Map.of("type", "integer", "description", "the endpoint's HTTP status"),
                                "outcome",
                                        Map.of(
                                                "type",
                                                "string",
                                                "enum",
                                                List.of("delivered", "rejected", "timeout", "unreachable", "refused")),
                                "latencyMillis", Map.of("type", "integer"),
                                "response",
                                        Map.of(
                                                "type",
                                                "string",
                                                "description",
                                                "the start of the answer (at most 1024 characters)"),
                                "error", string()),
                        "id",
                        "messageId",
                        "at",
                        "outcome"));
        s.put(
                "AttemptPage",
                object(
                        props(
                                "attempts", Map.of("type", "array", "items", ref("Attempt")),
                                "next", Map.of("type", "string", "description", "pass as 'before' to continue")),
                        "attempts"));
        s.put(
                "QueuedMessage",
                object(
                        props(
                                "position", Map.of("type", "integer", "description", "its place in the queue"),
                                "id", Map.of("type", "string", "description", "the webhook-id"),
                                "source", Map.of("type", "string", "examples", List.of("events", "test")),
                                "sourcePosition",
                                        Map.of("type", "integer", "description", "an event's seq, for events"),
                                "type", string(),
                                "timestamp", string("date-time"),
                                "state", Map.of("type", "string", "enum", List.of("pending", "delivered", "failed")),
                                "attempts", Map.of("type", "integer"),
                                "nextAttemptAt", string("date-time"),
                                "lastAttemptAt", string("date-time"),
                                "deliveredAt", string("date-time")),
                        "position",
                        "id",
                        "type",
                        "state"));
        s.put(
                "MessagePage",
                object(
                        props(
                                "messages", Map.of("type", "array", "items", ref("QueuedMessage")),
                                "nextAfter", Map.of("type", "integer"),
                                "hasMore", Map.of("type", "boolean")),
                        "messages",
                        "nextAfter",
                        "hasMore"));
        s.put(
                "Replay",
                object(props(
                        "messageId", Map.of("type", "string", "description", "one message (its webhook-id)"),
                        "from", Map.of("type", "string", "format", "date-time", "description", "or a range: from"),
                        "to", Map.of("type", "string", "format", "date-time", "description", "to (exclusive)"))));
        s.put("Replayed", object(props("replayed", Map.of("type", "integer")), "replayed"));
        s.put(
                "WebhookMessage",
                Map.of(
                        "type",
                        "object",
                        "description",
                        "The body of an outbound webhook, sent with the headers webhook-id, webhook-timestamp and"
                                + " webhook-signature (Standard Webhooks: v1,<base64 HMAC-SHA256 of id.timestamp.body>)",
                        "properties",
                        props(
                                "type", Map.of("type", "string", "examples", List.of("github.pull_request.merged")),
                                "kind", Map.of("type", "string", "enum", List.of("event", "violation", "test")),
                                "timestamp", string("date-time"),
                                "data", Map.of("description", "the event (or violation, or test) as the API shows it"),
                                "citations", Map.of("type", "array", "items", ref("Citation"))),
                        "required",
                        List.of("type", "kind", "timestamp", "data")));
        s.put("Health", object(props("status", string(), "version", string())));
        s.putAll(dev.lightfast.server.rules.RuleSchemas.all());
        s.putAll(dev.lightfast.server.reason.ReasonSchemas.all());
        intentSchemas(s);
        s.putAll(dev.lightfast.server.coverage.CoverageSchemas.all());
        return s;
    }

    /** Act: intents, their plans and status, the audit trail, the approval policy, credentials and keys. */
    private static void intentSchemas(Map<String, Object> s) {
        var kinds = java.util.Arrays.stream(dev.lightfast.core.act.IntentKind.values())
                .map(dev.lightfast.core.act.IntentKind::wire)
                .toList();
        var argsByKind = new LinkedHashMap<String, Object>();
        for (var k : dev.lightfast.core.act.IntentKind.values()) {
            argsByKind.put(k.wire(), dev.lightfast.core.json.Json.MAPPER.convertValue(k.schema(), Map.class));
        }
        s.put(
                "NewIntent",
                object(
                        props(
                                "intent", Map.of("type", "string", "enum", kinds),
                                "args",
                                        Map.of(
                                                "type",
                                                "object",
                                                "description",
                                                "the intent's arguments, in people's words; per intent: " + argsByKind,
                                                "additionalProperties",
                                                string()),
                                "execute",
                                        Map.of(
                                                "type",
                                                "boolean",
                                                "description",
                                                "run the plan now when policy allows (needs the execute scope)")),
                        "intent",
                        "args"));
        var anyObject = Map.<String, Object>of("type", "object");
        var anyArray = Map.<String, Object>of("type", "array", "items", anyObject);
        s.put(
                "IntentStatus",
                object(
                        props(
                                "intent",
                                        object(
                                                props(
                                                        "id", string(),
                                                        "kind", Map.of("type", "string", "enum", kinds),
                                                        "args", anyObject,
                                                        "proposedBy", string(),
                                                        "proposedAt", string("date-time"),
                                                        "state",
                                                                Map.of(
                                                                        "type",
                                                                        "string",
                                                                        "enum",
                                                                        java.util.Arrays.stream(dev.lightfast.core.act
                                                                                        .IntentState.values())
                                                                                .map(st -> st.name())
                                                                                .toList()),
                                                        "plan",
                                                                object(props(
                                                                        "calls", anyArray,
                                                                        "resolution", anyArray,
                                                                        "policy", anyObject)),
                                                        "eventId", string(),
                                                        "message", string()),
                                                "id",
                                                "kind",
                                                "state",
                                                "plan"),
                                "approvals", anyArray,
                                "attempts", anyArray),
                        "intent",
                        "approvals",
                        "attempts"));
        var states = java.util.Arrays.stream(dev.lightfast.core.act.IntentState.values())
                .map(st -> st.name())
                .toList();
        s.put(
                "IntentListItem",
                object(
                        props(
                                "id", string(),
                                "kind", Map.of("type", "string", "enum", kinds),
                                "args", anyObject,
                                "state",
                                        Map.of(
                                                "type",
                                                "string",
                                                "enum",
                                                states,
                                                "description",
                                                "the state's name; the status filter takes it or its lower-case wire name"),
                                "summary",
                                        Map.of(
                                                "type",
                                                "string",
                                                "description",
                                                "the plan's calls' reasons in one line"),
                                "calls",
                                        Map.of(
                                                "type",
                                                "array",
                                                "items",
                                                anyObject,
                                                "description",
                                                "the plan's tool calls in order, each with why"),
                                "reasons",
                                        Map.of(
                                                "type",
                                                "array",
                                                "items",
                                                anyObject,
                                                "description",
                                                "the resolution steps the plan rests on, each cited"),
                                "policy", anyObject,
                                "targets", anyArray,
                                "proposedBy", string(),
                                "proposedAt", string("date-time"),
                                "updatedAt", string("date-time"),
                                "message", string(),
                                "eventId", string()),
                        "id",
                        "kind",
                        "state",
                        "summary",
                        "calls",
                        "reasons"));
        s.put(
                "IntentList",
                object(
                        props(
                                "intents", Map.of("type", "array", "items", ref("IntentListItem")),
                                "nextCursor",
                                        Map.of(
                                                "type",
                                                "string",
                                                "description",
                                                "pass as cursor for the next page; absent on the last")),
                        "intents"));
        s.put(
                "AuditPage",
                object(
                        props(
                                "entries", anyArray,
                                "nextAfter", Map.of("type", "integer"),
                                "hasMore", Map.of("type", "boolean")),
                        "entries",
                        "hasMore"));
        s.put(
                "NewIntentPolicy",
                object(
                        props(
                                "requireApproval",
                                Map.of("type", "array", "items", Map.of("type", "string", "enum", kinds))),
                        "requireApproval"));
        s.put(
                "IntentPolicy",
                object(
                        props(
                                "requireApproval", Map.of("type", "array", "items", string()),
                                "setBy", string(),
                                "setAt", string("date-time"),
                                "eventId", string()),
                        "requireApproval"));
        s.put(
                "NewCredentials",
                object(
                        props(
                                "token",
                                        Map.of("type", "string", "description", "the tool's API token; never returned"),
                                "apiBase",
                                        Map.of(
                                                "type",
                                                "string",
                                                "description",
                                                "the API's base URL when not the tool's own (an emulator, GitHub Enterprise)")),
                        "token"));
        s.put(
                "CredentialsSet",
                object(props("connectionId", string(), "provider", string(), "apiBase", string()), "connectionId"));
        s.put(
                "NewKey",
                object(
                        props(
                                "scopes",
                                Map.of(
                                        "type",
                                        "array",
                                        "items",
                                        Map.of(
                                                "type",
                                                "string",
                                                "enum",
                                                List.of("read", "propose", "execute", "approve", "admin")))),
                        "scopes"));
        s.put(
                "IssuedKey",
                object(
                        props(
                                "apiKey",
                                string(),
                                "keyId",
                                string(),
                                "scopes",
                                Map.of("type", "array", "items", string())),
                        "apiKey",
                        "keyId",
                        "scopes"));
    }
}
