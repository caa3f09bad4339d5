package dev.lightfast.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lightfast.core.connector.Reception;
import dev.lightfast.core.connector.WebhookRejected;
import dev.lightfast.core.connector.WebhookRequest;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Slack Events API deliveries → canonical events. */
class SlackNormalizeTest {
    private static final Instant RECEIVED = Instant.parse("2030-01-02T03:04:05Z");
    private static final String CH = "slack:channel/C07INCIDENT";

    private final SlackConnector connector = new SlackConnector();

    /** A story delivery received and normalized as the server would. */
    static EventDraft story(String name) {
        var connector = new SlackConnector();
        byte[] body = SlackFixtures.story(name);
        var d = (Reception.Deliver) connector.receive(new WebhookRequest(Map.of(), body));
        List<EventDraft> drafts = connector.normalize(d.deliveryKey(), d.eventName(), d.payload(), RECEIVED);
        assertThat(drafts).hasSize(1);
        return drafts.getFirst();
    }

    private static List<String> keys(EventDraft draft) {
        return draft.subjects().stream().map(EntityRef::key).toList();
    }

    @Test
    void every_sample_of_slacks_normalizes_to_one_event_without_error() {
        for (var sample : SlackFixtures.sdk()) {
            JsonNode body = Json.MAPPER.readTree(sample.body());
            String inner = body.path("event").path("type").stringValue();
            List<EventDraft> drafts = connector.normalize("Ev-" + sample.name(), inner, body, RECEIVED);
            assertThat(drafts).as(sample.name()).hasSize(1);
            EventDraft e = drafts.getFirst();
            assertThat(e.type()).as(sample.name()).startsWith("slack.");
            assertThat(e.title()).as(sample.name()).isNotBlank().doesNotContain("null");
            assertThat(e.idempotencyKey()).isEqualTo("Ev-" + sample.name());
            assertThat(e.attributes()).as(sample.name()).doesNotContainKey("normalize_error");
        }
    }

    @Test
    void the_samples_cover_messages_edits_deletes_reactions_channels_and_members() {
        var types = SlackFixtures.sdk().stream()
                .map(s -> {
                    JsonNode body = Json.MAPPER.readTree(s.body());
                    return connector
                            .normalize("k", body.path("event").path("type").stringValue(), body, RECEIVED)
                            .getFirst()
                            .type();
                })
                .toList();
        assertThat(types)
                .contains(
                        "slack.message.posted",
                        "slack.message.edited",
                        "slack.message.deleted",
                        "slack.message.channel_join",
                        "slack.reaction.added",
                        "slack.reaction.removed",
                        "slack.channel.created",
                        "slack.channel.renamed",
                        "slack.channel.archived",
                        "slack.channel.member_joined",
                        "slack.channel.member_left",
                        "slack.member.joined",
                        "slack.member.updated",
                        "slack.app_mention",
                        "slack.pin_added");
    }

    @Test
    void a_message_names_its_channel_author_and_link() {
        EventDraft e = story("message-posted.json");
        assertThat(e.type()).isEqualTo("slack.message.posted");
        assertThat(e.title())
                .isEqualTo(
                        "U02BO in C07INCIDENT: Checkout is timing out since the 14:20 deploy: SHOP-2K, deploy dpl 7xK2m9");
        assertThat(e.body()).contains("<https://sentry.io/organizations/acme/issues/4567890123/|SHOP-2K>");
        assertThat(e.url()).isEqualTo("https://slack.com/archives/C07INCIDENT/p1773152700000100");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-03-10T14:25:00.000100Z"));
        assertThat(e.idempotencyKey()).isEqualTo("Ev07A1INC001");
        assertThat(keys(e)).containsExactly(CH + "/message/1773152700.000100", CH, "slack:user/U02BO");
        assertThat(e.attributes()).doesNotContainKey("decision").doesNotContainKey("is_reply");
    }

    @Test
    void a_thread_reply_names_its_thread() {
        EventDraft e = story("message-thread-reply.json");
        assertThat(e.title()).startsWith("U01ANA in C07INCIDENT (thread): Looks like #42 (ENG-123)");
        assertThat(keys(e)).contains(CH + "/thread/1773152700.000100");
        assertThat(e.url())
                .isEqualTo(
                        "https://slack.com/archives/C07INCIDENT/p1773152820000200?thread_ts=1773152700.000100&cid=C07INCIDENT");
        assertThat(e.attributes()).containsEntry("is_reply", true).containsEntry("thread_ts", "1773152700.000100");
    }

    @Test
    void a_message_that_records_a_decision_says_so() {
        EventDraft e = story("message-decision.json");
        assertThat(e.attributes()).containsEntry("decision", true).containsEntry("decision_phrase", "We decided");
    }

    @Test
    void an_edit_is_a_new_event_about_the_same_message() {
        EventDraft e = story("message-changed.json");
        assertThat(e.type()).isEqualTo("slack.message.edited");
        assertThat(e.title()).startsWith("U01ANA in C07INCIDENT (thread) (edited): Looks like #42");
        assertThat(keys(e)).first().isEqualTo(CH + "/message/1773152820.000200");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-03-10T14:31:00Z"));
        assertThat(e.attributes())
                .containsEntry("decision_phrase", "Let's go with")
                .containsEntry(
                        "previous_text",
                        "Looks like <https://github.com/acme/shop/pull/42|#42> (ENG-123) changed the cart"
                                + " price lookup. Proposal: roll back to the previous deployment.");
    }

    @Test
    void a_deletion_is_a_new_event_that_does_not_repeat_the_text() {
        EventDraft e = story("message-deleted.json");
        assertThat(e.type()).isEqualTo("slack.message.deleted");
        assertThat(e.title()).isEqualTo("A message by U02BO in C07INCIDENT was deleted");
        assertThat(e.body()).isEmpty();
        assertThat(keys(e)).first().isEqualTo(CH + "/message/1773152950.000250");
        assertThat(e.actor()).isNull();
    }

    @Test
    void a_check_mark_approves_the_message_it_is_on() {
        EventDraft added = story("reaction-added-check.json");
        assertThat(added.type()).isEqualTo("slack.reaction.added");
        assertThat(added.title()).isEqualTo("U02BO reacted :white_check_mark: to a message by U01ANA in C07INCIDENT");
        assertThat(keys(added)).containsExactly(CH + "/message/1773152820.000200", CH, "slack:user/U01ANA");
        assertThat(added.attributes()).containsEntry("approves_decision", true);
        assertThat(story("reaction-removed-check.json").type()).isEqualTo("slack.reaction.removed");
    }

    @Test
    void channels_and_members() {
        assertThat(story("channel-created.json").title()).isEqualTo("U02BO created #incidents");
        assertThat(story("member-joined-channel.json").title())
                .isEqualTo("U01ANA joined C07INCIDENT (invited by U02BO)");
        EventDraft join = story("team-join.json");
        assertThat(join.title()).isEqualTo("ana joined the workspace");
        assertThat(join.attributes()).containsEntry("email", "ana@acme.dev").containsEntry("real_name", "Ana Lima");
    }

    @Test
    void other_events_and_envelopes_are_kept_raw() {
        assertThat(story("pin-added.json").type()).isEqualTo("slack.pin_added");
        assertThat(story("pin-added.json").title()).isEqualTo("Slack pin_added by U01ANA in C07INCIDENT");
        EventDraft limited = story("app-rate-limited.json");
        assertThat(limited.type()).isEqualTo("slack.app_rate_limited");
        assertThat(limited.idempotencyKey()).startsWith("app_rate_limited:").hasSize("app_rate_limited:".length() + 64);
    }

    @Test
    void url_verification_is_answered_with_its_challenge_and_not_kept() {
        var reply =
                connector.receive(new WebhookRequest(Map.of(), SlackFixtures.story(SlackFixtures.URL_VERIFICATION)));
        assertThat(reply).isEqualTo(new Reception.Reply(200, "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }

    @Test
    void decisions_are_phrases_that_state_a_choice_made() {
        assertThat(SlackDecisions.phraseIn("We decided to roll back")).isEqualTo("We decided");
        assertThat(SlackDecisions.phraseIn("ok, we’ve decided: Postgres")).isEqualTo("we've decided");
        assertThat(SlackDecisions.phraseIn("let's go with option B")).isEqualTo("let's go with");
        assertThat(SlackDecisions.phraseIn("Decision: ship Friday")).isEqualTo("Decision:");
        assertThat(SlackDecisions.phraseIn("we're going with the rollback")).isEqualTo("we're going with");
        assertThat(SlackDecisions.phraseIn("should we decide today?")).isNull();
        assertThat(SlackDecisions.phraseIn("let's decide tomorrow")).isNull();
        assertThat(SlackDecisions.phraseIn("they decided nothing")).isNull();
        assertThat(SlackDecisions.phraseIn(null)).isNull();
        assertThat(SlackDecisions.approves("white_check_mark")).isTrue();
        assertThat(SlackDecisions.approves("heavy_check_mark::skin-tone-3")).isTrue();
        assertThat(SlackDecisions.approves("+1")).isFalse();
    }

    @Test
    void what_is_not_an_events_api_delivery_is_malformed() {
        for (String body : List.of(
                "{\"type\":\"event_callback\",\"event\":{\"type\":\"message\"}}",
                "{\"type\":\"event_callback\",\"event_id\":\"Ev1\"}",
                "{\"type\":\"url_verification\"}",
                "{\"token\":\"x\"}",
                "payload=%7B%22type%22%3A%22block_actions%22%7D",
                "command=%2Fdeploy&text=now",
                "not json")) {
            assertThatThrownBy(() ->
                            connector.receive(new WebhookRequest(Map.of(), body.getBytes(StandardCharsets.UTF_8))))
                    .as(body)
                    .isInstanceOf(WebhookRejected.class)
                    .hasFieldOrPropertyWithValue("reason", WebhookRejected.Reason.MALFORMED)
                    .hasMessageContaining("Slack");
        }
    }
}
