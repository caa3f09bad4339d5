package dev.lightfast.bench.demo;

import dev.lightfast.bench.demo.Person.CommitAuthor;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub's side of the story: each method is one thing a person (or GitHub) did, and adds the
 * delivery GitHub's organisation webhook sends for it, in the shape of GitHub's own examples (see
 * {@link OctokitShapes}), with ids, numbers, SHAs, times and URLs kept consistent across
 * deliveries. Returns the delivery, or the state the evaluation questions need.
 */
final class GithubDeliveries {
    private static final String HOOK_ID = "512983476";
    private static final String HOOKSHOT = "GitHub-Hookshot/9b2f3c1";
    private static final String ZERO_SHA = "0000000000000000000000000000000000000000";
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** The labels each repository has: name → (color, description). */
    private static final Map<String, String[]> LABELS = Map.ofEntries(
            Map.entry("bug", new String[] {"d73a4a", "Something isn't working"}),
            Map.entry("enhancement", new String[] {"a2eeef", "New feature or request"}),
            Map.entry("performance", new String[] {"fbca04", "Latency, throughput or memory"}),
            Map.entry("webhooks", new String[] {"1d76db", "Merchant webhook delivery"}),
            Map.entry("payouts", new String[] {"5319e7", "Payouts and reconciliation"}),
            Map.entry("p1", new String[] {"b60205", "Fix this week"}),
            Map.entry("dependencies", new String[] {"0366d6", "Pull requests that update a dependency file"}),
            Map.entry("go", new String[] {"16e2e2", "Pull requests that update Go code"}),
            Map.entry("javascript", new String[] {"168700", "Pull requests that update Javascript code"}),
            Map.entry("ui", new String[] {"c5def5", "Merchant-facing interface"}),
            Map.entry("sdk", new String[] {"0e8a16", "Node.js client"}));

    private final History history;
    private final OctokitShapes shapes;
    private final StoryIds ids;
    private final JsonMapper mapper;
    private final Map<String, ZoneId> zones;
    private int deliveryCount;

    GithubDeliveries(
            History history, OctokitShapes shapes, StoryIds ids, JsonMapper mapper, Map<String, ZoneId> zones) {
        this.history = history;
        this.shapes = shapes;
        this.ids = ids;
        this.mapper = mapper;
        this.zones = zones;
    }

    // ---------------------------------------------------------------- issues

    GithubIssue openIssue(GithubRepo repo, int number, Person author, String title, String body, Instant at) {
        repo.claim(number, "issue \"" + title + "\"");
        var issue = new GithubIssue(repo, number, ids.next("issue", 3_402_118_730L, 90_000), title, body, author, at);
        repo.issueOpened();
        issue.opened = issueEvent("opened", issue, author, at, null, null);
        return issue;
    }

    Delivery label(GithubIssue issue, String label, Person by, Instant at) {
        issue.labels.add(label);
        issue.updatedAt = at;
        return issueEvent("labeled", issue, by, at, "label", labelObject(issue.repo, label));
    }

    Delivery assign(GithubIssue issue, Person assignee, Person by, Instant at) {
        issue.assignees.add(assignee);
        issue.updatedAt = at;
        return issueEvent("assigned", issue, by, at, "assignee", shapes.user(assignee));
    }

    /** Closed by hand, or by GitHub when a merged pull request said "Fixes #n" (then {@code by} merged it). */
    Delivery closeIssue(GithubIssue issue, Person by, Instant at) {
        issue.closedAt = at;
        issue.updatedAt = at;
        issue.repo.issueClosed();
        issue.closed = issueEvent("closed", issue, by, at, null, null);
        return issue.closed;
    }

    Delivery commentOnIssue(GithubIssue issue, Person by, String body, Instant at) {
        issue.commentCount++;
        issue.updatedAt = at;
        return issueComment(issue.repo, issueObject(issue), by, body, at);
    }

    Delivery commentOnPullRequest(GithubPullRequest pr, Person by, String body, Instant at) {
        pr.commentCount++;
        pr.updatedAt = at;
        return issueComment(pr.repo, pullRequestAsIssue(pr), by, body, at);
    }

    private Delivery issueEvent(
            String action, GithubIssue issue, Person by, Instant at, String extraField, ObjectNode extra) {
        var body = mapper.createObjectNode();
        body.put("action", action);
        body.set("issue", issueObject(issue));
        if (extraField != null) {
            body.set(extraField, extra);
        }
        envelope(body, issue.repo, by, at);
        return add("issues", body, at, "github.issue." + action, issue.repo);
    }

    private Delivery issueComment(GithubRepo repo, ObjectNode issue, Person by, String text, Instant at) {
        long id = ids.next("issue_comment", 3_391_004_512L, 400_000);
        ObjectNode comment = shapes.part("issue_comment.created", "comment");
        String issueApi = issue.get("url").stringValue();
        String issueHtml = issue.get("html_url").stringValue();
        comment.put("url", repo.apiUrl() + "/issues/comments/" + id);
        comment.put("html_url", issueHtml + "#issuecomment-" + id);
        comment.put("issue_url", issueApi);
        comment.put("id", id);
        comment.put("node_id", StoryIds.nodeId("IC", id));
        comment.set("user", shapes.user(by));
        comment.put("created_at", at.toString());
        comment.put("updated_at", at.toString());
        comment.put("author_association", association(by));
        comment.put("body", text);
        comment.set("reactions", reactions(repo.apiUrl() + "/issues/comments/" + id + "/reactions"));
        if (by.isBot()) {
            comment.set("performed_via_github_app", vercelApp());
        }
        var body = mapper.createObjectNode();
        body.put("action", "created");
        body.set("issue", issue);
        body.set("comment", comment);
        envelope(body, repo, by, at);
        return add("issue_comment", body, at, "github.issue_comment.created", repo);
    }

    private ObjectNode issueObject(GithubIssue issue) {
        ObjectNode o = shapes.part("issues.labeled", "issue");
        String api = issue.repo.apiUrl() + "/issues/" + issue.number;
        o.put("url", api);
        o.put("repository_url", issue.repo.apiUrl());
        o.put("labels_url", api + "/labels{/name}");
        o.put("comments_url", api + "/comments");
        o.put("events_url", api + "/events");
        o.put("html_url", issue.htmlUrl());
        o.put("id", issue.id);
        o.put("node_id", StoryIds.nodeId("I", issue.id));
        o.put("number", issue.number);
        o.put("title", issue.title);
        o.set("user", shapes.user(issue.author));
        o.set("labels", labels(issue.repo, issue.labels));
        o.put("state", issue.closedAt == null ? "open" : "closed");
        o.put("locked", false);
        o.set("assignee", issue.assignees.isEmpty() ? mapper.nullNode() : shapes.user(issue.assignees.getFirst()));
        o.set("assignees", users(issue.assignees));
        o.putNull("milestone");
        o.put("comments", issue.commentCount);
        o.put("created_at", issue.createdAt.toString());
        o.put("updated_at", issue.updatedAt.toString());
        o.put("closed_at", issue.closedAt == null ? null : issue.closedAt.toString());
        o.put("author_association", association(issue.author));
        o.putNull("active_lock_reason");
        o.put("body", issue.body);
        o.set("reactions", reactions(api + "/reactions"));
        o.remove("draft");
        o.put("timeline_url", api + "/timeline");
        o.putNull("performed_via_github_app");
        o.put("state_reason", issue.closedAt == null ? null : "completed");
        return o;
    }

    /** GitHub's view of a pull request as an issue, sent with comments on its conversation tab. */
    private ObjectNode pullRequestAsIssue(GithubPullRequest pr) {
        var asIssue =
                new GithubIssue(pr.repo, pr.number, pr.id + 1_000_000_000L, pr.title, pr.body, pr.author, pr.createdAt);
        asIssue.labels.addAll(pr.labels);
        asIssue.updatedAt = pr.updatedAt;
        asIssue.closedAt = pr.closedAt;
        asIssue.commentCount = pr.commentCount;
        ObjectNode o = issueObject(asIssue);
        o.put("state_reason", (String) null);
        o.put("draft", pr.draft);
        var link = mapper.createObjectNode();
        link.put("url", pr.repo.apiUrl() + "/pulls/" + pr.number);
        link.put("html_url", pr.htmlUrl());
        link.put("diff_url", pr.htmlUrl() + ".diff");
        link.put("patch_url", pr.htmlUrl() + ".patch");
        link.put("merged_at", pr.isMerged() ? pr.closedAt.toString() : null);
        o.set("pull_request", link);
        return o;
    }

    // ---------------------------------------------------------------- branches and pushes

    /** The {@code create} delivery GitHub sends when a branch or tag is pushed for the first time. */
    private Delivery createRef(GithubRepo repo, String refType, String ref, Person by, Instant at) {
        var body = mapper.createObjectNode();
        body.put("ref", ref);
        body.put("ref_type", refType);
        body.put("master_branch", "main");
        body.put("description", repo.description());
        body.put("pusher_type", "user");
        envelope(body, repo, by, at);
        return add("create", body, at, "github." + refType + ".created", repo);
    }

    Delivery deleteBranch(GithubRepo repo, String branch, Person by, Instant at) {
        repo.deleteBranch(branch);
        var body = mapper.createObjectNode();
        body.put("ref", branch);
        body.put("ref_type", "branch");
        body.put("pusher_type", "user");
        envelope(body, repo, by, at);
        return add("delete", body, at, "github.branch.deleted", repo);
    }

    /** A commit the story is about to push; its SHA comes from what it is. */
    GitCommit commit(GithubRepo repo, CommitAuthor author, Instant at, String message, String... files) {
        return commit(repo, author, author, at, message, 0, files);
    }

    /** A commit whose first {@code added} files are new. */
    GitCommit commitAdding(
            GithubRepo repo, CommitAuthor author, Instant at, String message, int added, String... files) {
        return commit(repo, author, author, at, message, added, files);
    }

    private GitCommit commit(
            GithubRepo repo,
            CommitAuthor author,
            CommitAuthor committer,
            Instant at,
            String message,
            int added,
            String... files) {
        String sha = StoryIds.sha("commit " + repo.fullName() + " " + at + " " + author.email() + " " + message);
        return new GitCommit(sha, message, author, committer, at, List.of(files), added);
    }

    /** A push of commits to a branch: the {@code push} delivery, with the branch moved to the last one. */
    GithubPush push(GithubRepo repo, String branch, Person pusher, Instant at, GitCommit... commits) {
        boolean created = false;
        String before;
        if (repo.hasBranch(branch)) {
            before = repo.head(branch);
        } else {
            // A new branch: GitHub sends create, then a push that starts from no commit.
            repo.createBranch(branch, "main");
            createRef(repo, "branch", branch, pusher, at);
            created = true;
            before = ZERO_SHA;
        }
        String after = commits[commits.length - 1].sha();
        repo.moveBranch(branch, after, at);
        var body = mapper.createObjectNode();
        body.put("ref", "refs/heads/" + branch);
        body.put("before", before);
        body.put("after", after);
        body.set("repository", pushRepository(repo, at));
        var pusherObject = body.putObject("pusher");
        pusherObject.put("name", pusher.login());
        pusherObject.put(
                "email", pusher.isBot() ? pusher.email() : pusher.commitAs().email());
        body.set("organization", shapes.organization());
        body.set("sender", shapes.user(pusher));
        body.put("created", created);
        body.put("deleted", false);
        body.put("forced", false);
        body.putNull("base_ref");
        body.put(
                "compare",
                created
                        ? repo.htmlUrl() + "/compare/" + branch
                        : repo.htmlUrl() + "/compare/" + before.substring(0, 12) + "..." + after.substring(0, 12));
        ArrayNode list = body.putArray("commits");
        for (GitCommit c : commits) {
            list.add(commitObject(repo, c));
        }
        body.set("head_commit", commitObject(repo, commits[commits.length - 1]));
        Delivery delivery = add("push", body, at, "github.push", repo);
        return new GithubPush(delivery, List.of(commits));
    }

    private ObjectNode commitObject(GithubRepo repo, GitCommit c) {
        var o = mapper.createObjectNode();
        o.put("id", c.sha());
        o.put("tree_id", StoryIds.sha("tree " + c.sha()));
        o.put("distinct", true);
        o.put("message", c.message());
        ZoneId zone = c.author().username() == null
                ? ZoneId.of("Europe/London")
                : zones.getOrDefault(c.author().username(), ZoneId.of("UTC"));
        o.put("timestamp", LOCAL_TIME.format(c.at().atZone(zone).toOffsetDateTime()));
        o.put("url", repo.htmlUrl() + "/commit/" + c.sha());
        o.set("author", commitPerson(c.author()));
        o.set("committer", commitPerson(c.committer()));
        ArrayNode added = o.putArray("added");
        ArrayNode removed = o.putArray("removed");
        ArrayNode modified = o.putArray("modified");
        for (int i = 0; i < c.files().size(); i++) {
            (i < c.added() ? added : modified).add(c.files().get(i));
        }
        return o;
    }

    private ObjectNode commitPerson(CommitAuthor who) {
        var o = mapper.createObjectNode();
        o.put("name", who.name());
        o.put("email", who.email());
        if (who.username() != null) {
            o.put("username", who.username());
        }
        return o;
    }

    // ---------------------------------------------------------------- pull requests

    /** Opens a pull request from a pushed branch into main. */
    GithubPullRequest openPullRequest(
            GithubRepo repo,
            int number,
            Person author,
            String branch,
            String title,
            String body,
            Instant at,
            List<GitCommit> commits,
            boolean draft) {
        repo.claim(number, "pull request \"" + title + "\"");
        var pr = new GithubPullRequest(
                repo, number, ids.next("pull_request", 2_871_455_012L, 120_000), title, body, author, branch, at);
        pr.baseSha = repo.head("main");
        pr.draft = draft;
        pr.commits.addAll(commits);
        countChanges(pr, commits);
        pr.opened = pullRequestEvent("opened", pr, author, at, null, null);
        return pr;
    }

    Delivery requestReview(GithubPullRequest pr, Person reviewer, Person by, Instant at) {
        pr.requestedReviewers.add(reviewer);
        pr.updatedAt = at;
        return pullRequestEvent("review_requested", pr, by, at, "requested_reviewer", shapes.user(reviewer));
    }

    Delivery labelPullRequest(GithubPullRequest pr, String label, Person by, Instant at) {
        pr.labels.add(label);
        pr.updatedAt = at;
        return pullRequestEvent("labeled", pr, by, at, "label", labelObject(pr.repo, label));
    }

    Delivery readyForReview(GithubPullRequest pr, Person by, Instant at) {
        pr.draft = false;
        pr.updatedAt = at;
        return pullRequestEvent("ready_for_review", pr, by, at, null, null);
    }

    /** New commits on the pull request's branch: the push, then GitHub's {@code synchronize}. */
    GithubPush pushToPullRequest(GithubPullRequest pr, Person pusher, Instant at, GitCommit... commits) {
        String before = pr.headSha();
        GithubPush push = push(pr.repo, pr.branch, pusher, at, commits);
        pr.commits.addAll(List.of(commits));
        countChanges(pr, List.of(commits));
        pr.updatedAt = at.plusSeconds(2);
        var extra = mapper.createObjectNode();
        extra.put("before", before);
        extra.put("after", pr.headSha());
        pullRequestEvent("synchronize", pr, pusher, at.plusSeconds(2), null, extra);
        return push;
    }

    Delivery review(GithubPullRequest pr, Person reviewer, String state, String text, Instant at) {
        long id = ids.next("review", 3_318_220_406L, 300_000);
        ObjectNode review = shapes.part("pull_request_review.submitted", "review");
        String html = pr.htmlUrl() + "#pullrequestreview-" + id;
        review.put("id", id);
        review.put("node_id", StoryIds.nodeId("PRR", id));
        review.set("user", shapes.user(reviewer));
        review.put("body", text);
        review.put("commit_id", pr.headSha());
        review.put("submitted_at", at.toString());
        review.put("state", state);
        review.put("html_url", html);
        review.put("pull_request_url", pr.repo.apiUrl() + "/pulls/" + pr.number);
        review.put("author_association", association(reviewer));
        var links = review.putObject("_links");
        links.putObject("html").put("href", html);
        links.putObject("pull_request").put("href", pr.repo.apiUrl() + "/pulls/" + pr.number);
        pr.requestedReviewers.remove(reviewer);
        pr.updatedAt = at;
        var body = mapper.createObjectNode();
        body.put("action", "submitted");
        body.set("review", review);
        body.set("pull_request", pullRequestObject(pr));
        envelope(body, pr.repo, reviewer, at);
        Delivery d = add("pull_request_review", body, at, "github.pull_request_review.submitted", pr.repo);
        pr.reviews.add(d);
        return d;
    }

    /** A comment on a line of the diff, left as part of a review. */
    Delivery reviewComment(
            GithubPullRequest pr, Person by, String path, int line, String diffHunk, String text, Instant at) {
        long id = ids.next("review_comment", 2_419_883_107L, 200_000);
        long reviewId = ids.next("review", 3_318_220_406L, 300_000);
        ObjectNode c = shapes.part("pull_request_review_comment.created", "comment");
        String api = pr.repo.apiUrl() + "/pulls/comments/" + id;
        String html = pr.htmlUrl() + "#discussion_r" + id;
        c.put("url", api);
        c.put("pull_request_review_id", reviewId);
        c.put("id", id);
        c.put("node_id", StoryIds.nodeId("PRRC", id));
        c.put("diff_hunk", diffHunk);
        c.put("path", path);
        c.put("position", line);
        c.put("original_position", line);
        c.put("commit_id", pr.headSha());
        c.put("original_commit_id", pr.headSha());
        c.set("user", shapes.user(by));
        c.put("body", text);
        c.put("created_at", at.toString());
        c.put("updated_at", at.toString());
        c.put("html_url", html);
        c.put("pull_request_url", pr.repo.apiUrl() + "/pulls/" + pr.number);
        c.put("author_association", association(by));
        var links = c.putObject("_links");
        links.putObject("self").put("href", api);
        links.putObject("html").put("href", html);
        links.putObject("pull_request").put("href", pr.repo.apiUrl() + "/pulls/" + pr.number);
        c.set("reactions", reactions(api + "/reactions"));
        c.putNull("start_line");
        c.putNull("original_start_line");
        c.putNull("start_side");
        c.put("line", line);
        c.put("original_line", line);
        c.put("side", "RIGHT");
        c.put("subject_type", "line");
        pr.reviewCommentCount++;
        pr.updatedAt = at;
        var body = mapper.createObjectNode();
        body.put("action", "created");
        body.set("comment", c);
        body.set("pull_request", pullRequestObject(pr));
        envelope(body, pr.repo, by, at);
        Delivery d =
                add("pull_request_review_comment", body, at, "github.pull_request_review_comment.created", pr.repo);
        pr.reviewComments.add(d);
        return d;
    }

    /**
     * Squash-merges the pull request on github.com: GitHub makes one commit on main (authored by the
     * pull request's author, committed by GitHub) listing the branch's commits, sends the push, then
     * the {@code closed} delivery with {@code merged: true}.
     */
    Delivery merge(GithubPullRequest pr, Person by, Instant at) {
        var message = new StringBuilder(pr.title + " (#" + pr.number + ")");
        if (pr.commits.size() > 1) {
            message.append("\n");
            for (GitCommit c : pr.commits) {
                message.append("\n* ")
                        .append(c.message().replace("\n\n", "\n\n  ").strip())
                        .append("\n");
            }
        } else if (!pr.commits.isEmpty()
                && !pr.commits.getFirst().message().equals(pr.commits.getFirst().firstLine())) {
            message.append("\n\n")
                    .append(pr.commits
                            .getFirst()
                            .message()
                            .substring(pr.commits.getFirst().firstLine().length())
                            .strip());
        }
        var files = new ArrayList<String>();
        int added = 0;
        for (GitCommit c : pr.commits) {
            for (int i = 0; i < c.files().size(); i++) {
                if (!files.contains(c.files().get(i))) {
                    if (i < c.added()) {
                        files.add(added++, c.files().get(i));
                    } else {
                        files.add(c.files().get(i));
                    }
                }
            }
        }
        GitCommit squash = commit(
                pr.repo,
                pr.author.commitAs(),
                Team.WEB_FLOW,
                at,
                message.toString().strip(),
                added,
                files.toArray(String[]::new));
        pr.mergePush = push(pr.repo, "main", by, at, squash);
        pr.mergeSha = squash.sha();
        pr.mergedBy = by;
        pr.closedAt = at.plusSeconds(1);
        pr.updatedAt = pr.closedAt;
        pr.merged = pullRequestEvent("closed", pr, by, pr.closedAt, null, null);
        return pr.merged;
    }

    Delivery closeUnmerged(GithubPullRequest pr, Person by, Instant at) {
        pr.closedAt = at;
        pr.updatedAt = at;
        return pullRequestEvent("closed", pr, by, at, null, null);
    }

    private Delivery pullRequestEvent(
            String action, GithubPullRequest pr, Person by, Instant at, String extraField, ObjectNode extra) {
        var body = mapper.createObjectNode();
        body.put("action", action);
        body.put("number", pr.number);
        if (action.equals("synchronize")) {
            body.setAll(extra);
        }
        body.set("pull_request", pullRequestObject(pr));
        if (extraField != null) {
            body.set(extraField, extra);
        }
        envelope(body, pr.repo, by, at);
        String verb = action.equals("closed") && pr.isMerged() ? "merged" : action;
        return add("pull_request", body, at, "github.pull_request." + verb, pr.repo);
    }

    private ObjectNode pullRequestObject(GithubPullRequest pr) {
        ObjectNode o = shapes.part("pull_request.closed", "pull_request");
        String api = pr.repo.apiUrl() + "/pulls/" + pr.number;
        String issueApi = pr.repo.apiUrl() + "/issues/" + pr.number;
        o.put("url", api);
        o.put("id", pr.id);
        o.put("node_id", StoryIds.nodeId("PR", pr.id));
        o.put("html_url", pr.htmlUrl());
        o.put("diff_url", pr.htmlUrl() + ".diff");
        o.put("patch_url", pr.htmlUrl() + ".patch");
        o.put("issue_url", issueApi);
        o.put("number", pr.number);
        o.put("state", pr.closedAt == null ? "open" : "closed");
        o.put("locked", false);
        o.put("title", pr.title);
        o.set("user", shapes.user(pr.author));
        o.put("body", pr.body);
        o.put("created_at", pr.createdAt.toString());
        o.put("updated_at", pr.updatedAt.toString());
        o.put("closed_at", pr.closedAt == null ? null : pr.closedAt.toString());
        o.put("merged_at", pr.isMerged() ? pr.closedAt.toString() : null);
        o.put(
                "merge_commit_sha",
                pr.isMerged() ? pr.mergeSha : StoryIds.sha("test merge " + pr.ref() + " " + pr.headSha()));
        o.putNull("assignee");
        o.set("assignees", mapper.createArrayNode());
        o.set("requested_reviewers", users(pr.requestedReviewers));
        o.set("requested_teams", mapper.createArrayNode());
        o.set("labels", labels(pr.repo, pr.labels));
        o.putNull("milestone");
        o.put("draft", pr.draft);
        o.put("commits_url", api + "/commits");
        o.put("review_comments_url", api + "/comments");
        o.put("review_comment_url", pr.repo.apiUrl() + "/pulls/comments{/number}");
        o.put("comments_url", issueApi + "/comments");
        o.put("statuses_url", pr.repo.apiUrl() + "/statuses/" + pr.headSha());
        o.set("head", ref(pr.repo, pr.branch, pr.headSha()));
        o.set("base", ref(pr.repo, "main", pr.baseSha));
        var links = o.putObject("_links");
        links.putObject("self").put("href", api);
        links.putObject("html").put("href", pr.htmlUrl());
        links.putObject("issue").put("href", issueApi);
        links.putObject("comments").put("href", issueApi + "/comments");
        links.putObject("review_comments").put("href", api + "/comments");
        links.putObject("review_comment").put("href", pr.repo.apiUrl() + "/pulls/comments{/number}");
        links.putObject("commits").put("href", api + "/commits");
        links.putObject("statuses").put("href", pr.repo.apiUrl() + "/statuses/" + pr.headSha());
        o.put("author_association", association(pr.author));
        o.putNull("auto_merge");
        o.putNull("active_lock_reason");
        o.put("merged", pr.isMerged());
        if (pr.closedAt == null) {
            o.put("mergeable", true);
            o.put("rebaseable", true);
            o.put("mergeable_state", pr.draft ? "draft" : "clean");
        } else {
            o.putNull("mergeable");
            o.putNull("rebaseable");
            o.put("mergeable_state", "unknown");
        }
        o.set("merged_by", pr.isMerged() ? shapes.user(pr.mergedBy) : mapper.nullNode());
        o.put("comments", pr.commentCount);
        o.put("review_comments", pr.reviewCommentCount);
        o.put("maintainer_can_modify", false);
        o.put("commits", pr.commits.size());
        o.put("additions", pr.additions);
        o.put("deletions", pr.deletions);
        o.put("changed_files", pr.changedFiles);
        return o;
    }

    private ObjectNode ref(GithubRepo repo, String branch, String sha) {
        var o = mapper.createObjectNode();
        o.put("label", Team.ORG + ":" + branch);
        o.put("ref", branch);
        o.put("sha", sha);
        o.set("user", shapes.organizationAsOwner());
        o.set("repo", repository(repo, repo.pushedAt()));
        return o;
    }

    /** Line counts that grow with the commits, so that the numbers in successive deliveries agree. */
    private static void countChanges(GithubPullRequest pr, List<GitCommit> commits) {
        for (GitCommit c : commits) {
            int weight = 7 + Math.floorMod(c.sha().hashCode(), 60);
            pr.additions += weight * Math.max(1, c.files().size());
            pr.deletions += weight / 3;
        }
        pr.changedFiles = (int)
                pr.commits.stream().flatMap(c -> c.files().stream()).distinct().count();
    }

    // ---------------------------------------------------------------- CI

    /** A GitHub Actions workflow run that finished on a commit (of a pull request, when given). */
    Delivery workflowRun(
            GithubRepo repo,
            String workflowName,
            String workflowFile,
            long workflowId,
            String branch,
            GitCommit head,
            String event,
            String conclusion,
            GithubPullRequest pr,
            Person actor,
            Instant startedAt,
            Instant at) {
        long id = ids.next("workflow_run", 19_204_551_870L, 3_000_000);
        long suiteId = ids.next("check_suite", 40_118_402_255L, 2_000_000);
        int runNumber = (int) ids.next("run_number " + repo.name() + " " + workflowFile, 1_412, 1);
        ObjectNode run = shapes.part("workflow_run.completed", "workflow_run");
        shapes.moveToRepo(run, repo);
        String api = repo.apiUrl() + "/actions/runs/" + id;
        run.put("artifacts_url", api + "/artifacts");
        run.put("cancel_url", api + "/cancel");
        run.put("check_suite_id", suiteId);
        run.put("check_suite_node_id", StoryIds.nodeId("CS", suiteId));
        run.put("check_suite_url", repo.apiUrl() + "/check-suites/" + suiteId);
        run.put("conclusion", conclusion);
        run.put("created_at", startedAt.toString());
        run.put("event", event);
        run.put("head_branch", branch);
        var headCommit = run.putObject("head_commit");
        headCommit.put("id", head.sha());
        headCommit.put("tree_id", StoryIds.sha("tree " + head.sha()));
        headCommit.put("message", head.message());
        headCommit.put("timestamp", head.at().toString());
        var author = headCommit.putObject("author");
        author.put("name", head.author().name());
        author.put("email", head.author().email());
        var committer = headCommit.putObject("committer");
        committer.put("name", head.committer().name());
        committer.put("email", head.committer().email());
        run.set("head_repository", minimalRepository(repo));
        run.put("head_sha", head.sha());
        run.put("html_url", repo.htmlUrl() + "/actions/runs/" + id);
        run.put("id", id);
        run.put("jobs_url", api + "/jobs");
        run.put("logs_url", api + "/logs");
        run.put("name", workflowName);
        run.put("node_id", StoryIds.nodeId("WFR", id));
        run.putNull("previous_attempt_url");
        ArrayNode prs = run.putArray("pull_requests");
        if (pr != null) {
            prs.add(pullRequestStub(pr));
        }
        run.set("repository", minimalRepository(repo));
        run.put("rerun_url", api + "/rerun");
        run.put("run_attempt", 1);
        run.put("run_number", runNumber);
        run.put("run_started_at", startedAt.toString());
        run.put("status", "completed");
        run.put("updated_at", at.toString());
        run.put("url", api);
        run.put("workflow_id", workflowId);
        run.put("workflow_url", repo.apiUrl() + "/actions/workflows/" + workflowId);
        run.put("display_title", pr != null ? pr.title : head.firstLine());
        run.put("path", ".github/workflows/" + workflowFile);
        run.set("actor", shapes.user(actor));
        run.set("triggering_actor", shapes.user(actor));

        ObjectNode workflow = shapes.part("workflow_run.completed", "workflow");
        workflow.put("badge_url", repo.htmlUrl() + "/workflows/" + workflowName.replace(" ", "%20") + "/badge.svg");
        workflow.put("created_at", repo.createdAt().plusSeconds(86_400L * 3).toString());
        workflow.put("html_url", repo.htmlUrl() + "/blob/main/.github/workflows/" + workflowFile);
        workflow.put("id", workflowId);
        workflow.put("name", workflowName);
        workflow.put("node_id", StoryIds.nodeId("W", workflowId));
        workflow.put("path", ".github/workflows/" + workflowFile);
        workflow.put("state", "active");
        workflow.put("updated_at", repo.createdAt().plusSeconds(86_400L * 200).toString());
        workflow.put("url", repo.apiUrl() + "/actions/workflows/" + workflowId);

        var body = mapper.createObjectNode();
        body.put("action", "completed");
        body.set("workflow_run", run);
        body.set("workflow", workflow);
        envelope(body, repo, actor, at);
        return add("workflow_run", body, at, "github.workflow_run.completed", repo);
    }

    /** One job of a workflow as a check run, with the summary a failing job writes. */
    Delivery checkRun(
            GithubRepo repo,
            String name,
            String branch,
            GitCommit head,
            String conclusion,
            String title,
            String summary,
            GithubPullRequest pr,
            Person sender,
            Instant startedAt,
            Instant at) {
        long id = ids.next("check_run", 52_881_230_117L, 5_000_000);
        long suiteId = ids.next("check_suite", 40_118_402_255L, 2_000_000);
        ObjectNode run = shapes.part("check_run.completed", "check_run");
        String api = repo.apiUrl() + "/check-runs/" + id;
        run.put("id", id);
        run.put("node_id", StoryIds.nodeId("CR", id));
        run.put("head_sha", head.sha());
        run.put("external_id", StoryIds.uuid("check external " + id));
        run.put("url", api);
        run.put("html_url", repo.htmlUrl() + "/runs/" + id);
        run.put("details_url", repo.htmlUrl() + "/runs/" + id);
        run.put("status", "completed");
        run.put("conclusion", conclusion);
        run.put("started_at", startedAt.toString());
        run.put("completed_at", at.toString());
        var output = run.putObject("output");
        output.put("title", title);
        output.put("summary", summary);
        output.putNull("text");
        output.put("annotations_count", conclusion.equals("failure") ? 1 : 0);
        output.put("annotations_url", api + "/annotations");
        run.put("name", name);
        var suite = run.putObject("check_suite");
        suite.put("id", suiteId);
        suite.put("node_id", StoryIds.nodeId("CS", suiteId));
        suite.put("head_branch", branch);
        suite.put("head_sha", head.sha());
        suite.put("status", "completed");
        suite.put("conclusion", conclusion);
        suite.put("url", repo.apiUrl() + "/check-suites/" + suiteId);
        suite.put("before", pr != null ? pr.baseSha : repo.head(branch));
        suite.put("after", head.sha());
        ArrayNode suitePrs = suite.putArray("pull_requests");
        suite.set("app", actionsApp());
        suite.put("created_at", startedAt.minusSeconds(4).toString());
        suite.put("updated_at", at.toString());
        run.set("app", actionsApp());
        ArrayNode prs = run.putArray("pull_requests");
        if (pr != null) {
            suitePrs.add(pullRequestStub(pr));
            prs.add(pullRequestStub(pr));
        }
        var body = mapper.createObjectNode();
        body.put("action", "completed");
        body.set("check_run", run);
        envelope(body, repo, sender, at);
        return add("check_run", body, at, "github.check_run.completed", repo);
    }

    private ObjectNode pullRequestStub(GithubPullRequest pr) {
        var o = mapper.createObjectNode();
        o.put("url", pr.repo.apiUrl() + "/pulls/" + pr.number);
        o.put("id", pr.id);
        o.put("number", pr.number);
        o.set("head", refStub(pr.repo, pr.branch, pr.headSha()));
        o.set("base", refStub(pr.repo, "main", pr.baseSha));
        return o;
    }

    private ObjectNode refStub(GithubRepo repo, String branch, String sha) {
        var o = mapper.createObjectNode();
        o.put("ref", branch);
        o.put("sha", sha);
        var r = o.putObject("repo");
        r.put("id", repo.id());
        r.put("url", repo.apiUrl());
        r.put("name", repo.name());
        return o;
    }

    /** The GitHub Actions app as check runs name it. */
    private ObjectNode actionsApp() {
        ObjectNode app = shapes.part("check_run.completed", "check_run.app");
        var github = new Person("github", 9_919L, "GitHub", "support@github.com", null, null, null, null);
        ObjectNode owner = shapes.user(github);
        owner.put("type", "Organization");
        app.put("id", 15_368);
        app.put("slug", "github-actions");
        app.put("node_id", "MDM6QXBwMTUzNjg=");
        app.put("client_id", "Iv1.05c79e9ad1f6bdfa");
        app.set("owner", owner);
        app.put("name", "GitHub Actions");
        app.put("description", "Automate your workflow from idea to production");
        app.put("external_url", "https://help.github.com/en/actions");
        app.put("html_url", "https://github.com/apps/github-actions");
        app.put("created_at", "2018-07-30T09:30:17Z");
        app.put("updated_at", "2024-04-10T20:33:16Z");
        return app;
    }

    private ObjectNode vercelApp() {
        var app = actionsApp();
        ObjectNode owner =
                shapes.user(new Person("vercel", 14_985_020L, "Vercel", "support@vercel.com", null, null, null, null));
        owner.put("type", "Organization");
        app.put("id", 8_329);
        app.put("slug", "vercel");
        app.put("node_id", "MDM6QXBwODMyOQ==");
        app.put("client_id", "Iv1.9d7d662ea00b8481");
        app.set("owner", owner);
        app.put("name", "Vercel");
        app.put("description", "Vercel for GitHub: preview and production deployments");
        app.put("external_url", "https://vercel.com");
        app.put("html_url", "https://github.com/apps/vercel");
        app.put("created_at", "2017-06-01T20:36:38Z");
        app.put("updated_at", "2025-11-04T17:12:51Z");
        return app;
    }

    // ---------------------------------------------------------------- releases and deployments

    Delivery publishRelease(
            GithubRepo repo, String tag, String name, String notes, Person by, Instant createdAt, Instant at) {
        createRef(repo, "tag", tag, by, at.minusSeconds(1));
        long id = ids.next("release", 251_330_418L, 900_000);
        ObjectNode r = shapes.part("release.published", "release");
        String api = repo.apiUrl() + "/releases/" + id;
        r.put("url", api);
        r.put("assets_url", api + "/assets");
        r.put(
                "upload_url",
                "https://uploads.github.com/repos/" + repo.fullName() + "/releases/" + id + "/assets{?name,label}");
        r.put("html_url", repo.htmlUrl() + "/releases/tag/" + tag);
        r.put("id", id);
        r.put("node_id", StoryIds.nodeId("RE", id));
        r.put("tag_name", tag);
        r.put("target_commitish", "main");
        r.put("name", name);
        r.put("draft", false);
        r.set("author", shapes.user(by));
        r.put("prerelease", false);
        r.put("created_at", createdAt.toString());
        r.put("published_at", at.toString());
        r.put("tarball_url", repo.apiUrl() + "/tarball/" + tag);
        r.put("zipball_url", repo.apiUrl() + "/zipball/" + tag);
        r.put("body", notes);
        var body = mapper.createObjectNode();
        body.put("action", "published");
        body.set("release", r);
        envelope(body, repo, by, at);
        return add("release", body, at, "github.release.published", repo);
    }

    /** A deployment record, made by the team's deploy workflow with the deployer's token. */
    GithubDeployment createDeployment(
            GithubRepo repo,
            String environment,
            String ref,
            String sha,
            String description,
            Person creator,
            Instant at) {
        long id = ids.next("deployment", 3_104_562_877L, 400_000);
        var deployment = new GithubDeployment(repo, id, environment, ref, sha, description, creator, at);
        var body = mapper.createObjectNode();
        body.put("action", "created");
        body.set("deployment", deploymentObject(deployment, at));
        envelope(body, repo, creator, at);
        deployment.created = add("deployment", body, at, "github.deployment.created", repo);
        return deployment;
    }

    Delivery deploymentStatus(
            GithubDeployment deployment, String state, String description, String logUrl, Instant at) {
        long id = ids.next("deployment_status", 3_522_904_118L, 500_000);
        GithubRepo repo = deployment.repo;
        ObjectNode s = shapes.part("deployment_status.created", "deployment_status");
        String depApi = repo.apiUrl() + "/deployments/" + deployment.id;
        s.put("url", depApi + "/statuses/" + id);
        s.put("id", id);
        s.put("node_id", StoryIds.nodeId("DES", id));
        s.put("state", state);
        s.set("creator", shapes.user(deployment.creator));
        s.put("description", description);
        s.put("environment", deployment.environment);
        s.put("target_url", logUrl);
        s.put("created_at", at.toString());
        s.put("updated_at", at.toString());
        s.put("deployment_url", depApi);
        s.put("repository_url", repo.apiUrl());
        s.put(
                "environment_url",
                deployment.environment.equals("production")
                        ? "https://api.ledgerloop.dev"
                        : "https://api.staging.ledgerloop.dev");
        s.put("log_url", logUrl);
        s.putNull("performed_via_github_app");
        var body = mapper.createObjectNode();
        body.put("action", "created");
        body.set("deployment_status", s);
        body.set("deployment", deploymentObject(deployment, at));
        envelope(body, repo, deployment.creator, at);
        Delivery d = add("deployment_status", body, at, "github.deployment_status." + state, repo);
        deployment.statuses.add(d);
        return d;
    }

    private ObjectNode deploymentObject(GithubDeployment deployment, Instant updatedAt) {
        GithubRepo repo = deployment.repo;
        ObjectNode o = shapes.part("deployment.created", "deployment");
        String api = repo.apiUrl() + "/deployments/" + deployment.id;
        o.put("url", api);
        o.put("id", deployment.id);
        o.put("node_id", StoryIds.nodeId("DE", deployment.id));
        o.put("sha", deployment.sha);
        o.put("ref", deployment.ref);
        o.put("task", "deploy");
        o.putObject("payload");
        o.put("original_environment", deployment.environment);
        o.put("environment", deployment.environment);
        o.put("description", deployment.description);
        o.set("creator", shapes.user(deployment.creator));
        o.put("created_at", deployment.createdAt.toString());
        o.put("updated_at", updatedAt.toString());
        o.put("statuses_url", api + "/statuses");
        o.put("repository_url", repo.apiUrl());
        o.put("transient_environment", false);
        o.put("production_environment", deployment.environment.equals("production"));
        o.putNull("performed_via_github_app");
        return o;
    }

    // ---------------------------------------------------------------- shared parts

    /** What every delivery of an organisation repository ends with. */
    private void envelope(ObjectNode body, GithubRepo repo, Person sender, Instant at) {
        body.set("repository", repository(repo, at));
        body.set("organization", shapes.organization());
        body.set("sender", shapes.user(sender));
    }

    private ObjectNode repository(GithubRepo repo, Instant at) {
        ObjectNode r = shapes.part("pull_request.closed", "repository");
        describeRepository(r, repo);
        r.put("created_at", repo.createdAt().toString());
        r.put("updated_at", maxOf(repo.pushedAt(), at).toString());
        r.put("pushed_at", repo.pushedAt().toString());
        return r;
    }

    /** The repository as {@code push} deliveries describe it: times in epoch seconds, as GitHub sends them. */
    private ObjectNode pushRepository(GithubRepo repo, Instant at) {
        ObjectNode r = shapes.part("push", "repository");
        describeRepository(r, repo);
        r.put("url", repo.htmlUrl());
        ObjectNode owner = (ObjectNode) r.get("owner");
        owner.put("name", Team.ORG);
        owner.putNull("email");
        r.put("created_at", repo.createdAt().getEpochSecond());
        r.put("updated_at", maxOf(repo.pushedAt(), at).toString());
        r.put("pushed_at", at.getEpochSecond());
        r.put("stargazers", 0);
        r.put("master_branch", "main");
        r.put("organization", Team.ORG);
        return r;
    }

    private void describeRepository(ObjectNode r, GithubRepo repo) {
        ObjectNode ownerShape = (ObjectNode) r.get("owner");
        shapes.moveToRepo(r, repo);
        ObjectNode owner = shapes.organizationAsOwner();
        if (ownerShape.has("name")) {
            var withName = mapper.createObjectNode();
            withName.put("name", Team.ORG);
            withName.putNull("email");
            withName.setAll(owner);
            owner = withName;
        }
        r.set("owner", owner);
        r.put("id", repo.id());
        r.put("node_id", StoryIds.nodeId("R", repo.id()));
        r.put("name", repo.name());
        r.put("full_name", repo.fullName());
        r.put("private", true);
        r.put("description", repo.description());
        r.put("homepage", repo.homepage());
        r.put("size", repo.size());
        r.put("stargazers_count", 0);
        r.put("watchers_count", 0);
        r.put("language", repo.language());
        r.put("has_pages", false);
        r.put("forks_count", 0);
        r.put("forks", 0);
        r.put("open_issues_count", repo.openIssues());
        r.put("open_issues", repo.openIssues());
        r.put("watchers", 0);
        r.put("default_branch", "main");
        r.put("visibility", "private");
    }

    private ObjectNode minimalRepository(GithubRepo repo) {
        ObjectNode r = shapes.part("workflow_run.completed", "workflow_run.repository");
        shapes.moveToRepo(r, repo);
        r.set("owner", shapes.organizationAsOwner());
        r.put("id", repo.id());
        r.put("node_id", StoryIds.nodeId("R", repo.id()));
        r.put("name", repo.name());
        r.put("full_name", repo.fullName());
        r.put("private", true);
        r.put("description", repo.description());
        return r;
    }

    private ArrayNode labels(GithubRepo repo, List<String> names) {
        ArrayNode array = mapper.createArrayNode();
        names.forEach(n -> array.add(labelObject(repo, n)));
        return array;
    }

    private ObjectNode labelObject(GithubRepo repo, String name) {
        String[] spec = LABELS.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no label " + name);
        }
        long id = 7_000_000_000L + Math.floorMod((repo.name() + "/" + name).hashCode(), 900_000_000);
        var o = mapper.createObjectNode();
        o.put("id", id);
        o.put("node_id", StoryIds.nodeId("LA", id));
        o.put("url", repo.apiUrl() + "/labels/" + name);
        o.put("name", name);
        o.put("color", spec[0]);
        o.put("default", name.equals("bug") || name.equals("enhancement"));
        o.put("description", spec[1]);
        return o;
    }

    private ArrayNode users(List<Person> people) {
        ArrayNode array = mapper.createArrayNode();
        people.forEach(p -> array.add(shapes.user(p)));
        return array;
    }

    private ObjectNode reactions(String url) {
        var o = mapper.createObjectNode();
        o.put("url", url);
        o.put("total_count", 0);
        for (String r : List.of("+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes")) {
            o.put(r, 0);
        }
        return o;
    }

    private static String association(Person p) {
        return p.isBot() ? "NONE" : "MEMBER";
    }

    private static Instant maxOf(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private Delivery add(String event, ObjectNode body, Instant at, String canonicalType, GithubRepo repo) {
        OctokitShapes.assertNoExampleLeft(event + " at " + at, body);
        String deliveryId = StoryIds.uuid("github delivery " + (++deliveryCount));
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", HOOKSHOT);
        headers.put("X-GitHub-Delivery", deliveryId);
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Hook-ID", HOOK_ID);
        headers.put("X-GitHub-Hook-Installation-Target-ID", Long.toString(Team.ORG_ID));
        headers.put("X-GitHub-Hook-Installation-Target-Type", "organization");
        return history.add(
                new Delivery("github", event, deliveryId, at, headers, body, canonicalType, repo.fullName()));
    }
}
