package dev.lightfast.connectors.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearConnectorReceiveTest {
    private static final String SECRET = "linear-secret";
    private final LinearConnector connector = new LinearConnector();

    private static WebhookRequest request(Map<String, String> headers, String body) {
        return new WebhookRequest(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void provider_headers_and_graph_are_linears() {
        assertThat(connector.provider()).isEqualTo("linear");
        assertThat(connector.keptHeaders())
                .contains("linear-delivery", "linear-event")
                .allMatch(h -> h.equals(h.toLowerCase(java.util.Locale.ROOT)));
        assertThat(connector.graph()).isInstanceOf(LinearGraph.class);
    }

    @Test
    void every_example_signed_and_sent_now_verifies_and_is_delivered_under_its_delivery_id() {
        Instant now = Instant.parse("2026-03-05T14:02:11Z");
        for (String name : LinearFixtures.names()) {
            byte[] body = LinearFixtures.sentAt(name, now);
            var request = new WebhookRequest(
                    LinearFixtures.signedHeaders(LinearFixtures.ALL.get(name), "delivery-" + name, SECRET, body), body);
            connector.verify(request, SECRET, now.plusSeconds(30));
            var deliver = (Reception.Deliver) connector.receive(request);
            assertThat(deliver.deliveryKey()).isEqualTo("delivery-" + name);
            assertThat(deliver.eventName()).isEqualTo(LinearFixtures.ALL.get(name));
        }
    }

    @Test
    void without_a_delivery_header_the_change_itself_is_the_key_so_a_retry_is_the_same_delivery() {
        byte[] first = LinearFixtures.sentAt("issue-update-done.json", Instant.parse("2026-03-05T16:40:13Z"));
        byte[] retry = LinearFixtures.sentAt("issue-update-done.json", Instant.parse("2026-03-05T16:41:13Z"));
        var a = (Reception.Deliver) connector.receive(new WebhookRequest(Map.of(), first));
        var b = (Reception.Deliver) connector.receive(new WebhookRequest(Map.of(), retry));
        assertThat(a.deliveryKey())
                .isEqualTo("Issue/update/7d3b2a10-4c5e-4f6a-8b9c-0d1e2f3a4b5c/2026-03-05T16:40:12.000Z")
                .isEqualTo(b.deliveryKey());
    }

    @Test
    void the_resource_type_may_come_from_the_header_alone() {
        var d = (Reception.Deliver) connector.receive(request(
                Map.of("Linear-Event", "Issue", "Linear-Delivery", "x"),
                "{\"action\":\"create\",\"data\":{\"id\":\"1\"}}"));
        assertThat(d.eventName()).isEqualTo("Issue");
    }

    @Test
    void what_is_not_a_linear_delivery_is_malformed_with_a_reason() {
        assertMalformed(request(Map.of("Linear-Delivery", "x"), "{\"action\":"), "not valid JSON");
        assertMalformed(request(Map.of("Linear-Delivery", "x"), "[1,2]"), "JSON object");
        assertMalformed(request(Map.of("Linear-Delivery", "x"), ""), "empty");
        assertMalformed(request(Map.of("Linear-Delivery", "x"), "{\"data\":{}}"), "'type'");
        assertMalformed(request(Map.of(), "{\"type\":\"Issue\",\"data\":{}}"), "Linear-Delivery");
        assertMalformed(request(Map.of("Linear-Delivery", "x".repeat(300)), "{\"type\":\"Issue\"}"), "longer than");
    }

    private void assertMalformed(WebhookRequest request, String part) {
        assertThatThrownBy(() -> connector.receive(request))
                .isInstanceOf(WebhookRejected.class)
                .hasFieldOrPropertyWithValue("reason", WebhookRejected.Reason.MALFORMED)
                .hasMessageContaining("Linear")
                .hasMessageContaining(part);
    }
}
