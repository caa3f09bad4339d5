package dev.lightfast.connectors.github;

import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.Alias;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphExtractor;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.MentionScanner;
import dev.lightfast.core.graph.RelationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's canonical events as graph facts: who opened, reviewed, merged and commented on what,
 * which commits a pull request and a branch contain, which issues a pull request or commit fixes,
 * what a deployment shipped, and the aliases (numeric id, commit emails) that identify people.
 * It reads only the stored event (type, subjects, attributes, text), so a rebuild needs no payload.
 */
final class GithubGraph implements GraphExtractor {
    /** "Fixes #12", "closes octo/repo#3": GitHub's own closing keywords. */
    private static final Pattern CLOSING =
            Pattern.compile("(?i)\\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\\s*:?\\s+((?:[\\w.-]+/[\\w.-]+)?#\\d+)");

    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w/#])(?:([\\w.-]+/[\\w.-]+))?#(\\d{1,7})\\b");
    private static final Pattern URL = Pattern.compile("https://github\\.com/([\\w.-]+/[\\w.-]+)/(pull|issues)/(\\d+)");
    /** {@code 12345+login@users.noreply.github.com}: GitHub's own address, so it names the account. */
    private static final Pattern NOREPLY =
            Pattern.compile("(?i)^(?:(\\d+)\\+)?([a-z0-9](?:[a-z0-9-]{0,38}))@users\\.noreply\\.github\\.com$");

    @Override
    public List<EntityRef> mentionsIn(String text) {
        List<EntityRef> refs = new ArrayList<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            Long n = Long.valueOf(m.group(3));
            refs.add(
                    "pull".equals(m.group(2))
                            ? GithubEntities.pullRequest(m.group(1), n)
                            : GithubEntities.issue(m.group(1), n));
        }
        return refs;
    }

    @Override
    public List<GraphFact> extract(Event e, MentionScanner mentions) {
        var facts = new Facts(e);
        EntityRef repo = facts.first("repository");
        String[] parts = e.type().split("\\.");
        String family = parts.length > 1 ? parts[1] : "";
        String action = parts.length > 2 ? parts[2] : "";
        facts.identifySender();

        switch (family) {
            case "pull_request" -> pullRequest(facts, repo, action);
            case "pull_request_review" -> review(facts, repo);
            case "pull_request_review_comment" ->
                facts.relate(RelationType.COMMENTED_ON, person(facts.attr("author")), facts.first("pull_request"));
            case "issue" -> issue(facts, repo, action);
            case "issue_comment" -> comment(facts, repo);
            case "commit" -> commit(facts, repo);
            case "push" -> facts.belongsTo(facts.first("branch"), repo);
            case "branch", "tag" -> {
                EntityRef ref = facts.first(family);
                facts.belongsTo(ref, repo);
                facts.describe(ref, Map.of("deleted", "deleted".equals(action)));
            }
            case "release" -> {
                EntityRef release = facts.first("release");
                facts.belongsTo(release, repo);
                facts.relate(RelationType.RELEASED, e.actor(), release);
                facts.relate(RelationType.TAGS, release, facts.first("tag"));
                facts.describe(release, pick(e, "tag", "name", "prerelease", "draft", "target_commitish"));
                // What it was cut from: a commit, or a branch as it stood when the release was made.
                String target = facts.attr("target_commitish");
                if (target != null && target.matches("[0-9a-fA-F]{40}")) {
                    facts.relate(RelationType.BUILT_FROM, release, commitOf(target.toLowerCase(java.util.Locale.ROOT)));
                } else if (target != null && repo != null) {
                    facts.relate(RelationType.BUILT_FROM, release, GithubEntities.branch(repo.label(), target));
                }
            }
            case "deployment", "deployment_status" -> {
                EntityRef deployment = facts.first("deployment");
                facts.belongsTo(deployment, repo);
                facts.relate(RelationType.DEPLOYED, deployment, facts.first("commit"));
                facts.relate(RelationType.DEPLOYED_TO, deployment, facts.first("environment"));
                facts.relate(RelationType.BELONGS_TO, facts.first("environment"), repo);
                if ("deployment".equals(family)) {
                    facts.relate(RelationType.DEPLOYED, e.actor(), deployment);
                    facts.describe(deployment, pick(e, "environment", "ref", "sha", "task"));
                } else {
                    facts.describe(deployment, Map.of("state", action));
                }
            }
            case "workflow_run", "check_run", "check_suite" -> {
                EntityRef run = facts.first(family);
                facts.belongsTo(run, repo);
                facts.relate(RelationType.RAN_ON, run, facts.first("commit"));
                for (EntityRef pr : facts.all("pull_request")) {
                    facts.relate(RelationType.CHECKS, run, pr);
                }
                facts.describe(run, pick(e, "name", "status", "conclusion", "head_branch", "head_sha"));
            }
            case "status" -> facts.describe(facts.first("commit"), pick(e, "state", "context"));
            case "member" -> facts.relate(RelationType.MEMBER_OF, person(facts.attr("member")), repo);
            default -> {
                // Other families (repository, raw events) still get their subjects and actor below.
            }
        }
        for (EntityRef s : e.subjects()) {
            facts.describe(s, Map.of());
            if (!s.kind().equals("repository")
                    && !s.kind().equals("person")
                    && repo != null
                    && !s.kind().equals("commit")) {
                facts.belongsTo(s, repo);
            }
        }
        facts.mentions(mentions);
        return facts.list;
    }

    private static void pullRequest(Facts f, EntityRef repo, String action) {
        Event e = f.event;
        EntityRef pr = f.first("pull_request");
        EntityRef author = person(f.attr("author"));
        f.relate(RelationType.AUTHORED, author, pr);
        Map<String, Object> state = new LinkedHashMap<>(pick(
                e,
                "title",
                "number",
                "base_branch",
                "head_branch",
                "draft",
                "additions",
                "deletions",
                "changed_files"));
        switch (action) {
            case "opened" -> {
                f.relate(RelationType.OPENED, e.actor(), pr);
                state.put("state", "open");
            }
            case "reopened" -> state.put("state", "open");
            case "merged" -> {
                f.relate(
                        RelationType.MERGED,
                        person(f.attr("merged_by")) != null ? person(f.attr("merged_by")) : e.actor(),
                        pr);
                state.put("state", "merged");
                EntityRef mergeCommit = commitOf(f.attr("merge_commit_sha"));
                f.relate(RelationType.CONTAINS, pr, mergeCommit);
                f.relate(RelationType.BELONGS_TO, mergeCommit, repo);
            }
            case "closed" -> {
                f.relate(RelationType.CLOSED, e.actor(), pr);
                state.put("state", "closed");
            }
            case "review_requested" ->
                f.relate(RelationType.REVIEW_REQUESTED, pr, person(f.attr("requested_reviewer")));
            case "review_request_removed" ->
                f.end(RelationType.REVIEW_REQUESTED, pr, person(f.attr("requested_reviewer")));
            case "assigned" -> f.relate(RelationType.ASSIGNED_TO, pr, person(f.attr("assignee")));
            case "unassigned" -> f.end(RelationType.ASSIGNED_TO, pr, person(f.attr("assignee")));
            default -> {
                // edited, synchronize, labeled...: the attributes and head commit below say what changed
            }
        }
        f.describe(pr, state);
        EntityRef head = commitOf(f.attr("head_sha"));
        f.relate(RelationType.CONTAINS, pr, head);
        f.relate(RelationType.BELONGS_TO, head, repo);
        String base = f.attr("base_branch");
        String headBranch = f.attr("head_branch");
        if (repo != null && headBranch != null) {
            f.relate(RelationType.FROM_BRANCH, pr, GithubEntities.branch(repo.label(), headBranch));
        }
        if (repo != null && base != null) {
            f.relate(RelationType.INTO_BRANCH, pr, GithubEntities.branch(repo.label(), base));
        }
        f.references(pr, repo, e.title() + "\n" + e.body());
    }

    private static void review(Facts f, EntityRef repo) {
        Event e = f.event;
        EntityRef pr = f.first("pull_request");
        EntityRef reviewer = person(f.attr("reviewer"));
        f.relate(RelationType.REVIEWED, reviewer, pr);
        f.end(RelationType.REVIEW_REQUESTED, pr, reviewer);
        Object reviewId = e.attributes().get("review_id");
        if (pr != null && reviewId != null) {
            var review = new EntityRef(
                    "review",
                    pr.key() + "#pullrequestreview-" + reviewId,
                    "review by " + f.attr("reviewer") + " on " + pr.label());
            f.describe(review, pick(e, "state", "reviewer"));
            f.relate(RelationType.AUTHORED, reviewer, review);
            f.relate(RelationType.BELONGS_TO, review, pr);
        }
    }

    private static void issue(Facts f, EntityRef repo, String action) {
        Event e = f.event;
        EntityRef issue = f.first("issue") != null ? f.first("issue") : f.first("pull_request");
        f.relate(RelationType.AUTHORED, person(f.attr("author")), issue);
        Map<String, Object> state =
                new LinkedHashMap<>(pick(e, "title", "number", "labels", "state_reason", "milestone"));
        if (f.attr("state") != null) {
            state.put("state", f.attr("state"));
        }
        switch (action) {
            case "opened" -> f.relate(RelationType.OPENED, e.actor(), issue);
            case "closed" -> f.relate(RelationType.CLOSED, e.actor(), issue);
            case "assigned" -> f.relate(RelationType.ASSIGNED_TO, issue, person(f.attr("assignee")));
            case "unassigned" -> f.end(RelationType.ASSIGNED_TO, issue, person(f.attr("assignee")));
            default -> {
                // labeled, edited, reopened...: the state attributes carry it
            }
        }
        f.describe(issue, state);
        if ("opened".equals(action) || "edited".equals(action)) {
            f.references(issue, repo, e.body());
        }
    }

    private static void comment(Facts f, EntityRef repo) {
        Event e = f.event;
        EntityRef target = f.first("issue") != null ? f.first("issue") : f.first("pull_request");
        f.relate(RelationType.COMMENTED_ON, person(f.attr("author")), target);
        f.references(target, repo, e.body());
    }

    private static void commit(Facts f, EntityRef repo) {
        Event e = f.event;
        EntityRef commit = f.first("commit");
        f.belongsTo(commit, repo);
        f.relate(RelationType.CONTAINS, f.first("branch"), commit);
        EntityRef author = person(f.attr("author_username"));
        EntityRef committer = person(f.attr("committer_username"));
        String email = f.attr("author_email");
        String name = f.attr("author_name");
        if (author == null && email != null) {
            // No GitHub account in the payload: the email is the person until evidence joins it.
            author = noreplyPerson(email);
            if (author == null) {
                author = new EntityRef(
                        "person", "email:" + email.toLowerCase(java.util.Locale.ROOT), name != null ? name : email);
            }
        }
        f.relate(RelationType.AUTHORED, author, commit);
        f.relate(RelationType.COMMITTED, committer != null ? committer : author, commit);
        if (author != null && email != null) {
            f.identify(
                    author,
                    Alias.email(email),
                    "commit " + GithubPayload.shortSha(f.attr("sha")) + " was authored by " + author.label()
                            + " with the email " + email);
            EntityRef noreply = noreplyPerson(email);
            if (noreply != null && !noreply.sameEntity(author)) {
                f.identify(noreply, Alias.email(email), email + " is GitHub's no-reply address of " + noreply.label());
            }
        }
        if (author != null && name != null) {
            f.identify(
                    author,
                    Alias.name(name),
                    "commit " + GithubPayload.shortSha(f.attr("sha")) + " names its author " + name);
        }
        f.references(commit, repo, e.body() + "\n" + e.title());
        coAuthors(f, commit, e.body());
    }

    /** {@code Co-authored-by: Name <email>} trailers, as git and GitHub write them. */
    private static final Pattern CO_AUTHOR =
            Pattern.compile("(?im)^\\s*co-authored-by:\\s*(.*?)\\s*<([^<>\\s]+@[^<>\\s]+)>\\s*$");

    private static void coAuthors(Facts f, EntityRef commit, String message) {
        if (commit == null || message == null) {
            return;
        }
        Matcher m = CO_AUTHOR.matcher(message);
        while (m.find()) {
            String name = m.group(1).isBlank() ? null : m.group(1).strip();
            String email = m.group(2);
            EntityRef person = noreplyPerson(email);
            if (person == null) {
                person = new EntityRef(
                        EntityKind.PERSON.wire(),
                        "email:" + email.toLowerCase(java.util.Locale.ROOT),
                        name != null ? name : email);
            }
            f.relate(RelationType.CO_AUTHORED, person, commit);
            String sha = GithubPayload.shortSha(f.attr("sha"));
            f.identify(person, Alias.email(email), "commit " + sha + " names " + email + " as a co-author");
            if (name != null) {
                f.identify(person, Alias.name(name), "commit " + sha + " names its co-author " + name);
            }
        }
    }

    private static EntityRef noreplyPerson(String email) {
        Matcher m = NOREPLY.matcher(email.trim());
        return m.matches() ? GithubEntities.person(m.group(2)) : null;
    }

    private static EntityRef person(String login) {
        return login == null ? null : GithubEntities.person(login);
    }

    private static EntityRef commitOf(String sha) {
        return sha == null ? null : GithubEntities.commit(sha);
    }

    private static Map<String, Object> pick(Event e, String... names) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : names) {
            Object v = e.attributes().get(n);
            if (v != null) {
                out.put(n, v);
            }
        }
        return out;
    }

    /** Collects facts, skipping any that would point at a missing entity. */
    private static final class Facts {
        final Event event;
        final List<GraphFact> list = new ArrayList<>();
        private final Instant at;

        Facts(Event event) {
            this.event = event;
            this.at = event.occurredAt();
        }

        EntityRef first(String kind) {
            for (EntityRef s : event.subjects()) {
                if (s.kind().equals(kind)) {
                    return s;
                }
            }
            return null;
        }

        List<EntityRef> all(String kind) {
            return event.subjects().stream().filter(s -> s.kind().equals(kind)).toList();
        }

        String attr(String name) {
            Object v = event.attributes().get(name);
            return v == null ? null : v.toString();
        }

        void describe(EntityRef entity, Map<String, Object> attributes) {
            if (entity != null) {
                list.add(new GraphFact.Describes(entity, attributes, at));
            }
        }

        void relate(RelationType type, EntityRef from, EntityRef to) {
            if (from != null && to != null && !from.sameEntity(to)) {
                list.add(new GraphFact.Relates(type, from, to, at));
            }
        }

        void end(RelationType type, EntityRef from, EntityRef to) {
            if (from != null && to != null) {
                list.add(new GraphFact.Ends(type, from, to, at));
            }
        }

        void belongsTo(EntityRef thing, EntityRef repo) {
            relate(RelationType.BELONGS_TO, thing, repo);
        }

        void identify(EntityRef person, Alias alias, String evidence) {
            list.add(new GraphFact.Identifies(person, alias, evidence));
        }

        void identifySender() {
            Object id = event.attributes().get("sender_id");
            EntityRef sender = person(attr("sender"));
            if (sender != null && id != null) {
                identify(
                        sender,
                        new Alias("github_id", id.toString()),
                        "GitHub sent " + sender.label() + " as the sender with account id " + id);
            }
        }

        /** Issues named in text: closing keywords make {@code fixes}, every mention {@code references}. */
        void references(EntityRef from, EntityRef repo, String text) {
            if (from == null || text == null || text.isBlank()) {
                return;
            }
            String repoName = repo == null ? null : repo.label();
            // Both name an issue with '#'; without one, neither pattern need try every position of the text.
            if (text.indexOf('#') >= 0) {
                Matcher closing = CLOSING.matcher(text);
                while (closing.find()) {
                    relate(RelationType.FIXES, from, issueRef(closing.group(1), repoName));
                }
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    String target = m.group(1) != null ? m.group(1) : repoName;
                    if (target != null) {
                        relate(RelationType.REFERENCES, from, GithubEntities.issue(target, Long.valueOf(m.group(2))));
                    }
                }
            }
            Matcher url = URL.matcher(text);
            while (url.find()) {
                Long n = Long.valueOf(url.group(3));
                relate(
                        RelationType.REFERENCES,
                        from,
                        "pull".equals(url.group(2))
                                ? GithubEntities.pullRequest(url.group(1), n)
                                : GithubEntities.issue(url.group(1), n));
            }
        }

        private static EntityRef issueRef(String ref, String repoName) {
            int hash = ref.indexOf('#');
            String repo = hash > 0 ? ref.substring(0, hash) : repoName;
            return repo == null ? null : GithubEntities.issue(repo, Long.valueOf(ref.substring(hash + 1)));
        }

        /** Other tools' things named in the event's text (a Linear key in a branch or title). */
        void mentions(MentionScanner scanner) {
            EntityRef from = primary();
            if (from == null) {
                return;
            }
            StringBuilder text = new StringBuilder(event.title()).append('\n').append(event.body());
            for (String attr : List.of("head_branch", "branch", "ref")) {
                if (attr(attr) != null) {
                    text.append('\n').append(attr(attr));
                }
            }
            for (EntityRef ref : scanner.scan(text.toString())) {
                if (!ref.key().startsWith("github:")) {
                    relate(RelationType.MENTIONS, from, ref);
                }
            }
        }

        /** What the event is mainly about: the most specific subject. */
        private EntityRef primary() {
            for (String kind : List.of(
                    "pull_request",
                    "issue",
                    "commit",
                    "release",
                    "deployment",
                    "workflow_run",
                    "check_run",
                    "branch",
                    "repository")) {
                EntityRef r = first(kind);
                if (r != null) {
                    return r;
                }
            }
            return null;
        }
    }
}
