package dev.lightfast.server.mcp;

import static dev.lightfast.server.mcp.ToolResults.event;
import static dev.lightfast.server.mcp.ToolResults.json;
import static dev.lightfast.server.mcp.ToolResults.success;

import dev.lightfast.core.answer.Answer;
import dev.lightfast.core.answer.Answerer;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityHistory;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Neighbourhood;
import dev.lightfast.core.search.Search;
import dev.lightfast.core.search.SearchHit;
import dev.lightfast.core.search.SearchIndex;
import dev.lightfast.core.search.SearchMode;
import dev.lightfast.core.search.SearchQuery;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.events.RawDeliveries;
import dev.lightfast.server.search.HitEntities;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each tool does, on the same services the REST API calls: the search, the log, the graph, the
 * entity history and the answerer. Every read is scoped by the caller's tenant.
 */
final class ToolHandlers {
    private final Search search;
    private final SearchIndex index;
    private final EventLog log;
    private final Neighbourhood neighbourhood;
    private final EntityHistory history;
    private final EntityLookup entities;
    private final Answerer answerer;
    private final HitEntities hitEntities;

    ToolHandlers(Search search, SearchIndex index, EventLog log, GraphStore graph, Answerer answerer) {
        this.search = search;
        this.index = index;
        this.log = log;
        this.neighbourhood = new Neighbourhood(graph);
        this.history = new EntityHistory(graph, log);
        this.entities = new EntityLookup(graph);
        this.answerer = answerer;
        this.hitEntities = new HitEntities(log, graph);
    }

    CallToolResult search(TenantId tenant, ToolArguments args) {
        String text = args.requiredText("query", "the words or identifiers to search for");
        String mode = args.oneOf("mode", ToolCatalog.MODES);
        var query = new SearchQuery(
                text,
                args.integer("limit", ToolCatalog.SEARCH_DEFAULT, 1, SearchQuery.MAX_LIMIT),
                SearchMode.parse(mode),
                args.text("source"),
                args.text("type"),
                args.text("actor"),
                args.text("entity"),
                args.instant("from"),
                args.instant("to"),
                args.whole("asOfSeq", 0, Long.MAX_VALUE));
        long indexed = index.checkpoint(tenant);
        List<SearchHit> hits = search.search(tenant, query);
        var cited = new ToolResults.Cited();
        var hitsJson = new ArrayList<Map<String, Object>>();
        var out = new StringBuilder(hits.size() + " hit" + (hits.size() == 1 ? "" : "s") + " for \"" + text + "\" ("
                + query.mode().name().toLowerCase(Locale.ROOT) + ", index at seq " + indexed + ")"
                + (hits.isEmpty() ? "." : ":"));
        List<HitEntities.Named> named = hitEntities.of(tenant, hits);
        for (int i = 0; i < hits.size(); i++) {
            SearchHit h = hits.get(i);
            var m = json(h);
            m.put("uri", ResourceUris.event(h.eventId()));
            if (named.get(i).actor() != null) {
                m.put("actor", json(named.get(i).actor()));
            }
            m.put("about", named.get(i).about().stream().map(ToolResults::json).toList());
            hitsJson.add(m);
            cited.add(h.eventId(), h.url(), h.type(), h.title(), h.occurredAt());
            out.append("\n")
                    .append(i + 1)
                    .append(". ")
                    .append(line(h.type(), h.title(), h.occurredAt(), h.eventId(), h.url()));
            if (h.snippet() != null && !h.snippet().isBlank()) {
                out.append("\n   ").append(h.snippet().strip().replace('\n', ' '));
            }
        }
        var structured = new LinkedHashMap<String, Object>();
        structured.put("query", text);
        structured.put("mode", query.mode().name().toLowerCase(Locale.ROOT));
        structured.put("indexedSeq", indexed);
        structured.put("hits", hitsJson);
        return success(structured, cited, out.toString());
    }

    CallToolResult getEvent(TenantId tenant, ToolArguments args) {
        String id = args.requiredText("id", "the event id, as search, list_events or a citation gives it");
        boolean includeRaw = args.flag("includeRaw", false);
        Event e = log.find(tenant, id)
                .orElseThrow(
                        () -> new ToolInputError(
                                "no event '" + id + "' in this tenant; "
                                        + "event ids come from search, list_events, timeline, answer or a lightfast://events/{id} citation"));
        var cited = new ToolResults.Cited();
        cited.add(e);
        var structured = new LinkedHashMap<String, Object>();
        structured.put("event", event(e));
        if (includeRaw) {
            log.findRaw(tenant, e.rawRef()).ifPresent(raw -> structured.put("raw", json(RawDeliveries.toJson(raw))));
        }
        var out = new StringBuilder(line(e.type(), e.title(), e.occurredAt(), e.id(), e.url()));
        out.append("\nseq ").append(e.seq()).append(", source ").append(e.source());
        if (e.actor() != null) {
            out.append(", by ")
                    .append(
                            e.actor().label() != null
                                    ? e.actor().label()
                                    : e.actor().key());
        }
        if (e.subjects() != null && !e.subjects().isEmpty()) {
            out.append("\nabout: ")
                    .append(String.join(
                            ", ", e.subjects().stream().map(s -> s.key()).toList()));
        }
        if (e.body() != null && !e.body().isBlank()) {
            out.append("\n\n").append(e.body().strip());
        }
        return success(structured, cited, out.toString());
    }

    CallToolResult listEvents(TenantId tenant, ToolArguments args) {
        Long after = args.whole("after", 0, Long.MAX_VALUE);
        var query = new EventQuery(
                after == null ? 0 : after,
                args.integer("limit", ToolCatalog.LIST_DEFAULT, 1, ToolCatalog.LIST_MAX),
                args.text("type"),
                args.text("source"),
                args.instant("from"),
                args.instant("to"));
        var page = log.read(tenant, query);
        var cited = new ToolResults.Cited();
        var out = new StringBuilder(page.events().size() + " event"
                + (page.events().size() == 1 ? "" : "s")
                + " after seq " + query.after() + (page.hasMore() ? "; more follow after seq " + page.nextAfter() : "")
                + (page.events().isEmpty() ? "." : ":"));
        List<Map<String, Object>> events = new ArrayList<>();
        for (Event e : page.events()) {
            events.add(event(e));
            cited.add(e);
            out.append("\n")
                    .append(e.seq())
                    .append(". ")
                    .append(line(e.type(), e.title(), e.occurredAt(), e.id(), e.url()));
        }
        var structured = new LinkedHashMap<String, Object>();
        structured.put("events", events);
        structured.put("nextAfter", page.nextAfter());
        structured.put("hasMore", page.hasMore());
        return success(structured, cited, out.toString());
    }

    CallToolResult timeline(TenantId tenant, ToolArguments args) {
        AsOf asOf = args.asOf("asOf");
        Entity entity = entities.resolve(
                tenant, args.requiredText("entity", "an entity id (ent_...) or natural key"), args.text("kind"), asOf);
        Long after = args.whole("after", 0, Long.MAX_VALUE);
        var page = history.page(
                tenant,
                entity,
                asOf,
                after == null ? 0 : after,
                args.integer("limit", ToolCatalog.TIMELINE_DEFAULT, 1, ToolCatalog.TIMELINE_MAX));
        var cited = new ToolResults.Cited();
        var out = new StringBuilder(describe(entity) + ": " + page.events().size() + " event"
                + (page.events().size() == 1 ? "" : "s")
                + (page.hasMore() ? " (more after seq " + page.nextAfter() + ")" : "")
                + (page.events().isEmpty() ? "." : ":"));
        List<Map<String, Object>> events = new ArrayList<>();
        for (Event e : page.events()) {
            events.add(event(e));
            cited.add(e);
            out.append("\n")
                    .append(e.seq())
                    .append(". ")
                    .append(line(e.type(), e.title(), e.occurredAt(), e.id(), e.url()));
        }
        var structured = new LinkedHashMap<String, Object>();
        structured.put("entity", entityJson(entity));
        structured.put("events", events);
        structured.put("nextAfter", page.nextAfter());
        structured.put("hasMore", page.hasMore());
        return success(structured, cited, out.toString());
    }

    CallToolResult related(TenantId tenant, ToolArguments args) {
        AsOf asOf = args.asOf("asOf");
        Entity entity = entities.resolve(
                tenant, args.requiredText("entity", "an entity id (ent_...) or natural key"), args.text("kind"), asOf);
        int depth = args.integer("depth", 1, 1, Neighbourhood.MAX_DEPTH);
        var result = neighbourhood.around(tenant, entity, depth, new LinkedHashSet<>(args.texts("types")), asOf);
        var cited = new ToolResults.Cited();
        var out = new StringBuilder(describe(entity) + ": " + result.relations().size() + " relation"
                + (result.relations().size() == 1 ? "" : "s") + " within " + depth + " hop" + (depth == 1 ? "" : "s")
                + (result.truncated() ? " (stopped early at a busy hub)" : "")
                + (result.relations().isEmpty() ? "." : ":"));
        List<Map<String, Object>> relations = new ArrayList<>();
        for (Neighbourhood.Edge edge : result.relations()) {
            relations.add(json(edge));
            for (Citation c : edge.relation().citations()) {
                cited.add(c.eventId(), c.url(), c.type(), null, c.occurredAt());
            }
            var r = edge.relation();
            out.append("\n- ")
                    .append(name(result.entities().get(r.from()), r.from()))
                    .append(" ")
                    .append(r.type())
                    .append(" ")
                    .append(name(result.entities().get(r.to()), r.to()))
                    .append(r.validTo() == null ? "" : " (until " + r.validTo() + ")")
                    .append(" [")
                    .append(String.join(
                            ", ",
                            r.citations().stream()
                                    .map(c -> ResourceUris.event(c.eventId()))
                                    .toList()))
                    .append("]");
        }
        var reached = new LinkedHashMap<String, Object>();
        result.entities().forEach((id, e) -> reached.put(id, entityJson(e)));
        var structured = new LinkedHashMap<String, Object>();
        structured.put("entity", entityJson(entity));
        structured.put("entities", reached);
        structured.put("relations", relations);
        structured.put("truncated", result.truncated());
        return success(structured, cited, out.toString());
    }

    CallToolResult answer(TenantId tenant, ToolArguments args) {
        String question = args.requiredText("question", "the question, in plain words");
        if (question.length() > SearchQuery.MAX_TEXT) {
            throw new ToolInputError(
                    "'question' must be at most " + SearchQuery.MAX_TEXT + " characters; got " + question.length());
        }
        int limit = args.integer("limit", ToolCatalog.ANSWER_DEFAULT, 1, Answerer.MAX_EVIDENCE);
        Answer answer = answerer.answer(tenant, question, args.asOf("asOf"), limit);
        var cited = new ToolResults.Cited();
        var structured = json(answer);
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (Answer.Evidence e : answer.evidence()) {
            var m = json(e);
            m.put("uri", ResourceUris.event(e.eventId()));
            evidence.add(m);
            cited.add(e.eventId(), e.url(), e.type(), e.title(), e.occurredAt());
        }
        structured.put("evidence", evidence);
        var out = new StringBuilder();
        if (!answer.answer().isEmpty()) {
            out.append("Answer: ");
            out.append(String.join(
                    "; ",
                    answer.answer().stream()
                            .limit(20)
                            .map(v -> v.kind() + " " + v.label() + (v.title() == null ? "" : " (" + v.title() + ")"))
                            .toList()));
            out.append("\n");
        }
        for (Answer.Sentence s : answer.summary()) {
            out.append(s.text());
            for (String id : s.citations()) {
                // A sentence may rest on an event outside the top evidence; it is cited all the same.
                log.find(tenant, id).ifPresent(cited::add);
                out.append(" [").append(ResourceUris.event(id)).append("]");
            }
            out.append("\n");
        }
        if (!answer.evidence().isEmpty()) {
            out.append("\nEvidence:");
            for (Answer.Evidence e : answer.evidence()) {
                out.append("\n")
                        .append(e.rank())
                        .append(". ")
                        .append(line(e.type(), e.title(), e.occurredAt(), e.eventId(), e.url()))
                        .append(" (")
                        .append(e.why())
                        .append(")");
            }
        }
        return success(structured, cited, out.toString().strip());
    }

    private static LinkedHashMap<String, Object> entityJson(Entity e) {
        var m = json(e);
        m.put("uri", ResourceUris.entity(e.id()));
        return m;
    }

    private static String describe(Entity e) {
        return e.kind() + " " + e.name() + " (" + e.id() + ", " + e.key() + ")";
    }

    private static String name(Entity e, String id) {
        return e == null ? id : e.name();
    }

    private static String line(String type, String title, java.time.Instant at, String eventId, String url) {
        return "[" + type + "] " + title + " ("
                + (at == null ? "?" : at.toString().substring(0, 10)) + ") " + ResourceUris.event(eventId)
                + (url == null ? "" : " " + url);
    }
}
