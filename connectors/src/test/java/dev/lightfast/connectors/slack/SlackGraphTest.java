package dev.lightfast.connectors.slack;

import static dev.lightfast.connectors.StoredEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.MentionScanner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slack events, read back from the log, as graph facts: threads, decisions, identities. */
class SlackGraphTest {
    private static final String CH = "slack:channel/C07INCIDENT";
    private static final EntityRef PR = EntityRef.of("pull_request", "github:acme/shop/pull/42", "acme/shop#42");
    private static final EntityRef ISSUE = EntityRef.of("issue", "linear:ENG-123", "ENG-123");
    /** The projector's scanner as far as these texts need: a GitHub PR URL and Linear keys. */
    private static final MentionScanner SCANNER = text -> {
        List<EntityRef> found = new ArrayList<>();
        if (text.contains("https://github.com/acme/shop/pull/42")) {
            found.add(PR);
        }
        if (text.contains("ENG-123")) {
            found.add(ISSUE);
        }
        found.addAll(new SlackGraph().mentionsIn(text));
        return found;
    };

    private final SlackGraph graph = new SlackGraph();

    private List<GraphFact> facts(String story) {
        return graph.extract(stored(SlackNormalizeTest.story(story)), SCANNER);
    }

    private static List<String> relations(List<GraphFact> facts) {
        return facts.stream()
                .map(f -> switch (f) {
                    case GraphFact.Relates r -> r.type() + " " + r.from().key() + " -> " + r.to().key();
                    case GraphFact.Ends r -> "ends " + r.type() + " " + r.from().key() + " -> " + r.to().key();
                    default -> null;
                })
                .filter(s -> s != null)
                .toList();
    }

    @Test
    void a_thread_reply_links_its_thread_its_root_and_what_it_mentions() {
        String msg = CH + "/message/1773152820.000200";
        assertThat(relations(facts("message-thread-reply.json")))
                .containsExactlyInAnyOrder(
                        "authored slack:user/U01ANA -> " + msg,
                        "posted_in " + msg + " -> " + CH,
                        "belongs_to " + CH + "/thread/1773152700.000100 -> " + CH,
                        "started_with " + CH + "/thread/1773152700.000100 -> " + CH + "/message/1773152700.000100",
                        "in_thread " + msg + " -> " + CH + "/thread/1773152700.000100",
                        "mentions " + msg + " -> github:acme/shop/pull/42",
                        "mentions " + msg + " -> linear:ENG-123");
    }

    @Test
    void a_decision_in_words_is_an_entity_linked_to_what_it_is_about() {
        String decision = CH + "/decision/1773153000.000300";
        List<GraphFact> facts = facts("message-decision.json");
        assertThat(relations(facts))
                .contains(
                        "recorded_in " + decision + " -> " + CH + "/message/1773153000.000300",
                        "decided slack:user/U01ANA -> " + decision,
                        "belongs_to " + decision + " -> " + CH + "/thread/1773152700.000100",
                        "about " + decision + " -> linear:ENG-123");
        assertThat(facts).anySatisfy(f -> {
            assertThat(f).isInstanceOf(GraphFact.Describes.class);
            var d = (GraphFact.Describes) f;
            assertThat(d.entity().kind()).isEqualTo("decision");
            assertThat(d.entity().label()).startsWith("We decided to roll back shop");
            assertThat(d.attributes())
                    .containsEntry("phrase", "We decided")
                    .containsEntry("decided_at", "2026-03-10T14:30:00.000300Z");
        });
    }

    @Test
    void a_check_mark_on_a_proposal_makes_it_a_decision_approved_by_the_reactor_until_withdrawn() {
        String decision = CH + "/decision/1773152820.000200";
        assertThat(relations(facts("reaction-added-check.json")))
                .containsExactlyInAnyOrder(
                        "reacted_to slack:user/U02BO -> " + CH + "/message/1773152820.000200",
                        "recorded_in " + decision + " -> " + CH + "/message/1773152820.000200",
                        "approved slack:user/U02BO -> " + decision);
        assertThat(relations(facts("reaction-removed-check.json")))
                .containsExactly("ends approved slack:user/U02BO -> " + decision);
    }

    @Test
    void the_proposal_edited_into_a_decision_becomes_the_same_decision() {
        assertThat(relations(facts("message-changed.json")))
                .contains(
                        "recorded_in " + CH + "/decision/1773152820.000200 -> " + CH + "/message/1773152820.000200",
                        "about " + CH + "/decision/1773152820.000200 -> github:acme/shop/pull/42");
    }

    @Test
    void an_ordinary_message_is_no_decision() {
        assertThat(facts("message-posted.json"))
                .noneMatch(f ->
                        f instanceof GraphFact.Describes d && d.entity().kind().equals("decision"));
    }

    @Test
    void channel_membership_and_member_identity() {
        assertThat(relations(facts("member-joined-channel.json")))
                .containsExactly("member_of slack:user/U01ANA -> " + CH);
        List<GraphFact> join = facts("team-join.json");
        assertThat(join)
                .filteredOn(f -> f instanceof GraphFact.Identifies)
                .extracting(f -> ((GraphFact.Identifies) f).alias())
                .contains(new Alias("slack_user", "U01ANA"), Alias.email("ana@acme.dev"), Alias.name("Ana Lima"));
    }

    @Test
    void a_deleted_message_is_described_as_deleted() {
        assertThat(facts("message-deleted.json"))
                .anySatisfy(f -> assertThat(f)
                        .isEqualTo(new GraphFact.Describes(
                                EntityRef.of("message", CH + "/message/1773152950.000250", "message 1773152950.000250"),
                                java.util.Map.of("deleted", true),
                                java.time.Instant.parse("2026-03-10T14:32:00.000700Z"))));
    }

    @Test
    void slack_links_and_markup_are_mentions() {
        assertThat(graph.mentionsIn("see https://acme.slack.com/archives/C07INCIDENT/p1773153000000300?thread_ts=1 and"
                        + " <@U01ANA> in <#C07INCIDENT|incidents>"))
                .containsExactly(
                        EntityRef.of("message", CH + "/message/1773153000.000300", "message 1773153000.000300"),
                        EntityRef.of("person", "slack:user/U01ANA", "U01ANA"),
                        EntityRef.of("channel", CH, "#incidents"));
        assertThat(graph.mentionsIn("@ana in #incidents, https://slack.com/pricing"))
                .isEmpty();
    }
}
