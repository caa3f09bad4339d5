package dev.lightfast.connectors.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.json.Json;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Linear payloads → canonical events. */
class LinearNormalizeTest {
    private static final Instant RECEIVED = Instant.parse("2030-01-02T03:04:05Z");
    private static final String ANA = "linear:user/5f2c8a1e-0b7d-4c3e-9a61-2d4e8f1b7c90";
    private static final String BO = "linear:user/9b1d7e44-6a2f-4f0e-8c3d-71a5e2c9d013";

    private final LinearConnector connector = new LinearConnector();

    static ObjectNode payload(String name) {
        return (ObjectNode) Json.MAPPER.readTree(LinearFixtures.body(name));
    }

    private List<EventDraft> normalize(String name) {
        return connector.normalize("d-1", LinearFixtures.ALL.get(name), payload(name), RECEIVED);
    }

    private static List<String> keys(EventDraft draft) {
        return draft.subjects().stream().map(EntityRef::key).toList();
    }

    @Test
    void every_example_becomes_well_formed_events_keyed_by_its_delivery() {
        for (String name : LinearFixtures.names()) {
            List<EventDraft> drafts =
                    connector.normalize("d-" + name, LinearFixtures.ALL.get(name), payload(name), RECEIVED);
            assertThat(drafts).as(name).isNotEmpty();
            Set<String> seen = new HashSet<>();
            for (EventDraft d : drafts) {
                assertThat(d.source()).isEqualTo("linear");
                assertThat(d.type()).as(name).startsWith("linear.");
                assertThat(d.title()).as(name).isNotBlank().doesNotContain("null");
                assertThat(d.attributes()).as(name).doesNotContainKey("normalize_error");
                assertThat(d.occurredAt()).as(name + " has its own time").isNotEqualTo(RECEIVED);
                assertThat(seen.add(d.idempotencyKey()))
                        .as(name + " key " + d.idempotencyKey())
                        .isTrue();
                assertThat(d.idempotencyKey()).startsWith("d-" + name);
            }
            assertThat(drafts.getFirst().idempotencyKey()).isEqualTo("d-" + name);
        }
    }

    @Test
    void linears_own_comment_names_its_issue_from_the_url() {
        EventDraft comment = normalize(LinearFixtures.SDK_COMMENT).getFirst();
        assertThat(comment.type()).isEqualTo("linear.comment.created");
        assertThat(comment.title())
                .isEqualTo(
                        "Someone commented on LIN-1778: Indeed, I think this is definitely an improvement over the previous version.");
        assertThat(comment.body()).startsWith("Indeed, I think");
        assertThat(comment.url())
                .isEqualTo("https://linear.app/issue/LIN-1778/foo-bar#comment-77217de3-fb52-4dad-bb9a-b356beb93de8");
        assertThat(comment.occurredAt()).isEqualTo(Instant.parse("2020-01-23T12:53:18.084Z"));
        assertThat(keys(comment))
                .containsExactly("linear:LIN-1778", "linear:user/aacdca22-6266-4c0a-ab3c-8fa70a26765c");
        assertThat(comment.actor().key()).isEqualTo("linear:user/aacdca22-6266-4c0a-ab3c-8fa70a26765c");
        assertThat(comment.attributes())
                .containsEntry("comment_id", "2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9")
                .containsEntry("issue_identifier", "LIN-1778")
                .containsEntry("edited", false);
    }

    @Test
    void a_created_issue_carries_its_team_project_cycle_people_and_labels() {
        List<EventDraft> drafts = normalize("issue-create.json");
        assertThat(drafts).hasSize(1);
        EventDraft e = drafts.getFirst();
        assertThat(e.type()).isEqualTo("linear.issue.created");
        assertThat(e.title()).isEqualTo("Ana Lima created ENG-123: Checkout times out after the 1.4 deploy");
        assertThat(e.body()).contains("POST /checkout times out");
        assertThat(e.url()).isEqualTo("https://linear.app/acme/issue/ENG-123/checkout-times-out-after-the-14-deploy");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-03-03T09:12:44.120Z"));
        assertThat(e.actor()).isEqualTo(EntityRef.of("person", ANA, "Ana Lima"));
        assertThat(keys(e))
                .containsExactly(
                        "linear:ENG-123",
                        "linear:team/ENG",
                        "linear:project/a7e3f1c2-5d9b-4e60-8f21-c4b0d7e9a156",
                        "linear:cycle/c2d4e6f8-1a3b-4c5d-9e7f-0a2b4c6d8e01",
                        ANA,
                        "linear:label/d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6");
        assertThat(e.subjects().get(3).label()).isEqualTo("Cycle 12");
        assertThat(e.attributes())
                .containsEntry("identifier", "ENG-123")
                .containsEntry("state", "Todo")
                .containsEntry("state_type", "unstarted")
                .containsEntry("priority_label", "High")
                .containsEntry("estimate", 3L)
                .containsEntry("team_key", "ENG")
                .containsEntry("creator_email", "ana@acme.dev")
                .containsEntry("actor_email", "ana@acme.dev")
                .containsEntry("labels", List.of("bug"))
                .doesNotContainKey("assignee_id");
    }

    @Test
    void an_update_becomes_one_event_per_change_with_state_first() {
        List<EventDraft> drafts = normalize("issue-update-state-assignee.json");
        assertThat(drafts)
                .extracting(EventDraft::type)
                .containsExactly("linear.issue.state_changed", "linear.issue.assignee_changed");
        EventDraft state = drafts.get(0);
        assertThat(state.title())
                .isEqualTo("Bo Chen moved ENG-123 to In Progress: Checkout times out after the 1.4 deploy");
        assertThat(state.attributes())
                .containsEntry("from_state_id", "11111111-aaaa-4bbb-8ccc-000000000001")
                .containsEntry("to_state", "In Progress")
                .containsEntry("to_state_type", "started");
        assertThat(state.occurredAt()).isEqualTo(Instant.parse("2026-03-04T10:05:00Z"));
        assertThat(state.idempotencyKey()).isEqualTo("d-1");
        EventDraft assigned = drafts.get(1);
        assertThat(assigned.title())
                .isEqualTo("Bo Chen assigned ENG-123 to Bo Chen: Checkout times out after the 1.4 deploy");
        assertThat(assigned.idempotencyKey()).isEqualTo("d-1/assignee_changed");
        assertThat(assigned.attributes())
                .containsEntry("assignee_email", "bo@acme.dev")
                .doesNotContainKey("from_assignee_id");
        assertThat(keys(assigned)).contains(BO);
    }

    @Test
    void moving_to_done_with_a_new_priority_and_label() {
        List<EventDraft> drafts = normalize("issue-update-done.json");
        assertThat(drafts)
                .extracting(EventDraft::type)
                .containsExactly(
                        "linear.issue.state_changed", "linear.issue.priority_changed", "linear.issue.labels_changed");
        assertThat(drafts.get(0).title()).startsWith("Bo Chen moved ENG-123 to Done:");
        assertThat(drafts.get(0).attributes()).containsEntry("to_state_type", "completed");
        assertThat(drafts.get(1).title()).startsWith("Bo Chen changed the priority of ENG-123 from High to Urgent");
        assertThat(drafts.get(1).attributes())
                .containsEntry("from_priority", 2L)
                .containsEntry("priority", 1L);
        assertThat(drafts.get(2).title()).startsWith("Bo Chen labeled ENG-123 regression");
        assertThat(drafts.get(2).attributes())
                .containsEntry("added_label_ids", List.of("e2f3a4b5-c6d7-4e8f-90a1-b2c3d4e5f6a7"))
                .containsEntry("added_labels", List.of("regression"))
                .doesNotContainKey("removed_label_ids");
    }

    @Test
    void other_changes_are_one_updated_event_naming_the_fields() {
        List<EventDraft> drafts = normalize("issue-update-description.json");
        assertThat(drafts).hasSize(1);
        assertThat(drafts.getFirst().type()).isEqualTo("linear.issue.updated");
        assertThat(drafts.getFirst().title())
                .isEqualTo("Ana Lima updated ENG-123 (description): Checkout times out after the 1.4 deploy");
        assertThat(drafts.getFirst().attributes()).containsEntry("changed", List.of("description"));
    }

    @Test
    void the_previous_state_is_named_when_the_payload_names_it() {
        ObjectNode p = payload("issue-update-state-assignee.json");
        ((ObjectNode) p.path("updatedFrom")).putObject("state").put("name", "Todo");
        EventDraft state = connector.normalize("d", "Issue", p, RECEIVED).getFirst();
        assertThat(state.title()).startsWith("Bo Chen moved ENG-123 from Todo to In Progress");
    }

    @Test
    void unassigning_names_the_previous_assignee_as_a_subject() {
        ObjectNode p = payload("issue-update-state-assignee.json");
        ObjectNode from = (ObjectNode) p.path("updatedFrom");
        from.removeAll();
        from.put("assigneeId", "9b1d7e44-6a2f-4f0e-8c3d-71a5e2c9d013");
        ((ObjectNode) p.path("data")).putNull("assignee").putNull("assigneeId");
        EventDraft e = connector.normalize("d", "Issue", p, RECEIVED).getFirst();
        assertThat(e.type()).isEqualTo("linear.issue.assignee_changed");
        assertThat(e.title()).startsWith("Bo Chen unassigned ENG-123");
        assertThat(e.attributes()).containsEntry("from_assignee_id", "9b1d7e44-6a2f-4f0e-8c3d-71a5e2c9d013");
        assertThat(keys(e)).contains(BO);
    }

    @Test
    void a_removed_issue() {
        EventDraft e = normalize("issue-remove.json").getFirst();
        assertThat(e.type()).isEqualTo("linear.issue.removed");
        assertThat(e.title()).isEqualTo("Ana Lima removed ENG-123: Checkout times out after the 1.4 deploy");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-04-20T08:00:00Z"));
    }

    @Test
    void a_comment_with_its_issue_and_author() {
        EventDraft e = normalize("comment-create.json").getFirst();
        assertThat(e.title())
                .isEqualTo("Bo Chen commented on ENG-123: Fix is up in https://github.com/acme/shop/pull/42,"
                        + " deploying to production after review.");
        assertThat(keys(e)).containsExactly("linear:ENG-123", BO);
        assertThat(e.attributes())
                .containsEntry("author_email", "bo@acme.dev")
                .containsEntry("issue_title", "Checkout times out after the 1.4 deploy");
    }

    @Test
    void a_project_status_and_target_date_change() {
        List<EventDraft> drafts = normalize("project-update-status.json");
        assertThat(drafts)
                .extracting(EventDraft::type)
                .containsExactly("linear.project.status_changed", "linear.project.target_date_changed");
        assertThat(drafts.get(0).title()).isEqualTo("Ana Lima moved project Checkout reliability to In Progress");
        assertThat(drafts.get(1).title())
                .isEqualTo("Ana Lima set the target date of project Checkout reliability to 2026-03-20");
        assertThat(keys(drafts.get(0))).containsExactly("linear:project/a7e3f1c2-5d9b-4e60-8f21-c4b0d7e9a156", ANA);
        assertThat(drafts.get(0).attributes()).containsEntry("lead_email", "ana@acme.dev");
    }

    @Test
    void a_cycle_that_ends_is_completed() {
        EventDraft e = normalize("cycle-update-completed.json").getFirst();
        assertThat(e.type()).isEqualTo("linear.cycle.completed");
        assertThat(e.title()).isEqualTo("Someone completed Cycle 12 (2026-03-02 – 2026-03-16)");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-03-16T00:00:05Z"));
        assertThat(e.actor()).isNull();
    }

    @Test
    void a_label() {
        EventDraft e = normalize("issuelabel-create.json").getFirst();
        assertThat(e.type()).isEqualTo("linear.issue_label.created");
        assertThat(e.title()).isEqualTo("Bo Chen created label \"regression\"");
        assertThat(keys(e)).containsExactly("linear:label/e2f3a4b5-c6d7-4e8f-90a1-b2c3d4e5f6a7");
    }

    @Test
    void an_unknown_type_is_kept_as_a_raw_event() {
        EventDraft e = normalize("reaction-create.json").getFirst();
        assertThat(e.type()).isEqualTo("linear.reaction.created");
        assertThat(e.title()).isEqualTo("Linear Reaction created");
        assertThat(e.attributes()).containsEntry("linear_type", "Reaction").doesNotContainKey("normalize_error");
    }

    @Test
    void a_payload_a_normalizer_cannot_read_is_kept_raw_with_the_reason() {
        ObjectNode p = payload("issue-create.json");
        p.put("data", "not an object");
        EventDraft e = connector.normalize("d", "Issue", p, RECEIVED).getFirst();
        assertThat(e.type()).startsWith("linear.issue.");
        assertThat(e.title()).isNotBlank();
    }

    @Test
    void raw_never_fails_on_any_object() {
        for (JsonNode p : List.of(
                Json.MAPPER.readTree("{}"),
                Json.MAPPER.readTree("{\"type\":3,\"data\":[1]}"),
                Json.MAPPER.readTree("{\"type\":\"Weird Type!\",\"action\":\"zap\"}"))) {
            EventDraft e = connector.raw("k", null, p, RECEIVED);
            assertThat(e.type()).startsWith("linear.");
            assertThat(e.occurredAt()).isEqualTo(RECEIVED);
        }
        assertThat(connector
                        .raw("k", null, Json.MAPPER.readTree("{\"type\":\"Weird Type!\",\"action\":\"zap\"}"), RECEIVED)
                        .type())
                .isEqualTo("linear.weird_type_.zap");
    }
}
