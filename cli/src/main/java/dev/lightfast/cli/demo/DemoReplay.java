package dev.lightfast.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Sends the team history through a running server's webhook endpoints, as the tools would: one
 * connection per tool ({@code POST /v1/connections}), each delivery signed with that connection's
 * secret at the moment it is sent, in the history's order. A tool the server has no connector for
 * (it refuses the connection with 400) is skipped as a whole; any other refusal stops the replay.
 */
public final class DemoReplay {

    /** How one tool's part of the replay went. */
    public record ProviderResult(
            String provider, String connectionId, int deliveries, int events, String skippedBecause) {
        public boolean skipped() {
            return skippedBecause != null;
        }
    }

    /** The replay per tool, in the order the tools first appear, and the events the log then holds. */
    public record Summary(List<ProviderResult> providers, long eventsStored) {
        public int deliveries() {
            return providers.stream().mapToInt(ProviderResult::deliveries).sum();
        }
    }

    /** A delivery the server did not accept. */
    public static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message);
        }
    }

    /** Headers HttpClient sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final HttpClient http;
    private final String base;
    private final String apiKey;
    private final Clock clock;

    /**
     * @param base the server, e.g. {@code http://localhost:8080}
     * @param apiKey a tenant's API key; the history goes to that tenant
     */
    public DemoReplay(HttpClient http, String base, String apiKey, Clock clock) {
        this.http = http;
        this.base = base;
        this.apiKey = apiKey;
        this.clock = clock;
    }

    public Summary replay(List<RecordedDelivery> history) throws IOException, InterruptedException {
        var connections = new LinkedHashMap<String, Connection>();
        for (RecordedDelivery d : history) {
            connections.computeIfAbsent(d.provider(), this::connect);
        }
        for (RecordedDelivery d : history) {
            Connection c = connections.get(d.provider());
            if (c.skippedBecause != null) {
                c.deliveries++;
                continue;
            }
            SignedDelivery signed = c.signer.sign(d, c.secret, clock.instant());
            var request = HttpRequest.newBuilder(URI.create(c.webhookUrl));
            signed.headers().forEach((name, value) -> {
                if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    request.header(name, value);
                }
            });
            var response = http.send(
                    request.POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new Rejected(d.name() + " (" + d.provider() + " delivery " + d.deliveryId() + ") was answered "
                        + response.statusCode() + ": " + response.body());
            }
            c.deliveries++;
            c.events += RecordedDelivery.MAPPER
                    .readTree(response.body())
                    .path("eventIds")
                    .size();
        }
        var results = new ArrayList<ProviderResult>();
        connections.forEach((provider, c) ->
                results.add(new ProviderResult(provider, c.id, c.deliveries, c.events, c.skippedBecause)));
        return new Summary(results, countEvents());
    }

    private static final class Connection {
        String id;
        String webhookUrl;
        String secret;
        WebhookSigner signer;
        String skippedBecause;
        int deliveries;
        int events;
    }

    /** Connects the tool, or says why the server would not. */
    private Connection connect(String provider) {
        var c = new Connection();
        var signer = WebhookSigner.of(provider);
        if (signer.isEmpty()) {
            c.skippedBecause = "the demo does not know how " + provider + " signs its webhooks";
            return c;
        }
        c.signer = signer.get();
        c.secret = "demo-" + provider + "-signing-secret";
        try {
            byte[] body = RecordedDelivery.MAPPER.writeValueAsBytes(Map.of("provider", provider, "secret", c.secret));
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/connections"))
                            .header("Authorization", "Bearer " + apiKey)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400) {
                c.skippedBecause = "this server has no " + provider + " connector ("
                        + RecordedDelivery.MAPPER
                                .readTree(response.body())
                                .path("error")
                                .path("message")
                                .asString("") + ")";
                return c;
            }
            if (response.statusCode() / 100 != 2) {
                throw new Rejected(
                        "connecting " + provider + " was answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode created = RecordedDelivery.MAPPER.readTree(response.body());
            c.id = created.path("id").asString();
            c.webhookUrl = created.path("webhookUrl").asString();
            return c;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting " + provider, e);
        }
    }

    /** Every event in the tenant's log, counted page by page. */
    private long countEvents() throws IOException, InterruptedException {
        long count = 0;
        long after = 0;
        while (true) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/events?limit=1000&after=" + after))
                            .header("Authorization", "Bearer " + apiKey)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /v1/events answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            JsonNode page = RecordedDelivery.MAPPER.readTree(response.body());
            count += page.path("events").size();
            if (!page.path("hasMore").asBoolean(false)) {
                return count;
            }
            after = page.path("nextAfter").asLong();
        }
    }
}
