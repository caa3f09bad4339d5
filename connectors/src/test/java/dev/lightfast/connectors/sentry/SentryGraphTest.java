package dev.lightfast.connectors.sentry;

import static dev.lightfast.connectors.StoredEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.MentionScanner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sentry events, read back from the log, as graph facts. */
class SentryGraphTest {
    private static final String SHA = SentryNormalizeTest.SHA;
    private final SentryGraph graph = new SentryGraph();

    private List<GraphFact> facts(String example) {
        return graph.extract(stored(SentryNormalizeTest.normalize(example).getFirst()), graph::mentionsIn);
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
    void an_error_links_the_incident_to_its_release_the_commit_and_the_environment() {
        assertThat(relations(facts("error-created.json")))
                .containsExactlyInAnyOrder(
                        "belongs_to sentry:issue/4567890123 -> sentry:project/shop",
                        "seen_in sentry:issue/4567890123 -> sentry:release/" + SHA,
                        "occurred_in sentry:issue/4567890123 -> sentry:environment/production",
                        "built_from sentry:release/" + SHA + " -> git:" + SHA,
                        "belongs_to sentry:release/" + SHA + " -> sentry:project/shop");
        assertThat(relations(facts("event-alert-triggered.json")))
                .contains("built_from sentry:release/" + SHA + " -> git:" + SHA);
    }

    @Test
    void an_assignment_and_the_assignee_s_identity() {
        List<GraphFact> facts = facts("issue-assigned.json");
        assertThat(relations(facts))
                .contains(
                        "assigned_to sentry:issue/4567890123 -> sentry:user/2345",
                        "belongs_to sentry:issue/4567890123 -> sentry:project/shop");
        assertThat(facts)
                .filteredOn(f -> f instanceof GraphFact.Identifies)
                .extracting(f -> ((GraphFact.Identifies) f).alias())
                .contains(
                        new Alias("sentry_user", "2345"), Alias.email("bo@acme.dev"), new Alias("sentry_user", "1234"));
    }

    @Test
    void a_resolution_in_a_commit_is_resolved_by_it() {
        assertThat(relations(facts("issue-resolved-in-commit.json")))
                .contains("resolved_by sentry:issue/4567890123 -> git:4e1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c");
        assertThat(relations(facts("issue-created.json"))).noneMatch(r -> r.startsWith("resolved"));
    }

    @Test
    void the_incident_state_is_described() {
        assertThat(facts("issue-archived.json")).anySatisfy(f -> {
            assertThat(f).isInstanceOf(GraphFact.Describes.class);
            var d = (GraphFact.Describes) f;
            assertThat(d.entity().key()).isEqualTo("sentry:issue/4567890123");
            assertThat(d.attributes()).containsEntry("status", "ignored").containsEntry("short_id", "SHOP-2K");
        });
    }

    @Test
    void a_metric_alert_is_triggered_by_its_rule_and_affects_its_services() {
        assertThat(relations(facts("metric-alert-critical.json")))
                .containsExactlyInAnyOrder(
                        "triggered_by sentry:metric_alert/903 -> sentry:alert_rule/77",
                        "occurred_in sentry:metric_alert/903 -> sentry:environment/production",
                        "affects sentry:metric_alert/903 -> sentry:project/shop");
    }

    @Test
    void a_comment_is_by_its_author_on_the_incident() {
        assertThat(relations(facts("mock:comment.created")))
                .containsExactly("commented_on sentry:user/123 -> sentry:issue/123");
    }

    @Test
    void sentry_issue_urls_are_recognised_in_any_text() {
        MentionScanner scan = graph::mentionsIn;
        assertThat(
                        scan.scan(
                                "See https://sentry.io/organizations/acme/issues/4567890123/ and https://acme.sentry.io/issues/42/?project=6"))
                .containsExactly(
                        EntityRef.of("incident", "sentry:issue/4567890123", "4567890123"),
                        EntityRef.of("incident", "sentry:issue/42", "42"));
        assertThat(scan.scan("SHOP-2K, https://sentry.io/pricing/, https://example.com/issues/7"))
                .isEmpty();
    }
}
