package dev.lightfast.core.ingest;

import dev.lightfast.core.connection.Connection;
import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.connector.Connectors;
import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.connector.WebhookConnector;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.event.Appended;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.IncomingDelivery;
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

    /** A live delivery: the signature must match the connection's secret. */
    public Outcome receive(String provider, String connectionId, WebhookRequest request) {
        var connector = connector(provider);
        var connection = connection(provider, connectionId);
        Instant now = now();
        connector.verify(request, connection.secret(), now);
        return store(connector, connection, request, now);
    }

    /**
     * A captured delivery replayed by an operator. Captures hold the body but rarely a signature made
     * with this connection's secret, and the operator is trusted, so the signature is not checked.
     */
    public Outcome replay(String provider, String connectionId, WebhookRequest request) {
        return store(connector(provider), connection(provider, connectionId), request, now());
    }

    private Outcome store(WebhookConnector connector, Connection connection, WebhookRequest request, Instant now) {
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
                        drafts);
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
        return List.of(connector.raw(d.deliveryKey(), d.eventName(), d.payload(), now));
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
