package dev.lightfast.emulators.github;

import dev.lightfast.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the GitHub emulator remembers: repositories, their issues and pull requests (one numbering,
 * as on GitHub), comments, labels, assignees, review requests, and the people who may be assigned
 * (collaborators). Every method locks the whole state: emulators are small and tests are few.
 */
public final class GithubState {
    /** How GitHub's web pages are addressed in {@code html_url}. */
    static final String WEB = "https://github.com";

    public static final class Repo {
        final long id;
        final String fullName;
        final Set<String> labels = new LinkedHashSet<>();
        final Map<Long, Issue> issues = new LinkedHashMap<>();
        long nextNumber = 1;

        Repo(long id, String fullName) {
            this.id = id;
            this.fullName = fullName;
        }
    }

    public static final class Issue {
        final long id;
        final long number;
        final boolean pullRequest;
        String title;
        String body;
        final String author;
        String state = "open";
        boolean merged;
        final List<String> labels = new ArrayList<>();
        final List<String> assignees = new ArrayList<>();
        final List<String> requestedReviewers = new ArrayList<>();
        final List<Comment> comments = new ArrayList<>();
        final Instant createdAt;
        Instant updatedAt;

        Issue(long id, long number, boolean pullRequest, String title, String body, String author, Instant at) {
            this.id = id;
            this.number = number;
            this.pullRequest = pullRequest;
            this.title = title;
            this.body = body;
            this.author = author;
            this.createdAt = at;
            this.updatedAt = at;
        }

        public String title() {
            return title;
        }

        public String body() {
            return body;
        }

        public boolean isPullRequest() {
            return pullRequest;
        }

        public List<String> labels() {
            return List.copyOf(labels);
        }

        public List<String> assignees() {
            return List.copyOf(assignees);
        }

        public List<String> requestedReviewers() {
            return List.copyOf(requestedReviewers);
        }

        public List<Comment> comments() {
            return List.copyOf(comments);
        }
    }

    public record Comment(long id, String body, String author, Instant createdAt) {}

    private final AtomicLong ids = new AtomicLong(1_000);
    private final Map<String, Repo> repos = new LinkedHashMap<>();
    private final Set<String> collaborators = new LinkedHashSet<>();
    private final String actor;

    /** @param actor the login the token belongs to: the author of what the API creates */
    public GithubState(String actor) {
        this.actor = actor;
        collaborators.add(actor.toLowerCase(Locale.ROOT));
    }

    public String actor() {
        return actor;
    }

    // ---- seeding, from tests

    public synchronized GithubState repo(String fullName, String... labels) {
        Repo r = repos.computeIfAbsent(
                fullName.toLowerCase(Locale.ROOT), k -> new Repo(ids.incrementAndGet(), fullName));
        r.labels.addAll(List.of(labels));
        return this;
    }

    public synchronized GithubState collaborator(String... logins) {
        for (String l : logins) {
            collaborators.add(l.toLowerCase(Locale.ROOT));
        }
        return this;
    }

    /** Adds an issue (or pull request) with the next number and returns the number. */
    public synchronized long seedIssue(String repo, boolean pullRequest, String title, String author) {
        repo(repo);
        collaborator(author);
        return create(repo, pullRequest, title, "", author).number;
    }

    /** Adds a pull request with a given number (to match a recorded history) and returns it. */
    public synchronized long seedPullRequest(String repo, long number, String title, String author) {
        repo(repo);
        collaborator(author);
        Repo r = requireRepo(repo);
        var issue = new Issue(ids.incrementAndGet(), number, true, title, "", author, Instant.now());
        r.issues.put(number, issue);
        r.nextNumber = Math.max(r.nextNumber, number + 1);
        return number;
    }

    // ---- reads, for tests and routes

    public synchronized Optional<Repo> findRepo(String fullName) {
        return Optional.ofNullable(repos.get(fullName.toLowerCase(Locale.ROOT)));
    }

    public synchronized Optional<Issue> issue(String repo, long number) {
        return findRepo(repo).map(r -> r.issues.get(number));
    }

    public synchronized boolean isCollaborator(String login) {
        return collaborators.contains(login.toLowerCase(Locale.ROOT));
    }

    synchronized List<Issue> issues(String repo) {
        return findRepo(repo).map(r -> List.copyOf(r.issues.values())).orElse(List.of());
    }

    // ---- changes, from routes

    synchronized Issue create(String repo, boolean pullRequest, String title, String body, String author) {
        Repo r = requireRepo(repo);
        var issue = new Issue(ids.incrementAndGet(), r.nextNumber++, pullRequest, title, body, author, Instant.now());
        r.issues.put(issue.number, issue);
        return issue;
    }

    synchronized Comment comment(Issue issue, String body) {
        var c = new Comment(ids.incrementAndGet(), body, actor, Instant.now());
        issue.comments.add(c);
        issue.updatedAt = c.createdAt();
        return c;
    }

    /** @return the assignees newly added */
    synchronized List<String> assign(Issue issue, List<String> logins) {
        List<String> added = new ArrayList<>();
        for (String l : logins) {
            if (isCollaborator(l)
                    && issue.assignees.stream().noneMatch(a -> a.equalsIgnoreCase(l))
                    && issue.assignees.size() < 10) {
                issue.assignees.add(l);
                added.add(l);
            }
        }
        issue.updatedAt = Instant.now();
        return added;
    }

    /** @return the labels newly put on the issue; a label the repository lacks is created, as GitHub does */
    synchronized List<String> label(Repo repo, Issue issue, List<String> names) {
        List<String> added = new ArrayList<>();
        for (String n : names) {
            repo.labels.add(n);
            if (issue.labels.stream().noneMatch(l -> l.equalsIgnoreCase(n))) {
                issue.labels.add(n);
                added.add(n);
            }
        }
        issue.updatedAt = Instant.now();
        return added;
    }

    synchronized List<String> requestReview(Issue pr, List<String> logins) {
        List<String> added = new ArrayList<>();
        for (String l : logins) {
            if (pr.requestedReviewers.stream().noneMatch(r -> r.equalsIgnoreCase(l))) {
                pr.requestedReviewers.add(l);
                added.add(l);
            }
        }
        pr.updatedAt = Instant.now();
        return added;
    }

    private Repo requireRepo(String fullName) {
        return findRepo(fullName).orElseThrow(() -> new IllegalArgumentException("no repository " + fullName));
    }

    // ---- JSON, as GitHub's API shows things

    static ObjectNode user(String login) {
        return Json.MAPPER
                .createObjectNode()
                .put("login", login)
                .put("id", Math.abs((long) login.toLowerCase(Locale.ROOT).hashCode()))
                .put("type", "User")
                .put("html_url", WEB + "/" + login);
    }

    synchronized ObjectNode repoJson(Repo r) {
        String[] parts = r.fullName.split("/", 2);
        ObjectNode n = Json.MAPPER
                .createObjectNode()
                .put("id", r.id)
                .put("name", parts[1])
                .put("full_name", r.fullName)
                .put("private", false)
                .put("html_url", WEB + "/" + r.fullName)
                .put("default_branch", "main");
        n.set("owner", user(parts[0]).put("type", "Organization"));
        return n;
    }

    synchronized ObjectNode issueJson(Repo r, Issue i) {
        String kind = i.pullRequest ? "pull" : "issues";
        ObjectNode n = Json.MAPPER
                .createObjectNode()
                .put("id", i.id)
                .put("node_id", "I_" + i.id)
                .put("number", i.number)
                .put("title", i.title)
                .put("body", i.body)
                .put("state", i.state)
                .put("comments", i.comments.size())
                .put("html_url", WEB + "/" + r.fullName + "/" + kind + "/" + i.number)
                .put("repository_url", "https://api.github.com/repos/" + r.fullName)
                .put("created_at", i.createdAt.toString())
                .put("updated_at", i.updatedAt.toString());
        n.set("user", user(i.author));
        ArrayNode labels = n.putArray("labels");
        for (String l : i.labels) {
            labels.addObject()
                    .put("id", Math.abs((long) l.hashCode()))
                    .put("name", l)
                    .put("color", "ededed");
        }
        ArrayNode assignees = n.putArray("assignees");
        i.assignees.forEach(a -> assignees.add(user(a)));
        if (!i.assignees.isEmpty()) {
            n.set("assignee", user(i.assignees.get(0)));
        }
        if (i.pullRequest) {
            n.putObject("pull_request").put("html_url", WEB + "/" + r.fullName + "/pull/" + i.number);
        }
        return n;
    }

    synchronized ObjectNode pullJson(Repo r, Issue pr) {
        ObjectNode n = issueJson(r, pr);
        n.remove("pull_request");
        n.put("merged", pr.merged);
        ArrayNode reviewers = n.putArray("requested_reviewers");
        pr.requestedReviewers.forEach(l -> reviewers.add(user(l)));
        n.putArray("requested_teams");
        n.putObject("head").put("ref", "feature-" + pr.number);
        n.putObject("base").put("ref", "main");
        return n;
    }

    synchronized ObjectNode commentJson(Repo r, Issue i, Comment c) {
        String kind = i.pullRequest ? "pull" : "issues";
        ObjectNode n = Json.MAPPER
                .createObjectNode()
                .put("id", c.id())
                .put("node_id", "IC_" + c.id())
                .put("body", c.body())
                .put("html_url", WEB + "/" + r.fullName + "/" + kind + "/" + i.number + "#issuecomment-" + c.id())
                .put("issue_url", "https://api.github.com/repos/" + r.fullName + "/issues/" + i.number)
                .put("created_at", c.createdAt().toString())
                .put("updated_at", c.createdAt().toString())
                .put("author_association", "MEMBER");
        n.set("user", user(c.author()));
        return n;
    }

    public synchronized ObjectNode toJson() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode rs = out.putArray("repositories");
        for (Repo r : repos.values()) {
            ObjectNode rn = repoJson(r);
            ArrayNode is = rn.putArray("issues");
            for (Issue i : r.issues.values()) {
                ObjectNode in = i.pullRequest ? pullJson(r, i) : issueJson(r, i);
                ArrayNode cs = in.putArray("comment_list");
                i.comments.forEach(c -> cs.add(commentJson(r, i, c)));
                is.add(in);
            }
            rs.add(rn);
        }
        var collab = out.putArray("collaborators");
        collaborators.forEach(collab::add);
        return out;
    }
}
