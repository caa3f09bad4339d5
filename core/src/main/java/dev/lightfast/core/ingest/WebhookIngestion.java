package dev.lightfast.core.ingest;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.connector.BodySignature;
import dev.lightfast.core.connector.Connectors;
import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.connector.WebhookConnector;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.IncomingDelivery;
import dev.lightfast.core.json.Utf8;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The Observe stage for webhooks: find the connection, check the tool's signature, parse, normalize
 * and make the delivery durable. The HTTP ingress and the CLI replay both come through here, so a
 * captured delivery is stored exactly as a live one would be.
 */
public final class WebhookIngestion {
    private static final Logger LOG = System.getLogger(WebhookIngestion.class.getName());

    /** What became of a delivery. */
    public sealed interface Outcome {
        /** Durable in the log (or already was, for a redelivery). */
        record Stored(Appended appended) implements Outcome {}

        /** Answered and deliberately not kept (a tool's ping). */
        record Replied(int status, String message) implements Outcome {}
    }

    /**
     * How long an identical body on one connection counts as the same delivery. GitHub and Sentry sign
     * neither a delivery id nor a time, so a captured body and signature can be posted again under
     * fresh headers; within this window that replay is stored once. A day covers a tool's own retries
     * (hours apart at most) and makes a replay wait a day to be stored twice; two deliveries a tool
     * means to be different are not byte-identical (their payloads carry ids and times).
     */
    public static final java.time.Duration IDENTICAL_BODY_WINDOW = java.time.Duration.ofHours(24);

    private final Connectors connectors;
    private final ConnectionStore connections;
    private final EventLog log;
    private final Clock clock;

    public WebhookIngestion(Connectors connectors, ConnectionStore connections, EventLog log, Clock clock) {
        this.connectors = connectors;
        this.connections = connections;
        this.log = log;
        this.clock = clock;
    }

    /**
     * Where a live delivery goes: its tool's connector and the connection its URL names, found from
     * the URL alone so that a request for nothing is refused before its body is read.
     */
    public record Target(WebhookConnector connector, Connection connection) {

        /**
         * Starts checking the signature from the headers: a request that does not carry the tool's
         * signature is refused before its body is read.
         *
         * @throws WebhookRejected UNAUTHENTICATED when the headers already show it is not signed
         */
        public BodySignature signature(java.util.Map<String, String> headers) {
            return connector.signature(new WebhookRequest(headers, new byte[0]), connection.secret());
        }

        @Override
        public String toString() {
            return connector.provider() + " connection " + connection.id();
        }
    }

    /**
     * @throws WebhookRejected UNKNOWN_CONNECTION when no connector serves {@code provider} or no
     *     connection of that tool has the id
     */
    public Target target(String provider, String connectionId) {
        var connector = connector(provider);
        return new Target(connector, connection(provider, connectionId));
    }

    /** Whether a connector serves {@code provider}. */
    public boolean knows(String provider) {
        return connectors.find(provider).isPresent();
    }

    /** A live delivery: the signature must match the connection's secret. */
    public Outcome receive(String provider, String connectionId, WebhookRequest request) {
        var target = target(provider, connectionId);
        var signature = target.signature(request.headers());
        byte[] body = request.body() == null ? new byte[0] : request.body();
        signature.update(body, 0, body.length);
        return accept(target, signature, request);
    }

    /**
     * A live delivery whose body has been read into {@code request} and fed to {@code signature} as
     * it arrived: checks the signature, then parses, normalizes and stores it.
     */
    public Outcome accept(Target target, BodySignature signature, WebhookRequest request) {
        return accept(target, signature, request, null);
    }

    /**
     * {@link #accept(Target, BodySignature, WebhookRequest)} with the body's SHA-256 computed as it
     * arrived (null to compute it here).
     */
    public Outcome accept(Target target, BodySignature signature, WebhookRequest request, byte[] bodySha256) {
        Instant now = now();
        signature.verify(request, now);
        return store(
                target.connector(), target.connection(), request, now, now.minus(IDENTICAL_BODY_WINDOW), bodySha256);
    }

    /**
     * A captured delivery replayed by an operator. Captures hold the body but rarely a signature made
     * with this connection's secret, and the operator is trusted, so the signature is not checked.
     */
    public Outcome replay(String provider, String connectionId, WebhookRequest request) {
        // Key-deduplicated only: a capture holding two identical bodies under two delivery ids holds two
        // deliveries the operator saw arrive, not a replay by someone else.
        return store(connector(provider), connection(provider, connectionId), request, now(), null, null);
    }

    private Outcome store(
            WebhookConnector connector,
            Connection connection,
            WebhookRequest request,
            Instant now,
            Instant sameBodySince,
            byte[] bodySha256) {
        int invalid = Utf8.firstInvalid(request.body() == null ? new byte[0] : request.body());
        if (invalid >= 0) {
            throw new WebhookRejected(
                    WebhookRejected.Reason.MALFORMED,
                    "the body is not valid UTF-8 (at byte " + invalid + "); JSON deliveries must be UTF-8");
        }
        return switch (connector.receive(request)) {
            case Reception.Reply reply -> new Outcome.Replied(reply.status(), reply.message());
            case Reception.Deliver d -> {
                var drafts = normalize(connector, d, now);
                var kept = new LinkedHashMap<String, String>();
                for (String name : connector.keptHeaders()) {
                    String value = request.header(name);
                    if (value != null) {
                        kept.put(name, value);
                    }
                }
                var incoming = new IncomingDelivery(
                        connector.provider(),
                        connection.id(),
                        d.deliveryKey(),
                        d.eventName(),
                        kept,
                        request.body(),
                        now,
                        drafts,
                        sameBodySince,
                        bodySha256);
                yield new Outcome.Stored(log.append(connection.tenant(), incoming));
            }
        };
    }

    /**
     * A payload the normalizer cannot read must still be kept: the raw delivery is the fact, and a
     * better normalizer can derive its events later.
     */
    private static List<EventDraft> normalize(WebhookConnector connector, Reception.Deliver d, Instant now) {
        try {
            var drafts = connector.normalize(d.deliveryKey(), d.eventName(), d.payload(), now);
            if (!drafts.isEmpty()) {
                return drafts;
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "normalizing {0} delivery {1} ({2}) failed, keeping it as a raw event: {3}",
                    connector.provider(),
                    d.deliveryKey(),
                    d.eventName(),
                    e.toString());
        }
        try {
            return List.of(connector.raw(d.deliveryKey(), d.eventName(), d.payload(), now));
        } catch (RuntimeException e) {
            // raw() must not fail; if it does all the same, the delivery is still kept, as a bare event
            // that says so, rather than refused on every retry.
            LOG.log(
                    Level.WARNING,
                    "the raw event of {0} delivery {1} failed too; keeping it as a bare event: {2}",
                    connector.provider(),
                    d.deliveryKey(),
                    e.toString());
            return List.of(EventDraft.builder(connector.provider(), connector.provider() + ".delivery.received")
                    .occurredAt(now)
                    .title(connector.provider() + " delivery " + d.deliveryKey())
                    .attribute("event", d.eventName())
                    .attribute("normalize_error", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .idempotencyKey(d.deliveryKey())
                    .build());
        }
    }

    private WebhookConnector connector(String provider) {
        return connectors
                .find(provider)
                .orElseThrow(() -> new WebhookRejected(
                        WebhookRejected.Reason.UNKNOWN_CONNECTION,
                        "no connector for provider '" + provider + "'; known: " + connectors.providers()));
    }

    private Connection connection(String provider, String connectionId) {
        return connections
                .find(connectionId)
                .filter(c -> c.provider().equals(provider))
                .orElseThrow(() -> new WebhookRejected(
                        WebhookRejected.Reason.UNKNOWN_CONNECTION,
                        "no " + provider + " connection '" + connectionId + "'; create one with POST /v1/connections"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
