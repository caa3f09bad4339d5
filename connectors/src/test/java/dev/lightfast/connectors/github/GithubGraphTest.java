package dev.lightfast.connectors.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.event.EventDraft;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.MentionScanner;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class GithubGraphTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-01T00:00:00Z");
    private final GithubConnector connector = new GithubConnector();

    private List<GraphFact> facts(String path, Consumer<ObjectNode> edit, MentionScanner mentions) {
        var fixture = GithubFixtures.get(path);
        ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(fixture.body());
        edit.accept(payload);
        List<GraphFact> all = new ArrayList<>();
        long seq = 1;
        for (EventDraft d : connector.normalize("d-1", fixture.event(), payload, RECEIVED)) {
            var e = Event.of("ev" + seq, TenantId.of("acme"), seq++, RECEIVED, "dl", d);
            all.addAll(connector.graph().extract(e, mentions));
        }
        return all;
    }

    private static List<String> relations(List<GraphFact> facts) {
        return facts.stream()
                .filter(f -> f instanceof GraphFact.Relates)
                .map(f -> (GraphFact.Relates) f)
                .map(r -> r.type() + " " + r.from().key() + " -> " + r.to().key())
                .toList();
    }

    @Test
    void a_pull_request_that_says_fixes_links_the_issue_and_its_author_and_branches() {
        var facts = facts(
                "pull_request/00-opened.json",
                p -> ((ObjectNode) p.get("pull_request"))
                        .put("body", "Fixes #1 and see octo/other#3 and https://github.com/octo/web/pull/9"),
                MentionScanner.NONE);
        assertThat(relations(facts))
                .contains(
                        "opened github:Codertocat -> github:Codertocat/Hello-World/pull/2",
                        "authored github:Codertocat -> github:Codertocat/Hello-World/pull/2",
                        "fixes github:Codertocat/Hello-World/pull/2 -> github:Codertocat/Hello-World/issues/1",
                        "references github:Codertocat/Hello-World/pull/2 -> github:octo/other/issues/3",
                        "references github:Codertocat/Hello-World/pull/2 -> github:octo/web/pull/9",
                        "from_branch github:Codertocat/Hello-World/pull/2 -> github:Codertocat/Hello-World/branch/changes");
        assertThat(facts)
                .anySatisfy(f -> assertThat(f)
                        .isInstanceOfSatisfying(
                                GraphFact.Describes.class,
                                d -> assertThat(d.attributes()).containsEntry("state", "open")));
    }

    @Test
    void a_review_relates_the_reviewer_to_the_pull_request() {
        assertThat(relations(facts("pull_request_review/00-submitted.json", p -> {}, MentionScanner.NONE)))
                .anyMatch(r -> r.startsWith("reviewed github:") && r.endsWith("/pull/2"));
    }

    @Test
    void commits_identify_their_authors_by_email_and_a_noreply_address_names_the_account() {
        var facts = facts("push/04.json", p -> {}, MentionScanner.NONE);
        assertThat(facts)
                .anySatisfy(f -> assertThat(f).isInstanceOfSatisfying(GraphFact.Identifies.class, i -> {
                    assertThat(i.person().key()).isEqualTo("github:Codertocat");
                    assertThat(i.alias().value()).isEqualTo("21031067+codertocat@users.noreply.github.com");
                    assertThat(i.evidence()).contains("commit");
                }));
        // Without a username, a noreply address still names the account...
        var noreply = facts(
                "push/04.json",
                p -> ((ObjectNode) p.get("commits").get(0).get("author")).remove("username"),
                MentionScanner.NONE);
        assertThat(relations(noreply)).anyMatch(r -> r.startsWith("authored github:Codertocat -> git:"));
        // ...and any other address is a person of its own until evidence joins it to an account.
        var email = facts(
                "push/04.json",
                p -> {
                    var author = (ObjectNode) p.get("commits").get(0).get("author");
                    author.remove("username");
                    author.put("email", "Jane@Example.com");
                },
                MentionScanner.NONE);
        assertThat(relations(email)).anyMatch(r -> r.startsWith("authored email:jane@example.com -> git:"));
    }

    @Test
    void co_authored_by_trailers_relate_each_co_author_with_their_email_and_name_as_aliases() {
        var facts = facts(
                "push/04.json",
                p -> ((ObjectNode) p.get("commits").get(0))
                        .put(
                                "message",
                                "Retry the gateway on 502\n\nCo-authored-by: Dariusz Jędrzejczyk <Dariusz@Example.com>\n"
                                        + "co-authored-by: Octo Cat <583231+octocat@users.noreply.github.com>\n"
                                        + "Co-authored-by: not a trailer, no address\n"),
                MentionScanner.NONE);
        assertThat(relations(facts))
                .anyMatch(r -> r.startsWith("co_authored email:dariusz@example.com -> git:"))
                // A no-reply address names the GitHub account, whatever name the trailer gives.
                .anyMatch(r -> r.startsWith("co_authored github:octocat -> git:"))
                .noneMatch(r -> r.contains("not a trailer"));
        var aliases = facts.stream()
                .filter(f -> f instanceof GraphFact.Identifies)
                .map(f -> (GraphFact.Identifies) f)
                .filter(i -> i.evidence().contains("co-author"))
                .map(i -> i.person().key() + " " + i.alias().kind() + " "
                        + i.alias().value())
                .toList();
        assertThat(aliases)
                .contains(
                        "email:dariusz@example.com email dariusz@example.com",
                        "email:dariusz@example.com name Dariusz Jędrzejczyk",
                        "github:octocat name Octo Cat");
        // A message without trailers has no co-authors.
        assertThat(relations(facts("push/04.json", p -> {}, MentionScanner.NONE)))
                .noneMatch(r -> r.startsWith("co_authored"));
    }

    @Test
    void a_release_is_built_from_the_branch_or_commit_it_targets() {
        assertThat(relations(facts("release/00-published.json", p -> {}, MentionScanner.NONE)))
                .anyMatch(r -> r.startsWith("built_from github:Codertocat/Hello-World/releases/")
                        && r.endsWith(" -> github:Codertocat/Hello-World/branch/master"));
        String sha = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
        assertThat(relations(facts(
                        "release/00-published.json",
                        p -> ((ObjectNode) p.get("release")).put("target_commitish", sha),
                        MentionScanner.NONE)))
                .anyMatch(r -> r.startsWith("built_from ") && r.endsWith(" -> git:" + sha));
    }

    @Test
    void other_tools_keys_in_titles_and_branches_become_mentions() {
        MentionScanner linear =
                text -> text.contains("ENG-7") ? List.of(EntityRef.of("issue", "linear:ENG-7", "ENG-7")) : List.of();
        var facts = facts(
                "pull_request/00-opened.json",
                p -> ((ObjectNode) p.get("pull_request").get("head")).put("ref", "eng-7-fix-readme".toUpperCase()),
                linear);
        assertThat(relations(facts)).contains("mentions github:Codertocat/Hello-World/pull/2 -> linear:ENG-7");
    }

    @Test
    void deployments_relate_to_the_commit_they_shipped() {
        assertThat(relations(facts("deployment/00-created.json", p -> {}, MentionScanner.NONE)))
                .anyMatch(r -> r.startsWith("deployed github:") && r.contains("-> git:"));
    }
}
