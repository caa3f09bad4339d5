package dev.lightfast.server.webhooks;

import static dev.lightfast.server.openapi.Schemas.ref;

import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.coverage.WebhookFailures;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.ingest.WebhookIngestion;
import dev.lightfast.server.http.Auth;
import dev.lightfast.server.http.RouteSpec;
import dev.lightfast.server.http.Routes;
import dev.lightfast.server.ops.ServerMetrics;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /webhooks/{provider}/{connectionId}}: a tool's delivery, answered 202 only once it
 * is durable in the log.
 */
public final class WebhooksApi {
    /** GitHub caps webhook payloads at 25 MB; other tools send far less. */
    public static final int MAX_DELIVERY = 25 * 1024 * 1024;

    /** The provider label of deliveries to a path no connector serves. */
    static final String UNKNOWN_PROVIDER = "unknown";

    private final WebhookIngestion ingestion;
    private final ServerMetrics metrics;
    private final WebhookBodies bodies;

    private final WebhookFailures failures;

    public WebhooksApi(WebhookIngestion ingestion, ServerMetrics metrics, WebhookFailures failures) {
        this(ingestion, metrics, new WebhookBodies(WebhookBodies.DEFAULT_BUDGET), failures);
    }

    public WebhooksApi(
            WebhookIngestion ingestion, ServerMetrics metrics, WebhookBodies bodies, WebhookFailures failures) {
        this.ingestion = ingestion;
        this.metrics = metrics;
        this.bodies = bodies;
        this.failures = failures;
        metrics.gauge(
                "lightfast.webhook.body.bytes",
                "bytes of webhook bodies held in memory now (at most " + WebhookBodies.DEFAULT_BUDGET + ")",
                bodies::held);
    }

    record Accepted(String deliveryId, boolean duplicate, List<String> eventIds) {}

    public void register(Routes routes) {
        routes.open(
                RouteSpec.of("POST", "/webhooks/{provider}/{connectionId}")
                        .tag("webhooks")
                        .auth(Auth.SIGNATURE)
                        .summary("A tool's webhook delivery, verified with the tool's own signature")
                        .request(
                                Map.of(
                                        "type",
                                        "object",
                                        "description",
                                        "the tool's payload, byte for byte as it signed it"),
                                Map.of("zen", "Keep it logically awesome.", "hook_id", 1))
                        .response(
                                202,
                                "durable in the log (also for a redelivery, which is stored once)",
                                ref("Accepted"))
                        .response(
                                200,
                                "answered but not stored, as text/plain (GitHub's ping; Slack's url_verification, answered"
                                        + " with its challenge)",
                                Map.of("type", "string"))
                        .response(400, "not the tool's format", ref("Error"))
                        .response(401, "missing or wrong signature", ref("Error"))
                        .response(404, "unknown connection", ref("Error"))
                        .response(413, "over " + MAX_DELIVERY + " bytes", ref("Error"))
                        .response(
                                503,
                                "the server holds as many webhook bodies in memory as it may; retry after the"
                                        + " Retry-After header's seconds",
                                ref("Error"))
                        .build(),
                this::receive);
    }

    /** What a delivery is answered with. */
    record Answer(int status, String contentType, byte[] body) {}

    private void receive(Context ctx) {
        var headers = new HashMap<String, String>();
        for (var names = ctx.req().getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            headers.put(name, ctx.req().getHeader(name));
        }
        long declared = ctx.req().getContentLengthLong();
        java.io.InputStream in;
        try {
            in = ctx.req().getInputStream();
        } catch (java.io.IOException e) {
            throw dev.lightfast.server.http.ApiError.badRequest(
                    "the request body could not be read: " + e.getMessage());
        }
        var answer = receive(ctx.pathParam("provider"), ctx.pathParam("connectionId"), headers, declared, in);
        ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
    }

    /**
     * Verifies, parses, normalizes and stores one delivery, whichever way it came in (the router, or
     * {@link WebhookIngress} beside it).
     *
     * @param declared the Content-Length, or -1
     * @throws WebhookRejected or {@link dev.lightfast.server.http.ApiError} for the caller's mistakes
     */
    Answer receive(
            String provider, String connectionId, Map<String, String> headers, long declared, java.io.InputStream in) {
        // Only a known tool names its own series: a path segment anyone may invent must not add one.
        String label = ingestion.knows(provider) ? provider : UNKNOWN_PROVIDER;
        WebhookIngestion.Target target = null;
        try {
            // The URL and the headers are checked before a byte of the body is read: a request for no
            // connection, or without the tool's signature, costs no memory however large its body.
            target = ingestion.target(provider, connectionId);
            var signature = target.signature(headers);
            try (var body = bodies.read(declared, in, MAX_DELIVERY, signature)) {
                long start = System.nanoTime();
                var request = new WebhookRequest(headers, body.bytes());
                switch (ingestion.accept(target, signature, request, body.sha256())) {
                    case WebhookIngestion.Outcome.Stored s -> {
                        var a = s.appended();
                        metrics.delivery(label, a.duplicate(), a.events().size(), System.nanoTime() - start);
                        return new Answer(
                                202,
                                "application/json",
                                dev.lightfast.core.json.Json.MAPPER.writeValueAsBytes(new Accepted(
                                        a.deliveryId(),
                                        a.duplicate(),
                                        a.events().stream().map(Event::id).toList())));
                    }
                    case WebhookIngestion.Outcome.Replied r -> {
                        metrics.notStored(label, "replied");
                        // As plain text: the form every tool accepts, and the one Slack's url_verification
                        // needs (its answer must be the challenge itself, or JSON with a "challenge" field).
                        return new Answer(
                                r.status(),
                                "text/plain; charset=utf-8",
                                r.message().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (WebhookRejected e) {
            String reason = e.reason().name().toLowerCase(java.util.Locale.ROOT);
            metrics.notStored(label, reason);
            failed(target, reason);
            throw e;
        } catch (dev.lightfast.server.http.ApiError e) {
            metrics.notStored(label, e.code());
            failed(target, e.code());
            throw e;
        }
    }

    /** Counted for coverage only when the URL named a real connection: invented URLs add nothing. */
    private void failed(WebhookIngestion.Target target, String reason) {
        if (target != null) {
            failures.record(target.connection().tenant(), target.connection().id(), reason);
        }
    }
}
