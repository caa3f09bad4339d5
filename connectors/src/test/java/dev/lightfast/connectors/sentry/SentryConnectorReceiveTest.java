package dev.lightfast.connectors.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentryConnectorReceiveTest {
    private static final String SECRET = "sentry-client-secret";
    private static final Instant NOW = Instant.parse("2026-03-10T14:22:35Z");
    private final SentryConnector connector = new SentryConnector();

    @Test
    void provider_headers_and_graph_are_sentrys() {
        assertThat(connector.provider()).isEqualTo("sentry");
        assertThat(connector.keptHeaders()).contains("request-id", "sentry-hook-resource", "sentry-hook-timestamp");
        assertThat(connector.graph()).isInstanceOf(SentryGraph.class);
    }

    @Test
    void every_example_signed_now_verifies_and_is_delivered_under_its_request_id() {
        for (var e : SentryFixtures.all()) {
            var request = new WebhookRequest(
                    SentryFixtures.signedHeaders(e.resource(), "req-" + e.name(), SECRET, e.body(), NOW), e.body());
            connector.verify(request, SECRET, NOW.plusSeconds(2));
            var d = (Reception.Deliver) connector.receive(request);
            assertThat(d.deliveryKey()).isEqualTo("req-" + e.name());
            assertThat(d.eventName()).isEqualTo(e.resource());
        }
    }

    @Test
    void what_is_not_a_sentry_delivery_is_malformed_with_a_reason() {
        byte[] ok = "{\"action\":\"created\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        assertMalformed(new WebhookRequest(Map.of("Request-ID", "r"), ok), "Sentry-Hook-Resource");
        assertMalformed(new WebhookRequest(Map.of("Sentry-Hook-Resource", "issue"), ok), "Request-ID");
        assertMalformed(
                new WebhookRequest(
                        Map.of("Sentry-Hook-Resource", "issue", "Request-ID", "r"),
                        "{\"action\"".getBytes(StandardCharsets.UTF_8)),
                "not valid JSON");
        assertMalformed(
                new WebhookRequest(Map.of("Sentry-Hook-Resource", "issue", "Request-ID", "r".repeat(201)), ok),
                "longer than");
    }

    private void assertMalformed(WebhookRequest request, String part) {
        assertThatThrownBy(() -> connector.receive(request))
                .isInstanceOf(WebhookRejected.class)
                .hasFieldOrPropertyWithValue("reason", WebhookRejected.Reason.MALFORMED)
                .hasMessageContaining("Sentry")
                .hasMessageContaining(part);
    }
}
