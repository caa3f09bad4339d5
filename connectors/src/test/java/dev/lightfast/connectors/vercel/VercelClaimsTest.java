package dev.lightfast.connectors.vercel;

import static dev.lightfast.connectors.StoredEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.graph.MentionScanner;
import java.util.List;
import org.junit.jupiter.api.Test;

class VercelClaimsTest {
    private final VercelConnector connector = new VercelConnector();

    private List<String> claims(String name) {
        return connector.claims().extract(stored(VercelNormalizeTest.normalize(name)), MentionScanner.NONE).stream()
                .map(c -> c.entity().key() + " " + c.attribute() + "=" + c.value() + " (" + c.stated() + ")")
                .toList();
    }

    @Test
    void a_production_deployment_that_succeeded_or_was_promoted_claims_what_runs_in_the_projects_service() {
        assertThat(claims("deployment-succeeded.json"))
                .contains(
                        "service:shop production=9f2d1c7e5b3a4f60818a2b3c4d5e6f708192a3b4 (deployed 9f2d1c7 to production)");
        assertThat(claims("deployment-promoted.json"))
                .anySatisfy(c -> assertThat(c).contains(" production="));
        assertThat(claims("deployment-error.json")).isEmpty();
        assertThat(claims("deployment-created.json")).isEmpty();
    }
}
