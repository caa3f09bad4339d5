package dev.lightfast.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each tool's signature, checked against the vendors' published test vectors where they exist
 * (GitHub, Slack) and against independently computed ones where they do not (Linear, Sentry and
 * Vercel have none; the values below were computed with Python's hmac over the same inputs).
 */
class WebhookSignerTest {
    /** GitHub's documented example: docs.github.com, "Validating webhook deliveries". */
    private static final String GITHUB_SECRET = "It's a Secret to Everybody";

    private static final byte[] GITHUB_BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String GITHUB_HMAC_SHA256 = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    /** Slack's documented example: docs.slack.dev, "Verifying requests from Slack" (also java-slack-sdk). */
    private static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    private static final String SLACK_TIMESTAMP = "1531420618";
    private static final String SLACK_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
            + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRs"
            + "kXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static final Instant NOW = Instant.parse("2026-11-20T17:30:05.123Z");

    @Test
    void github_signs_like_githubs_documented_example() {
        assertThat(GithubSigner.signature(GITHUB_SECRET, GITHUB_BODY)).isEqualTo("sha256=" + GITHUB_HMAC_SHA256);
    }

    @Test
    void slack_signs_like_slacks_documented_example() {
        assertThat(SlackSigner.signature(SLACK_SECRET, SLACK_TIMESTAMP, SLACK_BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    @Test
    void linear_and_sentry_sign_with_bare_hex_hmac_sha256() {
        assertThat(LinearSigner.signature(GITHUB_SECRET, GITHUB_BODY)).isEqualTo(GITHUB_HMAC_SHA256);
        assertThat(SentrySigner.signature(GITHUB_SECRET, GITHUB_BODY)).isEqualTo(GITHUB_HMAC_SHA256);
    }

    @Test
    void vercel_signs_with_hex_hmac_sha1() {
        assertThat(VercelSigner.signature(GITHUB_SECRET, GITHUB_BODY))
                .isEqualTo("01dc10d0c83e72ed246219cdd91669667fe2ca59");
    }

    @Test
    void linear_puts_the_sending_time_into_the_body_before_signing_and_leaves_the_recording_alone() {
        var recorded = delivery(
                "linear",
                Map.of("Linear-Delivery", "d-1", "Linear-Event", "Issue"),
                "{\"action\":\"update\",\"data\":{\"id\":\"x\",\"assignee\":null},\"webhookTimestamp\":1}");
        SignedDelivery signed = new LinearSigner().sign(recorded, "s3cret", NOW);
        var sent = (ObjectNode) RecordedDelivery.MAPPER.readTree(signed.body());
        assertThat(sent.path("webhookTimestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(sent.path("data").has("assignee"))
                .as("nulls are sent as the tool sends them")
                .isTrue();
        assertThat(signed.headers())
                .containsEntry("Linear-Signature", LinearSigner.signature("s3cret", signed.body()))
                .containsEntry("Linear-Delivery", "d-1");
        assertThat(recorded.body().path("webhookTimestamp").asLong()).isEqualTo(1);
    }

    @Test
    void sentry_and_slack_send_the_current_time_in_seconds() {
        var sentry = new SentrySigner()
                .sign(delivery("sentry", Map.of("Request-ID", "r-1"), "{\"action\":\"created\"}"), "s3cret", NOW);
        assertThat(sentry.headers())
                .containsEntry("Sentry-Hook-Timestamp", "1795195805")
                .containsEntry("Sentry-Hook-Signature", SentrySigner.signature("s3cret", sentry.body()));
        var slack = new SlackSigner().sign(delivery("slack", Map.of(), "{\"type\":\"event_callback\"}"), "s3cret", NOW);
        assertThat(slack.headers())
                .containsEntry("X-Slack-Request-Timestamp", "1795195805")
                .containsEntry("X-Slack-Signature", SlackSigner.signature("s3cret", "1795195805", slack.body()));
    }

    @Test
    void github_and_vercel_sign_the_recorded_body_unchanged() {
        String json = "{\"id\":\"evt\",\"payload\":{\"target\":null}}";
        var vercel = new VercelSigner().sign(delivery("vercel", Map.of(), json), "s3cret", NOW);
        assertThat(new String(vercel.body(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(vercel.headers())
                .containsEntry("x-vercel-signature", VercelSigner.signature("s3cret", vercel.body()));
        var github = new GithubSigner().sign(delivery("github", Map.of("X-GitHub-Event", "push"), json), "s3cret", NOW);
        assertThat(new String(github.body(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(github.headers())
                .containsEntry("X-GitHub-Event", "push")
                .containsEntry("X-Hub-Signature-256", GithubSigner.signature("s3cret", github.body()));
    }

    @Test
    void every_provider_of_the_bundled_history_has_a_signer() throws Exception {
        assertThat(RecordedDelivery.bundled().stream()
                        .map(RecordedDelivery::provider)
                        .distinct())
                .containsExactlyInAnyOrder("github", "linear", "sentry", "vercel", "slack")
                .allSatisfy(p -> assertThat(WebhookSigner.of(p)).isPresent());
    }

    private static RecordedDelivery delivery(String provider, Map<String, String> headers, String json) {
        return new RecordedDelivery(
                "test.json", provider, headers, (ObjectNode) RecordedDelivery.MAPPER.readTree(json));
    }
}
