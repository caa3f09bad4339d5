package dev.lightfast.connectors.vercel;

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

/** Vercel deliveries → canonical events. */
class VercelNormalizeTest {
    private static final Instant RECEIVED = Instant.parse("2030-01-02T03:04:05Z");
    static final String SHA = "9f2d1c7e5b3a4f60818a2b3c4d5e6f708192a3b4";

    private final VercelConnector connector = new VercelConnector();

    static EventDraft normalize(String name) {
        var connector = new VercelConnector();
        byte[] body = VercelFixtures.body(name);
        var d = (Reception.Deliver)
                connector.receive(new WebhookRequest(VercelFixtures.signedHeaders("s", body), body));
        List<EventDraft> drafts = connector.normalize(d.deliveryKey(), d.eventName(), d.payload(), RECEIVED);
        assertThat(drafts).hasSize(1);
        return drafts.getFirst();
    }

    private static List<String> keys(EventDraft draft) {
        return draft.subjects().stream().map(EntityRef::key).toList();
    }

    @Test
    void every_example_is_one_well_formed_event_keyed_by_vercels_id_at_vercels_time() {
        for (String name : VercelFixtures.ALL) {
            EventDraft e = normalize(name);
            var body = Json.MAPPER.readTree(VercelFixtures.body(name));
            assertThat(e.source()).isEqualTo("vercel");
            assertThat(e.idempotencyKey()).isEqualTo(body.path("id").stringValue());
            assertThat(e.occurredAt())
                    .isEqualTo(Instant.ofEpochMilli(body.path("createdAt").longValue()));
            assertThat(e.title()).as(name).isNotBlank().doesNotContain("null");
            assertThat(e.attributes()).doesNotContainKey("normalize_error");
            assertThat(e.actor())
                    .isEqualTo(
                            EntityRef.of("person", "vercel:user/uLm3Nq7Rs1Tv5Wx9Yz2Ab4Cd", "uLm3Nq7Rs1Tv5Wx9Yz2Ab4Cd"));
        }
    }

    @Test
    void the_types_follow_vercels_names_with_ready_as_succeeded() {
        assertThat(VercelFixtures.ALL.stream().map(n -> normalize(n).type()))
                .containsExactly(
                        "vercel.project.created",
                        "vercel.deployment.error",
                        "vercel.deployment.canceled",
                        "vercel.deployment.created",
                        "vercel.deployment.succeeded",
                        "vercel.deployment.succeeded",
                        "vercel.deployment.promoted");
    }

    @Test
    void a_production_deploy_names_its_project_environment_and_git_source() {
        EventDraft e = normalize("deployment-succeeded.json");
        assertThat(e.title())
                .isEqualTo("Vercel deployed shop to production from main @ 9f2d1c7: Merge pull request #42 from"
                        + " acme/ana/eng-123-fix-checkout-timeout");
        assertThat(e.body())
                .contains("Fix checkout timeout for large carts (ENG-123)")
                .contains("https://shop-7xk2m9qpr-acme.vercel.app");
        assertThat(e.url()).isEqualTo("https://vercel.com/acme/shop/7xK2m9QpR4sT8vW1yZ3aB5cD");
        assertThat(keys(e))
                .containsExactly(
                        "vercel:deployment/dpl_7xK2m9QpR4sT8vW1yZ3aB5cD",
                        "vercel:project/prj_Qm8Lk2Jh6Gf4Ds9Aa1Zx7Cv3",
                        "vercel:project/prj_Qm8Lk2Jh6Gf4Ds9Aa1Zx7Cv3/environment/production",
                        "git:" + SHA,
                        "github:acme/shop/branch/main",
                        "github:acme/shop",
                        "github:ana-lima");
        assertThat(e.attributes())
                .containsEntry("commit_sha", SHA)
                .containsEntry("github_repo", "acme/shop")
                .containsEntry("environment", "production")
                .containsEntry("state", "succeeded")
                .doesNotContainKey("github_pr");
    }

    @Test
    void a_failed_preview_names_its_pull_request() {
        EventDraft e = normalize("deployment-error.json");
        assertThat(e.title())
                .isEqualTo("Vercel deployment of shop to preview failed (from ana/eng-123-fix-checkout-timeout @"
                        + " 3c4d5e6): Fix checkout timeout for large carts (ENG-123)");
        assertThat(keys(e))
                .contains(
                        "github:acme/shop/pull/42",
                        "github:acme/shop/branch/ana/eng-123-fix-checkout-timeout",
                        "vercel:project/prj_Qm8Lk2Jh6Gf4Ds9Aa1Zx7Cv3/environment/preview");
        assertThat(e.attributes()).containsEntry("github_pr", 42L).doesNotContainKey("target");
    }

    @Test
    void a_promotion_and_a_cancellation() {
        assertThat(normalize("deployment-promoted.json").title())
                .isEqualTo(
                        "Vercel promoted a deployment of shop to production (from main @ 1e62231): Bump checkout SDK to 1.3.9");
        assertThat(normalize("deployment-canceled.json").title())
                .startsWith("Vercel deployment of shop to preview was canceled");
    }

    @Test
    void other_events_are_kept_raw_and_never_fail() {
        EventDraft e = normalize("project-created.json");
        assertThat(e.title()).isEqualTo("Vercel project.created: shop");
        assertThat(keys(e)).containsExactly("vercel:project/prj_Qm8Lk2Jh6Gf4Ds9Aa1Zx7Cv3");
        assertThat(connector
                        .raw("k", null, Json.MAPPER.readTree("{}"), RECEIVED)
                        .type())
                .isEqualTo("vercel.unknown.received");
        assertThat(connector
                        .normalize("k", "deployment.", Json.MAPPER.readTree("{}"), RECEIVED)
                        .getFirst()
                        .type())
                .isEqualTo("vercel.deployment.received");
        assertThat(connector
                        .normalize(
                                "k", "deployment.check-rerequested", Json.MAPPER.readTree("{\"payload\":[]}"), RECEIVED)
                        .getFirst()
                        .type())
                .isEqualTo("vercel.deployment.check-rerequested");
    }

    @Test
    void a_body_without_id_or_type_is_malformed() {
        for (String body : List.of("{\"type\":\"deployment.created\"}", "{\"id\":\"x\"}", "[]", "{")) {
            assertThatThrownBy(() ->
                            connector.receive(new WebhookRequest(Map.of(), body.getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(WebhookRejected.class)
                    .hasFieldOrPropertyWithValue("reason", WebhookRejected.Reason.MALFORMED)
                    .hasMessageContaining("Vercel");
        }
    }
}
