package dev.lightfast.server.ops;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The process's metrics, scraped as Prometheus text from {@code /metrics}: every request by route
 * and status with a latency histogram, and what ingestion did with each delivery.
 */
public final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /**
     * Meters already registered, by their tags: building a meter and looking it up in the registry on
     * every request costs more than recording into it. The tag values come from route templates,
     * statuses, known providers and fixed outcomes, so these stay small.
     */
    private record RequestKey(String method, String route, int status) {}

    private record DeliveryKey(String provider, String outcome) {}

    private final ConcurrentHashMap<RequestKey, Timer> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DeliveryKey, Counter> deliveries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> events = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> ingestDurations = new ConcurrentHashMap<>();

    public ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** Called once per finished request, with the route template rather than the raw path. */
    public void request(Context ctx, float millis) {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? "unmatched" : endpoint.path;
        request(ctx.method().name(), route, ctx.statusCode(), (long) (millis * 1_000_000));
    }

    /** A finished request on {@code route} (its template), for handlers served beside the router. */
    public void request(String method, String route, int status, long nanos) {
        requests.computeIfAbsent(
                        new RequestKey(method, route, status),
                        k -> Timer.builder("http.server.requests")
                                .description("HTTP requests by route and status")
                                .tags("method", k.method(), "route", k.route(), "status", String.valueOf(k.status()))
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofNanos(100_000))
                                .maximumExpectedValue(Duration.ofSeconds(10))
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A delivery made durable (or recognised as a redelivery). */
    public void delivery(String provider, boolean duplicate, int events, long ingestNanos) {
        deliveryCounter(provider, duplicate ? "duplicate" : "stored").increment();
        if (!duplicate) {
            this.events
                    .computeIfAbsent(
                            provider,
                            p -> Counter.builder("lightfast.ingest.events")
                                    .description("canonical events appended to the log")
                                    .tags("provider", p)
                                    .register(registry))
                    .increment(events);
        }
        ingestDurations
                .computeIfAbsent(
                        provider,
                        p -> Timer.builder("lightfast.ingest.duration")
                                .description("time to verify, normalize and make a delivery durable")
                                .tags("provider", p)
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofNanos(50_000))
                                .maximumExpectedValue(Duration.ofSeconds(5))
                                .register(registry))
                .record(ingestNanos, TimeUnit.NANOSECONDS);
    }

    /** A delivery answered without storing: rejected (bad signature, malformed...) or a ping. */
    public void notStored(String provider, String outcome) {
        deliveryCounter(provider, outcome).increment();
    }

    private Counter deliveryCounter(String provider, String outcome) {
        return deliveries.computeIfAbsent(
                new DeliveryKey(provider, outcome),
                k -> Counter.builder("lightfast.ingest.deliveries")
                        .description("webhook deliveries by outcome")
                        .tags("provider", k.provider(), "outcome", k.outcome())
                        .register(registry));
    }

    /** A value read when scraped, such as how many bytes of webhook bodies are held in memory. */
    public void gauge(String name, String description, java.util.function.Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value)
                .description(description)
                .register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
