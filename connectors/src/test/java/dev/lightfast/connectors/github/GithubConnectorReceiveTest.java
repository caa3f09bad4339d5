package dev.lightfast.connectors.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.connectors.github.GithubFixtures.Fixture;
import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GithubConnectorReceiveTest {
    private static final String SECRET = "s3cret";

    private final GithubConnector connector = new GithubConnector();

    private static WebhookRequest request(Map<String, String> headers, String body) {
        return new WebhookRequest(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> headers(String event) {
        return Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
    }

    private void assertMalformed(WebhookRequest request, String messagePart) {
        assertThatThrownBy(() -> connector.receive(request))
                .isInstanceOf(WebhookRejected.class)
                .hasFieldOrPropertyWithValue("reason", WebhookRejected.Reason.MALFORMED)
                .hasMessageContaining(messagePart);
    }

    @Test
    void provider_and_kept_headers_are_githubs() {
        assertThat(connector.provider()).isEqualTo("github");
        assertThat(connector.keptHeaders())
                .contains("x-github-event", "x-github-delivery", "x-github-hook-id", "user-agent", "content-type")
                .allMatch(h -> h.equals(h.toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void every_signed_example_verifies_and_is_received() {
        for (Fixture f : GithubFixtures.all()) {
            var request = new WebhookRequest(GithubFixtures.signedHeaders(f, SECRET, "delivery-" + f.path()), f.body());

            connector.verify(request, SECRET, Instant.EPOCH);
            Reception reception = connector.receive(request);

            if (f.event().equals("ping")) {
                assertThat(reception).as(f.path()).isInstanceOf(Reception.Reply.class);
            } else {
                assertThat(reception).as(f.path()).isInstanceOfSatisfying(Reception.Deliver.class, d -> {
                    assertThat(d.deliveryKey()).isEqualTo("delivery-" + f.path());
                    assertThat(d.eventName()).isEqualTo(f.event());
                    assertThat(d.payload().isObject()).isTrue();
                });
            }
        }
    }

    @Test
    void ping_is_answered_with_githubs_zen_and_not_kept() {
        Fixture ping = GithubFixtures.get("ping/00.json");

        Reception reception = connector.receive(new WebhookRequest(headers("ping"), ping.body()));

        assertThat(reception).isEqualTo(new Reception.Reply(200, "pong: Anything added dilutes everything else."));
    }

    @Test
    void a_delivery_is_keyed_by_its_delivery_header() {
        Reception reception = connector.receive(request(headers("star"), "{\"action\":\"created\"}"));

        assertThat(reception).isInstanceOfSatisfying(Reception.Deliver.class, d -> {
            assertThat(d.deliveryKey()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
            assertThat(d.eventName()).isEqualTo("star");
            assertThat(d.payload().path("action").asString()).isEqualTo("created");
        });
    }

    @Test
    void a_missing_event_header_is_malformed() {
        assertMalformed(request(Map.of("X-GitHub-Delivery", "d-1"), "{}"), "X-GitHub-Event");
    }

    @Test
    void a_missing_delivery_header_is_malformed() {
        assertMalformed(request(Map.of("X-GitHub-Event", "push"), "{}"), "X-GitHub-Delivery");
    }

    @Test
    void a_blank_event_header_is_malformed() {
        assertMalformed(request(Map.of("X-GitHub-Event", " ", "X-GitHub-Delivery", "d-1"), "{}"), "X-GitHub-Event");
    }

    @Test
    void a_body_that_is_not_json_is_malformed() {
        assertMalformed(request(headers("push"), "this is not json"), "not valid JSON");
    }

    @Test
    void an_empty_body_is_malformed() {
        assertMalformed(request(headers("push"), ""), "body is empty");
    }

    @Test
    void a_json_array_is_malformed() {
        assertMalformed(request(headers("push"), "[{\"ref\":\"refs/heads/main\"}]"), "JSON object");
    }

    @Test
    void a_json_scalar_is_malformed() {
        assertMalformed(request(headers("push"), "\"push\""), "JSON object");
    }

    @Test
    void a_form_encoded_delivery_is_read_from_its_payload_field() {
        Fixture push = GithubFixtures.get("push/04.json");
        var form = "payload=" + URLEncoder.encode(push.bodyText(), StandardCharsets.UTF_8);
        var headers = new HashMap<>(headers("push"));
        headers.put("Content-Type", "application/x-www-form-urlencoded");

        Reception reception = connector.receive(request(headers, form));

        assertThat(reception)
                .isInstanceOfSatisfying(
                        Reception.Deliver.class,
                        d -> assertThat(d.payload().path("after").asString())
                                .isEqualTo("6113728f27ae82c7b1a177c8d03f9e96e0adf246"));
    }

    @Test
    void a_form_body_is_recognised_even_without_its_content_type() {
        var form = "payload=" + URLEncoder.encode("{\"zen\":\"Keep it logically awesome.\"}", StandardCharsets.UTF_8);

        assertThat(connector.receive(request(headers("ping"), form)))
                .isEqualTo(new Reception.Reply(200, "pong: Keep it logically awesome."));
    }

    @Test
    void a_form_without_a_payload_field_is_malformed() {
        var headers = new HashMap<>(headers("push"));
        headers.put("Content-Type", "application/x-www-form-urlencoded");

        assertMalformed(request(headers, "other=1"), "payload");
    }

    @Test
    void a_form_payload_that_is_not_json_is_malformed() {
        var headers = new HashMap<>(headers("push"));
        headers.put("Content-Type", "application/x-www-form-urlencoded");

        assertMalformed(request(headers, "payload=%5B1%5D"), "JSON object");
    }

    @Test
    void json_sent_with_a_form_content_type_is_read_as_json() {
        // curl -d labels its body as a form; the bytes are what was signed and they are JSON.
        var headers = new java.util.HashMap<>(headers("issues"));
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        var reception = connector.receive(request(headers, " {\"action\":\"opened\"}"));
        org.assertj.core.api.Assertions.assertThat(reception)
                .isInstanceOf(dev.lightfast.core.connector.Reception.Deliver.class);
    }
}
