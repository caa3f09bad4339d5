package dev.lightfast.connectors.linear;

import static dev.lightfast.connectors.StoredEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.MentionScanner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Linear events, read back from the log, as graph facts. */
class LinearGraphTest {
    private static final EntityRef ISSUE = EntityRef.of("issue", "linear:ENG-123", "ENG-123");
    private static final EntityRef ANA =
            EntityRef.of("person", "linear:user/5f2c8a1e-0b7d-4c3e-9a61-2d4e8f1b7c90", "Ana Lima");
    private static final EntityRef BO =
            EntityRef.of("person", "linear:user/9b1d7e44-6a2f-4f0e-8c3d-71a5e2c9d013", "Bo Chen");
    private static final EntityRef PR = EntityRef.of("pull_request", "github:acme/shop/pull/42", "acme/shop#42");
    /** What the projector's scanner would find: a GitHub PR URL, and Linear's own keys. */
    private static final MentionScanner SCANNER = text -> {
        List<EntityRef> found = new ArrayList<>();
        if (text.contains("https://github.com/acme/shop/pull/42")) {
            found.add(PR);
        }
        found.addAll(LinearMentions.in(text));
        return found;
    };

    private final LinearConnector connector = new LinearConnector();
    private final LinearGraph graph = new LinearGraph();

    private List<Event> events(String fixture) {
        return connector
                .normalize(
                        "d-1",
                        LinearFixtures.ALL.get(fixture),
                        LinearNormalizeTest.payload(fixture),
                        java.time.Instant.EPOCH)
                .stream()
                .map(d -> stored(d))
                .toList();
    }

    private List<GraphFact> facts(Event e) {
        return graph.extract(e, SCANNER);
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

    private static List<GraphFact.Identifies> identities(List<GraphFact> facts) {
        return facts.stream()
                .filter(f -> f instanceof GraphFact.Identifies)
                .map(f -> (GraphFact.Identifies) f)
                .toList();
    }

    @Test
    void a_created_issue_belongs_to_its_team_project_and_cycle_and_its_creator_authored_it() {
        Event created = events("issue-create.json").getFirst();
        List<GraphFact> facts = facts(created);
        assertThat(relations(facts))
                .containsExactlyInAnyOrder(
                        "belongs_to linear:ENG-123 -> linear:team/ENG",
                        "belongs_to linear:ENG-123 -> linear:project/a7e3f1c2-5d9b-4e60-8f21-c4b0d7e9a156",
                        "belongs_to linear:ENG-123 -> linear:cycle/c2d4e6f8-1a3b-4c5d-9e7f-0a2b4c6d8e01",
                        "authored " + ANA.key() + " -> linear:ENG-123",
                        "labeled linear:ENG-123 -> linear:label/d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6");
        assertThat(facts)
                .contains(new GraphFact.Describes(
                        ISSUE,
                        java.util.Map.of(
                                "title",
                                "Checkout times out after the 1.4 deploy",
                                "state",
                                "Todo",
                                "state_type",
                                "unstarted",
                                "priority",
                                "High",
                                "estimate",
                                3,
                                "due_date",
                                "2026-03-13"),
                        created.occurredAt()));
        assertThat(facts).allSatisfy(f -> {
            if (f instanceof GraphFact.Relates r) {
                assertThat(r.at()).isEqualTo(created.occurredAt());
            }
        });
    }

    @Test
    void people_are_identified_by_linear_id_and_email_never_joined_on_name() {
        List<GraphFact.Identifies> ids =
                identities(facts(events("issue-create.json").getFirst()));
        assertThat(ids)
                .extracting(GraphFact.Identifies::alias)
                .contains(
                        new Alias("linear_user", "5f2c8a1e-0b7d-4c3e-9a61-2d4e8f1b7c90"),
                        Alias.email("ana@acme.dev"),
                        Alias.name("Ana Lima"));
        assertThat(ids).allSatisfy(i -> assertThat(i.person()).isEqualTo(ANA));
        assertThat(ids)
                .filteredOn(i -> !i.alias().joins())
                .extracting(i -> i.alias().kind())
                .containsOnly("name");
        assertThat(ids).allSatisfy(i -> assertThat(i.evidence()).contains("Linear"));
    }

    @Test
    void a_state_change_describes_the_new_state_and_an_assignment_adds_the_edge() {
        List<Event> events = events("issue-update-state-assignee.json");
        List<GraphFact> state = facts(events.get(0));
        assertThat(state).anySatisfy(f -> {
            assertThat(f).isInstanceOf(GraphFact.Describes.class);
            var d = (GraphFact.Describes) f;
            assertThat(d.entity()).isEqualTo(ISSUE);
            assertThat(d.attributes()).containsEntry("state", "In Progress").containsEntry("state_type", "started");
        });
        assertThat(relations(facts(events.get(1))))
                .contains("assigned_to linear:ENG-123 -> " + BO.key())
                .noneMatch(r -> r.startsWith("ends"));
    }

    @Test
    void unassigning_ends_the_old_edge_and_removing_a_label_ends_it_too() {
        var p = LinearNormalizeTest.payload("issue-update-done.json");
        var from = (tools.jackson.databind.node.ObjectNode) p.path("updatedFrom");
        from.removeAll();
        from.put("assigneeId", "9b1d7e44-6a2f-4f0e-8c3d-71a5e2c9d013");
        from.putArray("labelIds").add("d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6").add("0000-gone");
        var data = (tools.jackson.databind.node.ObjectNode) p.path("data");
        data.putNull("assignee");
        data.putNull("assigneeId");
        List<Event> events = connector.normalize("d", "Issue", p, java.time.Instant.EPOCH).stream()
                .map(d -> stored(d))
                .toList();
        assertThat(events)
                .extracting(Event::type)
                .containsExactly("linear.issue.assignee_changed", "linear.issue.labels_changed");
        assertThat(relations(facts(events.get(0))))
                .contains("ends assigned_to linear:ENG-123 -> " + BO.key())
                .noneMatch(r -> r.startsWith("assigned_to"));
        assertThat(relations(facts(events.get(1))))
                .contains("ends labeled linear:ENG-123 -> linear:label/0000-gone")
                .doesNotContain("ends labeled linear:ENG-123 -> linear:label/d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6");
    }

    @Test
    void a_comment_links_its_author_and_what_it_mentions_to_the_issue() {
        List<GraphFact> facts = facts(events("comment-create.json").getFirst());
        assertThat(relations(facts))
                .contains(
                        "commented_on " + BO.key() + " -> linear:ENG-123",
                        "mentions linear:ENG-123 -> github:acme/shop/pull/42");
        assertThat(identities(facts)).extracting(GraphFact.Identifies::alias).contains(Alias.email("bo@acme.dev"));
    }

    @Test
    void an_issue_description_mentions_what_it_links() {
        var p = LinearNormalizeTest.payload("issue-create.json");
        ((tools.jackson.databind.node.ObjectNode) p.path("data"))
                .put("description", "Caused by https://github.com/acme/shop/pull/42, see also OPS-7");
        Event e = stored(
                connector.normalize("d", "Issue", p, java.time.Instant.EPOCH).getFirst());
        assertThat(relations(facts(e)))
                .contains(
                        "mentions linear:ENG-123 -> github:acme/shop/pull/42",
                        "mentions linear:ENG-123 -> linear:OPS-7")
                .doesNotContain("mentions linear:ENG-123 -> linear:ENG-123");
    }

    @Test
    void a_project_is_led_and_a_cycle_and_a_label_are_described() {
        assertThat(relations(facts(events("project-update-status.json").getFirst())))
                .containsExactly("leads " + ANA.key() + " -> linear:project/a7e3f1c2-5d9b-4e60-8f21-c4b0d7e9a156");
        assertThat(facts(events("cycle-update-completed.json").getFirst()))
                .anySatisfy(f -> assertThat(f)
                        .isEqualTo(new GraphFact.Describes(
                                EntityRef.of("cycle", "linear:cycle/c2d4e6f8-1a3b-4c5d-9e7f-0a2b4c6d8e01", "Cycle 12"),
                                java.util.Map.of(
                                        "number",
                                        12L,
                                        "starts_at",
                                        "2026-03-02T00:00:00.000Z",
                                        "ends_at",
                                        "2026-03-16T00:00:00.000Z",
                                        "completed_at",
                                        "2026-03-16T00:00:05.000Z"),
                                java.time.Instant.parse("2026-03-16T00:00:05Z"))));
        assertThat(facts(events("issuelabel-create.json").getFirst())).hasSizeGreaterThan(0);
    }

    @Test
    void a_raw_event_describes_its_subjects() {
        List<GraphFact> facts = facts(events(LinearFixtures.SDK_COMMENT).getFirst());
        assertThat(relations(facts))
                .contains("commented_on linear:user/aacdca22-6266-4c0a-ab3c-8fa70a26765c -> linear:LIN-1778");
        List<GraphFact> raw = facts(events("reaction-create.json").getFirst());
        assertThat(identities(raw)).extracting(GraphFact.Identifies::alias).contains(Alias.email("ana@acme.dev"));
    }
}
