package dev.lightfast.emulators.linear;

import dev.lightfast.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A workspace: teams, users, labels, issues (with assignee and labels) and comments. */
public final class LinearState {
    public record Team(String id, String key, String name) {}

    public record User(String id, String name, String email) {}

    public record Label(String id, String name) {}

    public record Comment(String id, String issueId, String body, String userId, Instant createdAt) {}

    public static final class Issue {
        final String id;
        final String identifier;
        final String teamId;
        final String title;
        final String description;
        String assigneeId;
        final List<String> labelIds = new ArrayList<>();
        final Instant createdAt;

        Issue(String id, String identifier, String teamId, String title, String description, Instant at) {
            this.id = id;
            this.identifier = identifier;
            this.teamId = teamId;
            this.title = title;
            this.description = description;
            this.createdAt = at;
        }

        public String identifier() {
            return identifier;
        }

        public String title() {
            return title;
        }

        public String description() {
            return description;
        }

        public Optional<String> assigneeId() {
            return Optional.ofNullable(assigneeId);
        }

        public List<String> labelIds() {
            return List.copyOf(labelIds);
        }
    }

    private final String workspace;
    private final String botUserId = UUID.randomUUID().toString();
    private final Map<String, Team> teams = new LinkedHashMap<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Label> labels = new LinkedHashMap<>();
    private final Map<String, Issue> issues = new LinkedHashMap<>();
    private final Map<String, Comment> comments = new LinkedHashMap<>();
    private final Map<String, Integer> numbers = new LinkedHashMap<>();

    public LinearState(String workspace) {
        this.workspace = workspace;
        users.put(botUserId, new User(botUserId, "Lightfast", "bot@lightfast.dev"));
    }

    public synchronized String team(String key, String name) {
        String id = UUID.nameUUIDFromBytes(("team:" + key).getBytes()).toString();
        teams.putIfAbsent(id, new Team(id, key, name));
        return id;
    }

    public synchronized String user(String name, String email) {
        String id = UUID.nameUUIDFromBytes(("user:" + email).getBytes()).toString();
        users.putIfAbsent(id, new User(id, name, email));
        return id;
    }

    /** A member with a given id (to match a recorded history). */
    public synchronized String user(String id, String name, String email) {
        users.putIfAbsent(id, new User(id, name, email));
        return id;
    }

    public synchronized String label(String name) {
        String id = UUID.nameUUIDFromBytes(("label:" + name).getBytes()).toString();
        labels.putIfAbsent(id, new Label(id, name));
        return id;
    }

    /** Adds an issue to a team (by its key) and returns its identifier, e.g. {@code ENG-1}. */
    public synchronized String seedIssue(String teamKey, String title) {
        Team t = teams.values().stream()
                .filter(x -> x.key().equals(teamKey))
                .findFirst()
                .orElseThrow();
        return create(UUID.randomUUID().toString(), t, title, "").identifier;
    }

    /** Adds an issue with a given number (to match a recorded history) and returns its identifier. */
    public synchronized String seedIssue(String teamKey, int number, String title) {
        Team t = teams.values().stream()
                .filter(x -> x.key().equals(teamKey))
                .findFirst()
                .orElseThrow();
        String id = UUID.randomUUID().toString();
        var issue = new Issue(id, t.key() + "-" + number, t.id(), title, "", Instant.now());
        issues.put(id, issue);
        numbers.merge(t.id(), number, Math::max);
        return issue.identifier;
    }

    /** By UUID or by identifier ({@code ENG-12}), as Linear resolves either. */
    public synchronized Optional<Issue> issue(String idOrIdentifier) {
        Issue i = issues.get(idOrIdentifier);
        return i != null
                ? Optional.of(i)
                : issues.values().stream()
                        .filter(x -> x.identifier.equalsIgnoreCase(idOrIdentifier))
                        .findFirst();
    }

    public synchronized Optional<Comment> comment(String id) {
        return Optional.ofNullable(comments.get(id));
    }

    public synchronized List<Comment> comments(Issue issue) {
        return comments.values().stream()
                .filter(c -> c.issueId().equals(issue.id))
                .toList();
    }

    public synchronized List<String> labelNames(Issue issue) {
        return issue.labelIds.stream().map(id -> labels.get(id).name()).toList();
    }

    synchronized Optional<Team> teamByKey(String key) {
        return teams.values().stream().filter(t -> t.key().equals(key)).findFirst();
    }

    synchronized Optional<Team> findTeam(String id) {
        return Optional.ofNullable(teams.get(id));
    }

    synchronized boolean userExists(String id) {
        return users.containsKey(id);
    }

    synchronized boolean labelExists(String id) {
        return labels.containsKey(id);
    }

    synchronized boolean idTaken(String id) {
        return issues.containsKey(id) || comments.containsKey(id);
    }

    synchronized List<Label> labelsNamed(List<String> names) {
        return labels.values().stream()
                .filter(l -> names.stream().anyMatch(n -> n.equalsIgnoreCase(l.name())))
                .toList();
    }

    synchronized Issue create(String id, Team team, String title, String description) {
        int n = numbers.merge(team.id(), 1, Integer::sum);
        var issue = new Issue(id, team.key() + "-" + n, team.id(), title, description, Instant.now());
        issues.put(id, issue);
        return issue;
    }

    synchronized Comment comment(String id, Issue issue, String body) {
        var c = new Comment(id, issue.id, body, botUserId, Instant.now());
        comments.put(id, c);
        return c;
    }

    synchronized void assign(Issue issue, String userId) {
        issue.assigneeId = userId;
    }

    synchronized void addLabels(Issue issue, List<String> labelIds) {
        labelIds.stream().filter(id -> !issue.labelIds.contains(id)).forEach(issue.labelIds::add);
    }

    String botUserId() {
        return botUserId;
    }

    String workspace() {
        return workspace;
    }

    synchronized String url(Issue i) {
        return "https://linear.app/" + workspace + "/issue/" + i.identifier;
    }

    synchronized ObjectNode issueJson(Issue i) {
        ObjectNode n = Json.MAPPER
                .createObjectNode()
                .put("id", i.id)
                .put("identifier", i.identifier)
                .put("title", i.title)
                .put("description", i.description)
                .put("url", url(i))
                .put("createdAt", i.createdAt.toString())
                .put("teamId", i.teamId);
        if (i.assigneeId == null) {
            n.putNull("assignee");
        } else {
            User u = users.get(i.assigneeId);
            n.putObject("assignee").put("id", u.id()).put("name", u.name()).put("email", u.email());
        }
        ArrayNode nodes = n.putObject("labels").putArray("nodes");
        i.labelIds.forEach(
                id -> nodes.addObject().put("id", id).put("name", labels.get(id).name()));
        return n;
    }

    synchronized ObjectNode commentJson(Comment c) {
        Issue i = issues.get(c.issueId());
        return Json.MAPPER
                .createObjectNode()
                .put("id", c.id())
                .put("body", c.body())
                .put("issueId", c.issueId())
                .put("userId", c.userId())
                .put("createdAt", c.createdAt().toString())
                .put("url", url(i) + "#comment-" + c.id().substring(0, 8));
    }

    public synchronized ObjectNode toJson() {
        ObjectNode out = Json.MAPPER.createObjectNode().put("workspace", workspace);
        out.set("teams", Json.MAPPER.valueToTree(teams.values()));
        out.set("users", Json.MAPPER.valueToTree(users.values()));
        out.set("labels", Json.MAPPER.valueToTree(labels.values()));
        ArrayNode is = out.putArray("issues");
        for (Issue i : issues.values()) {
            ObjectNode n = issueJson(i);
            ArrayNode cs = n.putArray("comments");
            comments(i).forEach(c -> cs.add(commentJson(c)));
            is.add(n);
        }
        return out;
    }
}
