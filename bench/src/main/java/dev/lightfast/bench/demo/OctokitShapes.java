package dev.lightfast.bench.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub's own payload examples (octokit's, bundled under {@code demo/octokit/}) as the shapes of
 * the objects inside GitHub deliveries. A payload built here starts as a copy of the example's
 * object, with every field GitHub sends, and the story then sets every value; {@link
 * #assertNoExampleLeft} fails the generation if any value of the example survived, so that the
 * history never mixes the octokit repository into the team's.
 */
final class OctokitShapes {
    /** Texts of the examples' own world (their users, repositories, organisation, and their 2019-2021 dates). */
    private static final Pattern EXAMPLE_TEXT = Pattern.compile(
            "Codertocat|Hello-World|octo-org|octo-repo|Octocoders|octocat|Mona Lisa|alambic|octocoders\\.io"
                    + "|20(19|2[01])-\\d\\d-\\d\\d",
            Pattern.CASE_INSENSITIVE);

    private static final String EXAMPLE_REPO = "Codertocat/Hello-World";
    private static final String EXAMPLE_USER = "Codertocat";

    private final JsonMapper mapper;
    private final Map<String, ObjectNode> examples = new HashMap<>();

    OctokitShapes(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** A fresh copy of an example delivery, e.g. {@code pull_request.closed}. */
    ObjectNode example(String name) {
        return examples.computeIfAbsent(name, this::load).deepCopy();
    }

    /** A fresh copy of the object at {@code path} (dot-separated) inside an example. */
    ObjectNode part(String example, String path) {
        JsonNode node = example(example);
        for (String field : path.split("\\.")) {
            node = node.path(field);
        }
        if (!node.isObject()) {
            throw new IllegalStateException("no object at " + path + " in the " + example + " example");
        }
        return (ObjectNode) node.deepCopy();
    }

    /** A GitHub user object (a person, a bot, or an organisation as a repository's owner). */
    ObjectNode user(Person person) {
        return account(person.login(), person.githubId(), person.isBot() ? "Bot" : "User");
    }

    ObjectNode organizationAsOwner() {
        return account(Team.ORG, Team.ORG_ID, "Organization");
    }

    private ObjectNode account(String login, long id, String type) {
        ObjectNode user = part("pull_request_review.submitted", "review.user");
        String inUrls = login.replace("[", "%5B").replace("]", "%5D");
        replaceText(user, EXAMPLE_USER, inUrls);
        user.put("login", login);
        user.put("id", id);
        user.put("node_id", StoryIds.nodeId(type.equals("Organization") ? "O" : type.equals("Bot") ? "BOT" : "U", id));
        user.put(
                "avatar_url",
                "https://avatars.githubusercontent.com/" + (type.equals("Bot") ? "in/" : "u/") + id + "?v=4");
        if (type.equals("Bot")) {
            user.put("html_url", "https://github.com/apps/" + login.substring(0, login.indexOf('[')));
        }
        user.put("type", type);
        user.put("site_admin", false);
        return user;
    }

    /** The {@code organization} object GitHub adds to deliveries from an organisation's repositories. */
    ObjectNode organization() {
        ObjectNode org = part("pull_request.closed", "organization");
        replaceText(org, "Octocoders", Team.ORG);
        org.put("id", Team.ORG_ID);
        org.put("node_id", StoryIds.nodeId("O", Team.ORG_ID));
        org.put("avatar_url", "https://avatars.githubusercontent.com/u/" + Team.ORG_ID + "?v=4");
        org.put("description", "Payments infrastructure for marketplaces");
        return org;
    }

    /** Replaces {@code from} with {@code to} in every text under {@code node}. */
    void replaceText(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            for (var entry : List.copyOf(object.properties())) {
                JsonNode value = entry.getValue();
                if (value.isString()) {
                    object.put(entry.getKey(), value.stringValue().replace(from, to));
                } else {
                    replaceText(value, from, to);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = node.get(i);
                if (value.isString()) {
                    ((tools.jackson.databind.node.ArrayNode) node)
                            .set(
                                    i,
                                    mapper.getNodeFactory()
                                            .stringNode(value.stringValue().replace(from, to)));
                } else {
                    replaceText(value, from, to);
                }
            }
        }
    }

    /** Rewrites the example repository's name in every text under {@code node}. */
    void moveToRepo(JsonNode node, GithubRepo repo) {
        replaceText(node, EXAMPLE_REPO, repo.fullName());
        replaceText(node, "octo-org/octo-repo", repo.fullName());
    }

    /**
     * Fails when any text of the examples' world is still in a payload: a field the story forgot to
     * set.
     */
    static void assertNoExampleLeft(String what, JsonNode node) {
        assertNoExampleLeft(what, "", node);
    }

    private static void assertNoExampleLeft(String what, String path, JsonNode node) {
        if (node.isString() && EXAMPLE_TEXT.matcher(node.stringValue()).find()) {
            throw new IllegalStateException(
                    what + ": " + path + " still holds the example's \"" + node.stringValue() + "\"");
        }
        if (node.isObject()) {
            for (var entry : node.properties()) {
                assertNoExampleLeft(what, path + "/" + entry.getKey(), entry.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertNoExampleLeft(what, path + "/" + i, node.get(i));
            }
        }
    }

    private ObjectNode load(String name) {
        String path = "/demo/octokit/" + name + ".json";
        try (InputStream in = OctokitShapes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing octokit example " + path);
            }
            return (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
