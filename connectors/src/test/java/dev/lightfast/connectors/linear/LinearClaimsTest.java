package dev.lightfast.connectors.linear;

import static dev.lightfast.connectors.StoredEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.claim.ClaimDraft;
import dev.lightfast.core.graph.MentionScanner;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearClaimsTest {
    private final LinearConnector connector = new LinearConnector();

    private List<String> claims(String fixture) {
        return connector
                .normalize(
                        "d-1",
                        LinearFixtures.ALL.get(fixture),
                        LinearNormalizeTest.payload(fixture),
                        java.time.Instant.EPOCH)
                .stream()
                .flatMap(d -> connector.claims().extract(stored(d), MentionScanner.NONE).stream())
                .map(c -> c.entity().key() + " " + c.attribute() + "=" + c.value() + " (" + c.stated() + ")")
                .toList();
    }

    @Test
    void an_issue_moved_to_a_completed_state_claims_done_in_the_teams_own_word() {
        assertThat(claims("issue-update-done.json"))
                .anySatisfy(c -> assertThat(c).endsWith("state=done (Done)"));
    }

    @Test
    void a_new_issue_claims_its_state_and_assignee() {
        assertThat(claims("issue-create.json"))
                .anySatisfy(c -> assertThat(c).contains(" state="))
                .anySatisfy(c -> assertThat(c).contains(" assignee="));
    }

    @Test
    void states_read_by_their_type() {
        assertThat(LinearClaims.state("started", "In Review")).isEqualTo("in_review");
        assertThat(LinearClaims.state("started", "In Progress")).isEqualTo("in_progress");
        assertThat(LinearClaims.state("unstarted", "Todo")).isEqualTo("open");
        assertThat(LinearClaims.state("completed", "Shipped")).isEqualTo("done");
        assertThat(LinearClaims.state("canceled", "Won't do")).isEqualTo("canceled");
        assertThat(LinearClaims.state(null, "Todo")).isNull();
    }

    @Test
    void a_comment_saying_it_was_rolled_back_is_a_person_s_claim_about_the_issue() {
        List<ClaimDraft> said = dev.lightfast.connectors.SaidClaims.inComment(
                "Rolled back in production after DASHBOARD-4F.",
                LinearEntities.issue("ENG-123"),
                java.time.Instant.EPOCH,
                "Diego Alvarez");
        assertThat(said).singleElement().satisfies(c -> {
            assertThat(c.entity().key()).isEqualTo("linear:ENG-123");
            assertThat(c.value()).isEqualTo("rolled_back");
            assertThat(c.said()).isTrue();
        });
    }
}
