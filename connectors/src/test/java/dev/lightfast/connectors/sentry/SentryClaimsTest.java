package dev.lightfast.connectors.sentry;

import static dev.lightfast.connectors.StoredEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.graph.MentionScanner;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentryClaimsTest {
    private final SentryConnector connector = new SentryConnector();

    private List<String> claims(String example) {
        return SentryNormalizeTest.normalize(example).stream()
                .flatMap(d -> connector.claims().extract(stored(d), MentionScanner.NONE).stream())
                .map(c -> c.entity().key() + " " + c.attribute() + "=" + c.value())
                .toList();
    }

    @Test
    void an_issue_claims_its_state_and_an_error_in_production_the_release_that_runs_there() {
        assertThat(claims("issue-created.json")).anySatisfy(c -> assertThat(c).endsWith("state=open"));
        assertThat(claims("issue-resolved-in-commit.json"))
                .anySatisfy(c -> assertThat(c).endsWith("state=done"));
        assertThat(claims("issue-archived.json")).anySatisfy(c -> assertThat(c).endsWith("state=canceled"));
        assertThat(claims("event-alert-triggered.json"))
                .anySatisfy(c -> assertThat(c).startsWith("service:").contains(" production="));
    }
}
