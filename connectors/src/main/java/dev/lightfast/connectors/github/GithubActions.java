package dev.lightfast.connectors.github;

import dev.lightfast.core.act.ToolAction;
import dev.lightfast.core.act.ToolActions;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** What intents do on GitHub, in its terms: issues and pull requests by repository and number, people by login. */
public final class GithubActions implements ToolActions {
    @Override
    public String tool() {
        return GithubConnector.PROVIDER;
    }

    @Override
    public String title() {
        return GithubToolClient.NAME;
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(
                Primitive.COMMENT, Primitive.ASSIGN, Primitive.LABEL, Primitive.REQUEST_REVIEW, Primitive.OPEN_TICKET);
    }

    @Override
    public Optional<String> referenceExample() {
        return Optional.of("repo#41");
    }

    @Override
    public Optional<ToolAction> comment(Entity on, String text) {
        Item g = Item.of(on);
        return Optional.of(new ToolAction(GithubOperations.COMMENT, g.args().put("body", text)));
    }

    @Override
    public Optional<ToolAction> assign(Entity item, Entity assignee) {
        ObjectNode args = Item.of(item).args();
        args.putArray("assignees").add(ToolActions.local(assignee));
        return Optional.of(new ToolAction(GithubOperations.ASSIGN, args));
    }

    @Override
    public Optional<ToolAction> label(Entity item, List<String> labels) {
        ObjectNode args = Item.of(item).args();
        var arr = args.putArray("labels");
        labels.forEach(arr::add);
        return Optional.of(new ToolAction(GithubOperations.LABEL, args));
    }

    @Override
    public Optional<ToolAction> requestReview(Entity pullRequest, Entity reviewer) {
        ObjectNode args = Item.of(pullRequest).args();
        args.putArray("reviewers").add(ToolActions.local(reviewer));
        return Optional.of(new ToolAction(GithubOperations.REQUEST_REVIEW, args));
    }

    /** A repository's issues are its own tracker: {@code acme/api} for acme/api#3. */
    @Override
    public Optional<String> trackerOf(Entity issue) {
        String local = ToolActions.local(issue);
        int at = local.indexOf("/issues/");
        return Optional.of(at > 0 ? local.substring(0, at) : local);
    }

    @Override
    public Optional<ToolAction> openTicket(String repository, String title, String body) {
        return Optional.of(new ToolAction(
                GithubOperations.CREATE_ISSUE,
                Json.MAPPER
                        .createObjectNode()
                        .put("repo", repository)
                        .put("title", title)
                        .put("body", body)));
    }

    /** An issue or pull request key's repository and number. */
    private record Item(String repo, long number) {
        static Item of(Entity e) {
            String local = ToolActions.local(e);
            for (String sep : List.of("/pull/", "/issues/")) {
                int at = local.indexOf(sep);
                if (at > 0) {
                    return new Item(local.substring(0, at), Long.parseLong(local.substring(at + sep.length())));
                }
            }
            throw ToolActions.cannot("act on", e, GithubToolClient.NAME);
        }

        ObjectNode args() {
            return Json.MAPPER.createObjectNode().put("repo", repo).put("number", number);
        }
    }
}
