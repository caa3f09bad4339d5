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

/**
 * The process's metrics, scraped as Prometheus text from {@code /metrics}: every request by route
 * and status with a latency histogram, and what ingestion did with each delivery.
 */
public final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

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
        Timer.builder("http.server.requests")
                .description("HTTP requests by route and status")
                .tags("method", ctx.method().name(), "route", route, "status", String.valueOf(ctx.statusCode()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    /** A delivery made durable (or recognised as a redelivery). */
    public void delivery(String provider, boolean duplicate, int events, long ingestNanos) {
        Counter.builder("lightfast.ingest.deliveries")
                .description("webhook deliveries by outcome")
                .tags("provider", provider, "outcome", duplicate ? "duplicate" : "stored")
                .register(registry)
                .increment();
        if (!duplicate) {
            Counter.builder("lightfast.ingest.events")
                    .description("canonical events appended to the log")
                    .tags("provider", provider)
                    .register(registry)
                    .increment(events);
        }
        Timer.builder("lightfast.ingest.duration")
                .description("time to verify, normalize and make a delivery durable")
                .tags("provider", provider)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry)
                .record(Duration.ofNanos(ingestNanos));
    }

    /** A delivery answered without storing: rejected (bad signature, malformed...) or a ping. */
    public void notStored(String provider, String outcome) {
        Counter.builder("lightfast.ingest.deliveries")
                .description("webhook deliveries by outcome")
                .tags("provider", provider, "outcome", outcome)
                .register(registry)
                .increment();
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
