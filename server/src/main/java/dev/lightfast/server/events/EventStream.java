package dev.lightfast.server.events;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.EventQuery;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.http.ApiError;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.QueryParams;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /v1/events/stream}: the tenant's new events as server-sent events, each as it commits
 * ({@code event: event}, {@code id:} its seq, {@code data:} the event as {@code /v1/events} gives it).
 * A stream follows the log itself, not this process's ingestion, so on PostgreSQL it carries events
 * any server stored; it reads only its caller's tenant, so it carries nothing else. It starts at the
 * log's end, or after {@code after} / the browser's {@code Last-Event-ID} when it reconnects.
 */
public final class EventStream implements AutoCloseable {
    public static final String PATH = "/v1/events/stream";
    /** How often a stream looks for new events (a cheap read of the tenant's last seq). */
    static final Duration POLL = Duration.ofMillis(500);
    /** A comment this often, so a closed connection is noticed and proxies keep it open. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final int BATCH = 200;

    private final EventLog log;
    private volatile boolean closed;

    public EventStream(EventLog log) {
        this.log = log;
    }

    public void register(Routes routes) {
        routes.tenant(
                RouteSpec.of("GET", PATH)
                        .tag("events")
                        .auth(Auth.TENANT)
                        .summary("The tenant's new events as they commit, as server-sent events (id: seq)")
                        .query(
                                "after",
                                "start after this seq instead of at the log's end (Last-Event-ID does the same)",
                                Map.of("type", "integer", "minimum", 0))
                        .response(
                                200,
                                "a text/event-stream; each 'event' event's data is one event as JSON",
                                Map.of("type", "string"))
                        .build(),
                this::stream);
    }

    private void stream(Context ctx, TenantId tenant) throws Exception {
        long start = start(ctx, tenant);
        new SseHandler(client -> follow(client, tenant, start)).handle(ctx);
    }

    private long start(Context ctx, TenantId tenant) {
        String lastEventId = ctx.header("Last-Event-ID");
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                return Math.max(0, Long.parseLong(lastEventId.strip()));
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("Last-Event-ID must be a seq; got '" + lastEventId + "'");
            }
        }
        long after = QueryParams.whole(ctx, "after", -1);
        return after >= 0 ? after : log.lastSeq(tenant);
    }

    /** Runs on the request's virtual thread until the client goes or the server closes. */
    private void follow(SseClient client, TenantId tenant, long start) {
        long seen = start;
        client.sendComment("following the log after seq " + start);
        long quietSince = System.nanoTime();
        try {
            while (!closed && !client.terminated()) {
                if (log.lastSeq(tenant) > seen) {
                    var page = log.read(tenant, EventQuery.all(BATCH).after(seen));
                    for (var event : page.events()) {
                        client.sendEvent("event", Json.MAPPER.writeValueAsString(event), Long.toString(event.seq()));
                    }
                    seen = page.nextAfter();
                    quietSince = System.nanoTime();
                    if (page.hasMore()) {
                        continue;
                    }
                } else if (System.nanoTime() - quietSince > HEARTBEAT.toNanos()) {
                    client.sendComment("still here");
                    quietSince = System.nanoTime();
                }
                Thread.sleep(POLL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }

    /** Ends every stream (before the server stops, so that shutdown does not wait on them). */
    @Override
    public void close() {
        closed = true;
    }
}
