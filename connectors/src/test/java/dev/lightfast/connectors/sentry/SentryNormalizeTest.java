package dev.lightfast.connectors.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sentry payloads → canonical events. */
class SentryNormalizeTest {
    private static final Instant RECEIVED = Instant.parse("2030-01-02T03:04:05Z");
    static final String SHA = "9f2d1c7e5b3a4f60818a2b3c4d5e6f708192a3b4";

    private final SentryConnector connector = new SentryConnector();

    static List<EventDraft> normalize(String name) {
        var e = SentryFixtures.get(name);
        return new SentryConnector().normalize("req-1", e.resource(), Json.MAPPER.readTree(e.body()), RECEIVED);
    }

    private static EventDraft single(String name) {
        List<EventDraft> drafts = normalize(name);
        assertThat(drafts).hasSize(1);
        return drafts.getFirst();
    }

    private static List<String> keys(EventDraft draft) {
        return draft.subjects().stream().map(EntityRef::key).toList();
    }

    @Test
    void every_example_becomes_one_well_formed_event_keyed_by_the_request_id() {
        for (var e : SentryFixtures.all()) {
            List<EventDraft> drafts =
                    connector.normalize("req-" + e.name(), e.resource(), Json.MAPPER.readTree(e.body()), RECEIVED);
            assertThat(drafts).as(e.name()).hasSize(1);
            EventDraft d = drafts.getFirst();
            assertThat(d.source()).isEqualTo("sentry");
            assertThat(d.type()).as(e.name()).startsWith("sentry." + e.resource() + ".");
            assertThat(d.title()).as(e.name()).isNotBlank().doesNotContain("null");
            assertThat(d.idempotencyKey()).isEqualTo("req-" + e.name());
            assertThat(d.attributes()).as(e.name()).doesNotContainKey("normalize_error");
        }
    }

    @Test
    void sentrys_own_mocks_map_onto_the_canonical_types() {
        assertThat(SentryFixtures.mocks())
                .extracting(e -> normalize(e.name()).getFirst().type())
                .containsExactly(
                        "sentry.installation.deleted",
                        "sentry.installation.created",
                        "sentry.issue.assigned",
                        "sentry.issue.created",
                        "sentry.issue.ignored",
                        "sentry.issue.resolved",
                        "sentry.comment.created",
                        "sentry.comment.updated",
                        "sentry.comment.deleted",
                        "sentry.event_alert.triggered",
                        "sentry.event_alert.triggered",
                        "sentry.metric_alert.resolved",
                        "sentry.metric_alert.warning",
                        "sentry.metric_alert.warning",
                        "sentry.metric_alert.critical",
                        "sentry.metric_alert.critical");
    }

    @Test
    void an_issue_from_the_mocks_with_its_assignee_and_project() {
        EventDraft e = single("mock:issue.assigned");
        assertThat(e.title()).isEqualTo("Sentry assigned IPE-1 in ipe to Person: Error #1: This is a test error!");
        assertThat(keys(e)).containsExactly("sentry:issue/123", "sentry:project/ipe", "sentry:user/789");
        assertThat(e.url()).isEqualTo("https://sentry.io/organizations/example/issues/123/");
        assertThat(e.attributes())
                .containsEntry("assignee_email", "person@example.com")
                .containsEntry("organization", "example")
                .containsEntry("count", 1L);
    }

    @Test
    void a_new_issue_occurred_when_first_seen() {
        EventDraft e = single("issue-created.json");
        assertThat(e.type()).isEqualTo("sentry.issue.created");
        assertThat(e.title())
                .isEqualTo(
                        "New Sentry issue SHOP-2K in shop: TimeoutError: checkout exceeded 30s waiting for /api/cart/price");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-03-10T14:22:31Z"));
        assertThat(e.url()).isEqualTo("https://acme.sentry.io/issues/4567890123/");
        assertThat(e.actor()).isNull();
        assertThat(e.subjects().getFirst()).isEqualTo(EntityRef.of("incident", "sentry:issue/4567890123", "SHOP-2K"));
    }

    @Test
    void archived_is_ignored_by_its_newer_name() {
        EventDraft e = single("issue-archived.json");
        assertThat(e.type()).isEqualTo("sentry.issue.ignored");
        assertThat(e.title()).startsWith("Bo Chen ignored SHOP-2K in shop:");
        assertThat(e.attributes())
                .containsEntry("sentry_action", "archived")
                .containsEntry("substatus", "archived_until_escalating");
        assertThat(e.actor()).isEqualTo(EntityRef.of("person", "sentry:user/2345", "Bo Chen"));
    }

    @Test
    void a_resolution_in_a_commit_names_the_commit() {
        EventDraft e = single("issue-resolved-in-commit.json");
        assertThat(e.title()).startsWith("Bo Chen resolved SHOP-2K in shop in commit 4e1a2b3:");
        assertThat(keys(e)).contains("git:4e1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c");
        assertThat(e.occurredAt()).isEqualTo(RECEIVED);
    }

    @Test
    void an_error_names_its_incident_release_commit_and_environment() {
        EventDraft e = single("error-created.json");
        assertThat(e.type()).isEqualTo("sentry.error.created");
        assertThat(e.title())
                .isEqualTo(
                        "Error in shop (production): TimeoutError: checkout exceeded 30s waiting for /api/cart/price");
        assertThat(keys(e))
                .containsExactly(
                        "sentry:issue/4567890123",
                        "sentry:project/shop",
                        "sentry:release/" + SHA,
                        "git:" + SHA,
                        "sentry:environment/production");
        assertThat(e.subjects().get(2).label()).isEqualTo("9f2d1c7e5b3a");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-03-10T14:22:31Z"));
        assertThat(e.url()).startsWith("https://sentry.io/organizations/acme/issues/4567890123/events/");
        assertThat(e.attributes())
                .containsEntry("release_commit", SHA)
                .containsEntry("organization", "acme")
                .doesNotContainKey("user_id");
    }

    @Test
    void an_issue_alert_names_its_rule() {
        EventDraft e = single("event-alert-triggered.json");
        assertThat(e.title())
                .startsWith("Alert \"New issue in production\" triggered in shop (production): TimeoutError");
        assertThat(keys(e)).contains("git:" + SHA);
        assertThat(single("mock:event_alert.triggered:with_alert_rule_action").title())
                .isEqualTo("Alert \"issue alert\" triggered (production): Error #1: This is a test error!");
    }

    @Test
    void a_metric_alert_is_an_incident_of_its_own() {
        EventDraft e = single("metric-alert-critical.json");
        assertThat(e.type()).isEqualTo("sentry.metric_alert.critical");
        assertThat(e.title()).isEqualTo("Critical: Checkout errors (shop)");
        assertThat(e.body()).startsWith("412 events in the last 10 minutes");
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-03-10T14:30:00Z"));
        assertThat(keys(e))
                .containsExactly(
                        "sentry:metric_alert/903",
                        "sentry:alert_rule/77",
                        "sentry:environment/production",
                        "sentry:project/shop");
        assertThat(single("mock:metric_alert.resolved").title()).isEqualTo("Metric alert \"metric alert\" is resolved");
    }

    @Test
    void a_comment_quotes_itself() {
        EventDraft e = single("mock:comment.created");
        assertThat(e.title()).isEqualTo("name commented on Sentry issue 123: this is a test comment");
        assertThat(e.actor()).isEqualTo(EntityRef.of("person", "sentry:user/123", "name"));
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
    }

    @Test
    void unknown_resources_and_installations_are_kept_raw() {
        assertThat(single("mock:installation.created").title()).isEqualTo("Sentry installation created for example");
        EventDraft seer = connector
                .normalize(
                        "r",
                        "seer",
                        Json.MAPPER.readTree("{\"action\":\"root_cause_completed\",\"data\":{}}"),
                        RECEIVED)
                .getFirst();
        assertThat(seer.type()).isEqualTo("sentry.seer.root_cause_completed");
        assertThat(connector
                        .raw("r", null, Json.MAPPER.readTree("{}"), RECEIVED)
                        .type())
                .isEqualTo("sentry.unknown.received");
    }

    @Test
    void release_versions_name_commits_only_when_they_are_full_shas() {
        assertThat(SentryEntities.commitSha(SHA)).isEqualTo(SHA);
        assertThat(SentryEntities.commitSha("shop@" + SHA.toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo(SHA);
        assertThat(SentryEntities.commitSha("shop@1.4.0")).isNull();
        assertThat(SentryEntities.commitSha(SHA.substring(0, 12))).isNull();
        assertThat(SentryEntities.release("shop@" + SHA).label()).isEqualTo("shop@9f2d1c7e5b3a");
        assertThat(SentryEntities.release("shop@1.4.0").label()).isEqualTo("shop@1.4.0");
    }
}
