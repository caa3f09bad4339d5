package dev.lightfast.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookIngressTest {
    @Test
    void takes_only_plain_two_segment_webhook_paths_and_leaves_the_rest_to_the_router() {
        assertThat(WebhookIngress.segments("/webhooks/github/con_01abc")).isEqualTo("/webhooks/github".length());
        assertThat(WebhookIngress.segments("/webhooks/linear/con-1.x")).isEqualTo("/webhooks/linear".length());
        for (String other : new String[] {
            "/webhooks/github",
            "/webhooks/github/",
            "/webhooks//con_1",
            "/webhooks/github/con_1/extra",
            "/webhooks/github/con%201",
            "/webhooks/git hub/con_1",
            "/webhooks/github/cön",
            "/v1/events",
            "/webhooksx/github/con_1",
            "",
            null
        }) {
            assertThat(WebhookIngress.segments(other)).as(String.valueOf(other)).isEqualTo(-1);
        }
    }
}
