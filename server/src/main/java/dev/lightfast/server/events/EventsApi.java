package dev.lightfast.server.events;

import static dev.lightfast.server.openapi.Schemas.integer;
import static dev.lightfast.server.openapi.Schemas.ref;
import static dev.lightfast.server.openapi.Schemas.string;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.ingest.EventSubmission;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.QueryParams;
import dev.lightfast.server.http.RequestBodies;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Reading the log in causal order, one event with its raw delivery, and events sent by agents. */
public final class EventsApi {
    private static final int DEFAULT_LIMIT = 100;

    private final EventLog log;
    private final EventSubmission submission;
    private final Clock clock;

    public EventsApi(EventLog log, EventSubmission submission, Clock clock) {
        this.log = log;
        this.submission = submission;
        this.clock = clock;
    }

    /** The body of {@code POST /v1/events}; {@code occurredAt} defaults to now. */
    record NewEvent(
            String source,
            String type,
            Instant occurredAt,
            EntityRef actor,
            List<EntityRef> subjects,
            String title,
            String body,
            Map<String, Object> attributes,
            String url,
            List<String> causes,
            String idempotencyKey) {}

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("GET", "/v1/events")
                        .tag("events")
                        .auth(Auth.TENANT)
                        .summary("The tenant's events in causal order, or newest first, with a cursor")
                        .query(
                                "after",
                                "only events with a greater seq (the previous page's nextAfter)",
                                integer(0, Long.MAX_VALUE))
                        .query(
                                "order",
                                "'newest' reads newest first (continue with before=nextBefore); causal order when"
                                        + " absent",
                                Map.of("type", "string", "enum", List.of("causal", "newest")),
                                "newest")
                        .query(
                                "before",
                                "newest first from just below this seq (the previous page's nextBefore)",
                                integer(1, Long.MAX_VALUE))
                        .query(
                                "limit",
                                "page size, 1-" + EventQuery.MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")",
                                integer(1, EventQuery.MAX_LIMIT))
                        .query(
                                "type",
                                "an exact type, or a prefix ending in .* such as github.pull_request.*",
                                string())
                        .query("source", "github, linear, api, ...", string())
                        .query("from", "occurredAt at or after this ISO-8601 instant", string("date-time"))
                        .query("to", "occurredAt before this ISO-8601 instant", string("date-time"))
                        .response(200, "a page of events", ref("EventPage"))
                        .build(),
                this::list);
        routes.tenant(
                RouteSpec.of("GET", "/v1/events/{id}")
                        .tag("events")
                        .auth(Auth.TENANT)
                        .summary("One event with the raw delivery it was derived from")
                        .response(200, "the event", ref("EventWithRaw"))
                        .response(404, "no such event for this tenant", ref("Error"))
                        .build(),
                this::get);
        routes.tenant(
                RouteSpec.of("POST", "/v1/events")
                        .tag("events")
                        .auth(Auth.TENANT)
                        .summary("Record an event from an agent or another system; idempotencyKey dedupes")
                        .request(
                                ref("NewEvent"),
                                Map.of(
                                        "source",
                                        "oncall-bot",
                                        "type",
                                        "incident.note.added",
                                        "title",
                                        "Rolled back shop to 1.3.9",
                                        "idempotencyKey",
                                        "note-42"))
                        .response(201, "stored", ref("Ingested"))
                        .response(
                                200,
                                "already stored under that idempotencyKey; the stored event is returned",
                                ref("Ingested"))
                        .build(),
                this::submit);
    }

    /** A newest-first page: its cursor is the next page's {@code before}. */
    public record NewestFirstPage(List<Event> events, long nextBefore, boolean hasMore) {}

    private void list(Context ctx, TenantId tenant) {
        String order = QueryParams.text(ctx, "order");
        if (order != null && !order.equals("causal") && !order.equals("newest")) {
            throw ApiError.badRequest("order must be 'causal' or 'newest'; got '" + order + "'");
        }
        long before = QueryParams.whole(ctx, "before", 0);
        boolean newest = "newest".equals(order) || before > 0;
        var query = new EventQuery(
                QueryParams.whole(ctx, "after", 0),
                QueryParams.bounded(ctx, "limit", DEFAULT_LIMIT, 1, EventQuery.MAX_LIMIT),
                QueryParams.text(ctx, "type"),
                QueryParams.text(ctx, "source"),
                QueryParams.instant(ctx, "from"),
                QueryParams.instant(ctx, "to"),
                newest ? Long.valueOf(before > 0 ? before : Long.MAX_VALUE) : null);
        var page = log.read(tenant, query);
        if (newest) {
            ctx.json(new NewestFirstPage(page.events(), page.nextAfter(), page.hasMore()));
        } else {
            ctx.json(page);
        }
    }

    private void get(Context ctx, TenantId tenant) {
        String id = ctx.pathParam("id");
        var event = log.find(tenant, id).orElseThrow(() -> ApiError.notFound("no event '" + id + "' in this tenant"));
        ObjectNode out = Json.MAPPER.valueToTree(event);
        log.findRaw(tenant, event.rawRef()).ifPresent(raw -> out.set("raw", RawDeliveries.toJson(raw)));
        ctx.json(out);
    }

    private void submit(Context ctx, TenantId tenant) {
        byte[] raw = RequestBodies.bytes(ctx, RequestBodies.MAX_API_BODY);
        if (raw.length == 0) {
            throw ApiError.badRequest("this call needs a JSON body describing the event");
        }
        var e = RequestBodies.parse(raw, NewEvent.class);
        if (e.idempotencyKey() != null
                && (e.idempotencyKey().isBlank() || e.idempotencyKey().length() > 256)) {
            throw ApiError.badRequest("idempotencyKey must be 1-256 characters");
        }
        var draft = new EventDraft(
                e.source(),
                e.type(),
                e.occurredAt() == null ? clock.instant() : e.occurredAt(),
                e.actor(),
                e.subjects(),
                e.title(),
                e.body(),
                e.attributes(),
                e.url(),
                e.causes(),
                e.idempotencyKey());
        var appended = submission.submit(tenant, draft, raw);
        ctx.status(appended.duplicate() ? 200 : 201).json(appended);
    }
}
