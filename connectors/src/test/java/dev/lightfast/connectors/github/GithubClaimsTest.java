package dev.lightfast.connectors.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.linear.LinearConnector;
import dev.lightfast.core.claim.ClaimDraft;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.graph.MentionScanner;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** What GitHub's events claim, read from octokit's example payloads as the log stores them. */
class GithubClaimsTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-01T00:00:00Z");
    private static final MentionScanner LINEAR =
            text -> new LinearConnector().graph().mentionsIn(text);
    private final GithubConnector connector = new GithubConnector();

    private List<String> claims(String path, Consumer<ObjectNode> edit) {
        var fixture = GithubFixtures.get(path);
        ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(fixture.body());
        edit.accept(payload);
        List<String> out = new ArrayList<>();
        long seq = 1;
        for (EventDraft d : connector.normalize("d-1", fixture.event(), payload, RECEIVED)) {
            Event e = Event.of("ev" + seq, TenantId.of("acme"), seq++, RECEIVED, "dl", d);
            for (ClaimDraft c : connector.claims().extract(e, LINEAR)) {
                out.add(c.entity().key() + " " + c.attribute() + "=" + c.value()
                        + (c.via() == null ? "" : " via " + c.via().key()) + " (" + c.stated() + ")");
            }
        }
        return out;
    }

    private static Consumer<ObjectNode> pr(Consumer<ObjectNode> edit) {
        return p -> edit.accept((ObjectNode) p.get("pull_request"));
    }

    @Test
    void an_opened_pull_request_claims_its_state_and_that_of_every_issue_it_fixes_but_not_one_it_is_only_part_of() {
        var claims = claims("pull_request/00-opened.json", pr(p -> {
            p.put("title", "ENG-7: Retry the bank call once");
            p.put("body", "Fixes #1\n\nPart of ENG-8, and closes ENG-9.");
            ((ObjectNode) p.get("head")).put("ref", "ana/eng-7-retry-the-bank-call");
        }));
        assertThat(claims)
                .containsExactlyInAnyOrder(
                        "github:Codertocat/Hello-World/pull/2 state=in_review (open)",
                        "github:Codertocat/Hello-World/pull/2 merged=false (not merged)",
                        "github:Codertocat/Hello-World/issues/1 state=in_review via github:Codertocat/Hello-World/pull/2"
                                + " (the pull request that fixes it is still open)",
                        "linear:ENG-7 state=in_review via github:Codertocat/Hello-World/pull/2"
                                + " (the pull request that fixes it is still open)",
                        "linear:ENG-9 state=in_review via github:Codertocat/Hello-World/pull/2"
                                + " (the pull request that fixes it is still open)");
    }

    @Test
    void a_merge_claims_done_and_a_close_without_merging_withdraws_the_fix() {
        assertThat(claims("pull_request/03-closed.json", pr(p -> {
                    p.put("title", "ENG-7: Retry");
                    p.put("merged", true);
                    p.put("merged_at", "2026-11-01T00:00:00Z");
                    p.put("merge_commit_sha", "aa9f2c473eb520fd2afd53f332a6bd80f0cb59ac");
                })))
                .contains(
                        "github:Codertocat/Hello-World/pull/2 state=done (merged)",
                        "github:Codertocat/Hello-World/pull/2 merged=true (merged)",
                        "linear:ENG-7 state=done via github:Codertocat/Hello-World/pull/2 (the pull request that fixes it"
                                + " is merged)");
        assertThat(claims("pull_request/03-closed.json", pr(p -> p.put("title", "ENG-7: Retry"))))
                .contains(
                        "github:Codertocat/Hello-World/pull/2 state=canceled (closed without merging)",
                        "linear:ENG-7 state=canceled via github:Codertocat/Hello-World/pull/2 (the pull request that"
                                + " would fix it was closed without merging)");
    }

    @Test
    void a_successful_deployment_to_production_claims_what_runs_in_the_repositorys_service() {
        assertThat(claims("deployment_status/00-created.json", p -> {}))
                .containsExactly("service:hello-world production=f95f852bd8fca8fcc58a9a2d6c842781e32a215e"
                        + " (deployed f95f852 to production)");
        assertThat(claims("deployment_status/00-created.json", p -> {
                    ((ObjectNode) p.get("deployment"))
                            .put("environment", "staging")
                            .put("production_environment", false);
                    ((ObjectNode) p.get("deployment_status")).put("environment", "staging");
                }))
                .isEmpty();
    }

    @Test
    void a_comment_saying_it_was_rolled_back_claims_the_change_is_not_shipped() {
        assertThat(claims(
                        "issue_comment/00-created.json",
                        p -> ((ObjectNode) p.get("comment"))
                                .put("body", "Rolled back in production: single-currency merchants crashed.")))
                .singleElement()
                .satisfies(c -> assertThat(c).contains("shipped=rolled_back (said \"rolled back\")"));
        assertThat(claims(
                        "issue_comment/00-created.json",
                        p -> ((ObjectNode) p.get("comment")).put("body", "Was this rolled back?")))
                .as("a question states nothing")
                .isEmpty();
    }
}
