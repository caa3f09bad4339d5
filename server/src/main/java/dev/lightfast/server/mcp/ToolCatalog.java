package dev.lightfast.server.mcp;

import static dev.lightfast.server.mcp.ToolSchemas.anyObject;
import static dev.lightfast.server.mcp.ToolSchemas.arrayOf;
import static dev.lightfast.server.mcp.ToolSchemas.asOf;
import static dev.lightfast.server.mcp.ToolSchemas.bool;
import static dev.lightfast.server.mcp.ToolSchemas.citations;
import static dev.lightfast.server.mcp.ToolSchemas.dateTime;
import static dev.lightfast.server.mcp.ToolSchemas.entity;
import static dev.lightfast.server.mcp.ToolSchemas.entityArgument;
import static dev.lightfast.server.mcp.ToolSchemas.enumOf;
import static dev.lightfast.server.mcp.ToolSchemas.event;
import static dev.lightfast.server.mcp.ToolSchemas.eventCitation;
import static dev.lightfast.server.mcp.ToolSchemas.input;
import static dev.lightfast.server.mcp.ToolSchemas.integer;
import static dev.lightfast.server.mcp.ToolSchemas.kindArgument;
import static dev.lightfast.server.mcp.ToolSchemas.number;
import static dev.lightfast.server.mcp.ToolSchemas.object;
import static dev.lightfast.server.mcp.ToolSchemas.props;
import static dev.lightfast.server.mcp.ToolSchemas.relation;
import static dev.lightfast.server.mcp.ToolSchemas.searchHit;
import static dev.lightfast.server.mcp.ToolSchemas.string;

import dev.lightfast.core.answer.Answerer;
import dev.lightfast.core.graph.Neighbourhood;
import dev.lightfast.core.search.SearchQuery;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools, as a model sees them: a name, a description that says when to use the tool and what
 * it returns, and JSON Schemas of its input and structured output. They mirror the REST calls.
 */
final class ToolCatalog {
    static final String SEARCH = "search";
    static final String GET_EVENT = "get_event";
    static final String LIST_EVENTS = "list_events";
    static final String TIMELINE = "timeline";
    static final String RELATED = "related";
    static final String ANSWER = "answer";

    static final int SEARCH_DEFAULT = 10;
    static final int LIST_DEFAULT = 50;
    static final int LIST_MAX = 200;
    static final int TIMELINE_DEFAULT = 50;
    static final int TIMELINE_MAX = 200;
    static final int ANSWER_DEFAULT = 10;

    static final List<String> MODES = List.of("hybrid", "keyword", "vector");

    private ToolCatalog() {}

    static List<McpSchema.Tool> all() {
        return List.of(
                search(),
                getEvent(),
                listEvents(),
                timeline(),
                related(),
                answer(),
                RuleTools.checkRules(),
                RuleTools.violations(),
                ReasonTools.why(),
                ReasonTools.truth(),
                ReasonTools.conflicts(),
                IntentTools.proposeIntent(),
                IntentTools.executeIntent(),
                IntentTools.intentStatus());
    }

    private static McpSchema.Tool tool(
            String name, String title, String description, Map<String, Object> input, Map<String, Object> output) {
        return McpSchema.Tool.builder()
                .name(name)
                .title(title)
                .description(description)
                .inputSchema(input)
                .outputSchema(output)
                // Every tool only reads: clients may call them without asking the user each time.
                .annotations(new McpSchema.ToolAnnotations(title, true, false, true, false, null))
                .build();
    }

    static McpSchema.Tool search() {
        return tool(
                SEARCH,
                "Search the team's history",
                "Search everything the team's tools reported (GitHub and every other connected tool: pull requests, "
                        + "reviews, commits, issues, deployments, incidents, messages) by meaning and by exact words. Use it "
                        + "first for any question about what happened, who did something or where something was discussed; "
                        + "identifiers work too (a SHA prefix, #12, a login). Returns ranked hits, best first: each with the "
                        + "event id, type, title, the snippet that matched, when it happened, the tool's own URL and a "
                        + "citation (a lightfast://events/{id} resource link). Follow up with get_event for the full event, "
                        + "timeline or related for an entity it is about, or answer for a cited summary.",
                input(
                        props(
                                "query",
                                        string("What to look for: plain words, identifiers, or both (at most "
                                                + SearchQuery.MAX_TEXT + " characters)."),
                                "limit", integer(1, SearchQuery.MAX_LIMIT, SEARCH_DEFAULT, "How many hits to return."),
                                "mode",
                                        enumOf(
                                                MODES,
                                                "hybrid (default) fuses words and meaning; keyword is exact words (BM25) only; "
                                                        + "vector is meaning only."),
                                "source",
                                        string("Only events from this tool: github, linear, sentry, vercel, api, ..."),
                                "type",
                                        string(
                                                "Only this event type, exact (github.pull_request.merged) or a prefix ending in .* "
                                                        + "(github.pull_request.*)."),
                                "actor",
                                        string(
                                                "Only events by this person: an entity id or key such as github:octocat."),
                                "entity", string("Only events about this entity: an entity id or key."),
                                "from", dateTime("Only events that happened at or after this instant."),
                                "to", dateTime("Only events that happened before this instant."),
                                "asOfSeq", integer("Only what Lightfast knew at this seq (a past reading).")),
                        "query"),
                object(
                        props(
                                "query", string(),
                                "mode", string(),
                                "indexedSeq", integer("the search index has read the log up to this seq"),
                                "hits", arrayOf(searchHit()),
                                "citations", citations()),
                        "query",
                        "mode",
                        "indexedSeq",
                        "hits",
                        "citations"));
    }

    static McpSchema.Tool getEvent() {
        return tool(
                GET_EVENT,
                "Read one event",
                "Read one event in full by its id (from search, list_events, timeline, answer or a lightfast://events/{id} "
                        + "citation): its source and type, when it happened and when Lightfast saw it, who did it, the "
                        + "entities it is about, title, body, attributes and the source tool's URL. Set includeRaw to also get "
                        + "the raw webhook delivery it was derived from (can be large). An id from another tenant or an "
                        + "unknown id is an error.",
                input(
                        props(
                                "id", string("The event id, e.g. 01J9Z3K4X5..."),
                                "includeRaw",
                                        bool(
                                                "Also return the stored raw delivery (headers and payload). Default false.")),
                        "id"),
                object(
                        props(
                                "event", event(),
                                "raw",
                                        anyObject(
                                                "the raw delivery: id, source, deliveryKey, receivedAt, headers, payload"),
                                "citations", citations()),
                        "event",
                        "citations"));
    }

    static McpSchema.Tool listEvents() {
        return tool(
                LIST_EVENTS,
                "Read the log in order",
                "Read the tenant's event log in causal order (oldest first), a page at a time, optionally only some "
                        + "types, one source or a time window. Use it to walk everything that happened in a period or to "
                        + "follow new events: pass the returned nextAfter as after for the next page while hasMore is true. "
                        + "For questions by topic, search is better.",
                input(
                        props(
                                "after",
                                        integer(
                                                "Only events with a greater seq: 0 (default) starts at the beginning; pass the previous "
                                                        + "page's nextAfter to continue."),
                                "limit", integer(1, LIST_MAX, LIST_DEFAULT, "Page size."),
                                "type",
                                        string(
                                                "An exact event type or a prefix ending in .* such as github.pull_request.*"),
                                "source", string("github, linear, sentry, vercel, api, ..."),
                                "from", dateTime("Only events that happened at or after this instant."),
                                "to", dateTime("Only events that happened before this instant.")),
                        new String[0]),
                object(
                        props(
                                "events", arrayOf(event()),
                                "nextAfter", integer("pass as after to continue"),
                                "hasMore", bool("whether another page follows"),
                                "citations", citations()),
                        "events",
                        "nextAfter",
                        "hasMore",
                        "citations"));
    }

    static McpSchema.Tool timeline() {
        return tool(
                TIMELINE,
                "An entity's history",
                "The history of one entity (a pull request, issue, person, repository, commit, deployment, incident, ...): "
                        + "every event about it in causal order, with the entity itself as known at the reading point. Use it "
                        + "to see how something unfolded (opened, reviewed, merged, deployed, reverted) or what a person did. "
                        + "Pages with after/nextAfter like list_events; asOf reads the past.",
                input(
                        props(
                                "entity", entityArgument(),
                                "kind", kindArgument(),
                                "after", integer("Only events with a greater seq (the previous page's nextAfter)."),
                                "limit", integer(1, TIMELINE_MAX, TIMELINE_DEFAULT, "Page size."),
                                "asOf", asOf()),
                        "entity"),
                object(
                        props(
                                "entity", entity(),
                                "events", arrayOf(event()),
                                "nextAfter", integer("pass as after to continue"),
                                "hasMore", bool("whether another page follows"),
                                "citations", citations()),
                        "entity",
                        "events",
                        "nextAfter",
                        "hasMore",
                        "citations"));
    }

    static McpSchema.Tool related() {
        return tool(
                RELATED,
                "What an entity is connected to",
                "The graph around one entity: who authored or reviewed it, what it fixes, which commits and deployments "
                        + "it led to, what it belongs to, up to " + Neighbourhood.MAX_DEPTH
                        + " hops away. Every relation says "
                        + "when it held and cites the events that established it. Use it for 'who reviewed the PR that "
                        + "fixed #12?', 'which deploy shipped this commit?' or 'what is this person working on?'.",
                input(
                        props(
                                "entity", entityArgument(),
                                "kind", kindArgument(),
                                "depth", integer(1, Neighbourhood.MAX_DEPTH, 1, "How many hops to walk."),
                                "types",
                                        arrayOf(
                                                string(),
                                                "Only these relation types, e.g. [\"reviewed\", \"fixes\"]. Default: all."),
                                "asOf", asOf()),
                        "entity"),
                object(
                        props(
                                "entity", entity(),
                                "entities",
                                        Map.of(
                                                "type",
                                                "object",
                                                "additionalProperties",
                                                entity(),
                                                "description",
                                                "every entity reached, by id"),
                                "relations",
                                        arrayOf(object(
                                                props(
                                                        "depth", integer("hops from the entity asked about"),
                                                        "relation", relation()),
                                                "depth",
                                                "relation")),
                                "truncated", bool("true when the walk stopped early at a busy hub"),
                                "citations", citations()),
                        "entity",
                        "entities",
                        "relations",
                        "truncated",
                        "citations"));
    }

    private static Map<String, Object> entityRef(String description) {
        var m = new LinkedHashMap<>(
                object(props("id", string("ent_..."), "kind", string(), "label", string()), "id", "kind"));
        m.put("description", description);
        return m;
    }

    static McpSchema.Tool answer() {
        return tool(
                ANSWER,
                "Answer a question with evidence",
                "Answer a question about the team's work from the log, the graph and the index, extractively: no "
                        + "model writes the answer, so every sentence of the summary cites the events it was taken from, and "
                        + "the evidence lists the events that establish it, ranked, each with why it was chosen. Use it for "
                        + "direct questions ('who reviewed the PR that fixed #12?', 'what changed in api last week?', 'which "
                        + "deploy shipped a1b2c3d?'); use search when you want to explore.",
                input(
                        props(
                                "question", string("The question in plain words."),
                                "limit",
                                        integer(
                                                1,
                                                Answerer.MAX_EVIDENCE,
                                                ANSWER_DEFAULT,
                                                "How many evidence events to return."),
                                "asOf", asOf()),
                        "question"),
                object(
                        props(
                                "question", string(),
                                "summary",
                                        arrayOf(object(
                                                props(
                                                        "text", string("one sentence"),
                                                        "citations",
                                                                arrayOf(
                                                                        string(),
                                                                        "ids of the events it was taken from")),
                                                "text",
                                                "citations")),
                                "evidence",
                                        arrayOf(object(
                                                props(
                                                        "rank", integer("1 is the strongest"),
                                                        "score", number(),
                                                        "why", string("why this event answers the question"),
                                                        "eventId", string(),
                                                        "uri", string("lightfast://events/{id}"),
                                                        "type", string(),
                                                        "title", string(),
                                                        "occurredAt", dateTime("when it happened"),
                                                        "url", string("the source tool's own link"),
                                                        "citation", eventCitation(),
                                                        "actor", entityRef("who acted"),
                                                        "subjects", arrayOf(entityRef("a thing it is about"))),
                                                "rank",
                                                "eventId",
                                                "uri")),
                                "answer",
                                        arrayOf(
                                                object(
                                                        props(
                                                                "kind",
                                                                        string(
                                                                                "an entity kind (person, commit, deployment...), time, event or count"),
                                                                "id", string("the entity's or event's id"),
                                                                "label", string("its name; for a count, the number"),
                                                                "title", string(),
                                                                "at", dateTime("when (for a time, the time asked for)"),
                                                                "local",
                                                                        string(
                                                                                "a time as its source stated it, with its offset"),
                                                                "citations", arrayOf(eventCitation())),
                                                        "kind",
                                                        "label",
                                                        "citations"),
                                                "the values asked for, each cited; empty when the graph has none"),
                                "path",
                                        arrayOf(
                                                object(
                                                        props(
                                                                "from", entityRef("where the relation starts"),
                                                                "relation",
                                                                        string(
                                                                                "authored, fixes, contains, deployed..."),
                                                                "to", entityRef("where it ends"),
                                                                "citations", arrayOf(eventCitation()),
                                                                "basis",
                                                                        string(
                                                                                "asserted (a cited event states it) or inferred (concluded from the cited events)"),
                                                                "confidence", number(),
                                                                "rationale",
                                                                        string(
                                                                                "for an inferred link, why it was concluded")),
                                                        "from",
                                                        "relation",
                                                        "to",
                                                        "citations"),
                                                "the chain of entities and cited relations that led to the answer"),
                                "understood",
                                        object(props(
                                                "asks", string("person, time, entity, list, count or reason"),
                                                "kind", string("the kind of thing asked for"),
                                                "relations", arrayOf(string(), "the relations the question names"),
                                                "anchors",
                                                        arrayOf(object(props(
                                                                "mention", string(),
                                                                "linkedBy", string("key, person, name or description"),
                                                                "entities",
                                                                        arrayOf(entityRef("what it was linked to"))))),
                                                "from", dateTime("the window's start"),
                                                "to", dateTime("the window's end"))),
                                "entities",
                                        arrayOf(object(props(
                                                "id",
                                                string(),
                                                "kind",
                                                string(),
                                                "name",
                                                string(),
                                                "role",
                                                string("the part it plays in the answer")))),
                                "now", dateTime("the present the question was read from (the latest event's time)"),
                                "asOfSeq", integer("the seq it was answered at, when asOf was given"),
                                "citations", citations()),
                        "question",
                        "summary",
                        "evidence",
                        "citations"));
    }
}
