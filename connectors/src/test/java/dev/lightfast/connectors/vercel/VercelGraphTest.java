package dev.lightfast.connectors.vercel;

import static dev.lightfast.connectors.StoredEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.graph.GraphFact;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vercel events, read back from the log, as graph facts. */
class VercelGraphTest {
    private static final String SHA = VercelNormalizeTest.SHA;
    private static final String DEPLOYMENT = "vercel:deployment/dpl_7xK2m9QpR4sT8vW1yZ3aB5cD";
    private static final String PROJECT = "vercel:project/prj_Qm8Lk2Jh6Gf4Ds9Aa1Zx7Cv3";
    private final VercelGraph graph = new VercelGraph();

    private List<GraphFact> facts(String name) {
        return graph.extract(stored(VercelNormalizeTest.normalize(name)), graph::mentionsIn);
    }

    private static List<String> relations(List<GraphFact> facts) {
        return facts.stream()
                .filter(f -> f instanceof GraphFact.Relates)
                .map(f -> (GraphFact.Relates) f)
                .map(r -> r.type() + " " + r.from().key() + " -> " + r.to().key())
                .toList();
    }

    @Test
    void a_production_deploy_deployed_the_commit_every_tool_names() {
        assertThat(relations(facts("deployment-succeeded.json")))
                .containsExactlyInAnyOrder(
                        "belongs_to " + DEPLOYMENT + " -> " + PROJECT,
                        "deployed_to " + DEPLOYMENT + " -> " + PROJECT + "/environment/production",
                        "deployed " + DEPLOYMENT + " -> git:" + SHA,
                        "built_from " + DEPLOYMENT + " -> github:acme/shop/branch/main",
                        "deploys_from " + PROJECT + " -> github:acme/shop",
                        "authored github:ana-lima -> git:" + SHA);
    }

    @Test
    void a_preview_was_built_from_its_pull_request() {
        assertThat(relations(facts("deployment-error.json")))
                .contains("built_from vercel:deployment/dpl_3Fg5Hj7Kl9Mn1Pq3Rs5Tu7Vw -> github:acme/shop/pull/42");
    }

    @Test
    void each_event_describes_the_deployment_state_at_its_time() {
        assertThat(facts("deployment-promoted.json")).anySatisfy(f -> {
            assertThat(f).isInstanceOf(GraphFact.Describes.class);
            var d = (GraphFact.Describes) f;
            assertThat(d.entity().key()).isEqualTo("vercel:deployment/dpl_9Ab1Cd3Ef5Gh7Ij9Kl1Mn3Op");
            assertThat(d.attributes())
                    .containsEntry("state", "promoted")
                    .containsEntry("promoted", true)
                    .containsEntry("target", "production");
            assertThat(d.at()).isEqualTo(java.time.Instant.ofEpochMilli(1773155400000L));
        });
    }

    @Test
    void people_are_identified_by_vercel_id_and_github_login() {
        assertThat(facts("deployment-created.json"))
                .filteredOn(f -> f instanceof GraphFact.Identifies)
                .extracting(f -> ((GraphFact.Identifies) f).alias())
                .containsExactlyInAnyOrder(
                        new Alias("vercel_user", "uLm3Nq7Rs1Tv5Wx9Yz2Ab4Cd"), new Alias("github_login", "ana-lima"));
    }

    @Test
    void dashboard_links_name_deployments() {
        assertThat(graph.mentionsIn("Preview: https://vercel.com/acme/shop/7xK2m9QpR4sT8vW1yZ3aB5cD (and again"
                        + " https://vercel.com/acme/shop/dpl_7xK2m9QpR4sT8vW1yZ3aB5cD)"))
                .containsExactly(EntityRef.of("deployment", DEPLOYMENT, "dpl_7xK2m9QpR4sT8vW1yZ3aB5cD"));
        assertThat(graph.mentionsIn("https://vercel.com/acme/shop/settings https://vercel.com/acme/shop/deployments "
                        + "https://shop-7xk2m9qpr-acme.vercel.app"))
                .isEmpty();
    }
}
