package dev.lightfast.emulators.github;

import dev.lightfast.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.node.ObjectNode;

/**
 * A generated team history on GitHub — pull requests with their reviews and merge commits, issues,
 * commits on the default branch, releases, deployments with their statuses — that the emulator can
 * serve through its read API (each object as it is at the end) and hand out as the webhooks GitHub
 * would have sent while it happened (each object as it was then). The same seed gives the same
 * history, so a backfill of the one and a replay of the other can be compared.
 */
public final class GithubHistory {
    /** A person, as GitHub's {@code user} objects name one. */
    public record User(String login, long id) {}

    public record Review(long id, User user, String state, Instant at, String body, String commitId) {}

    public record Pull(
            String repo,
            long number,
            long id,
            String title,
            String body,
            User author,
            Instant created,
            Instant closed,
            boolean merged,
            User closer,
            String headRef,
            String headSha,
            String mergeSha,
            List<Review> reviews) {
        Instant updated() {
            Instant u = closed != null ? closed : created;
            for (Review r : reviews) {
                if (r.at().isAfter(u)) {
                    u = r.at();
                }
            }
            return u;
        }
    }

    public record Issue(
            String repo,
            long number,
            long id,
            String title,
            String body,
            User author,
            Instant created,
            Instant closed,
            User closer) {
        Instant updated() {
            return closed != null ? closed : created;
        }
    }

    public record Commit(String repo, String sha, String message, User author, Instant at, String branch) {}

    public record Release(
            String repo, long id, String tag, String name, String body, User author, Instant at, String target) {}

    public record Status(long id, String state, User creator, Instant at, String description) {}

    public record Deployment(
            String repo,
            long id,
            String sha,
            String ref,
            String environment,
            User creator,
            Instant at,
            String description,
            List<Status> statuses) {}

    /** One webhook as GitHub sends it: its event header, a delivery id, the payload, and when it happened. */
    public record Delivery(String event, String deliveryId, byte[] body, Instant at) {}

    static final String WEB = GithubState.WEB;
    public static final String DEFAULT_BRANCH = "main";

    private final List<String> repos;
    private final List<Pull> pulls;
    private final List<Issue> issues;
    private final List<Commit> commits;
    private final List<Release> releases;
    private final List<Deployment> deployments;
    private final Instant start;
    private final Instant end;

    private GithubHistory(
            List<String> repos,
            List<Pull> pulls,
            List<Issue> issues,
            List<Commit> commits,
            List<Release> releases,
            List<Deployment> deployments,
            Instant start,
            Instant end) {
        this.repos = List.copyOf(repos);
        this.pulls = List.copyOf(pulls);
        this.issues = List.copyOf(issues);
        this.commits = List.copyOf(commits);
        this.releases = List.copyOf(releases);
        this.deployments = List.copyOf(deployments);
        this.start = start;
        this.end = end;
    }

    /**
     * A history of about {@code objects} API objects (pull requests, reviews, issues, commits,
     * releases, deployments, statuses) across {@code repos}, from {@code start}, a few minutes apart.
     */
    public static GithubHistory generate(long seed, int objects, List<String> repos, Instant start) {
        var random = new Random(seed);
        var people = new ArrayList<User>();
        for (String login :
                List.of("ana", "bo", "chen", "dara", "eli", "fern", "gus", "hana", "ivo", "jun", "kai", "lena")) {
            people.add(new User(login, 1000 + people.size()));
        }
        var pulls = new ArrayList<Pull>();
        var issues = new ArrayList<Issue>();
        var commits = new ArrayList<Commit>();
        var releases = new ArrayList<Release>();
        var deployments = new ArrayList<Deployment>();
        long[] nextNumber = new long[repos.size()];
        java.util.Arrays.fill(nextNumber, 1);
        long ids = 5_000_000L;
        Instant t = start;
        int count = 0;
        var openIssues = new ArrayList<Issue>();
        while (count < objects) {
            t = t.plusSeconds(60 + random.nextInt(20 * 60));
            int r = random.nextInt(repos.size());
            String repo = repos.get(r);
            User who = people.get(random.nextInt(people.size()));
            int dice = random.nextInt(100);
            if (dice < 35) {
                long number = nextNumber[r]++;
                String headRef = "feature/" + number + "-" + WORDS[random.nextInt(WORDS.length)];
                String headSha = sha(random);
                Instant closed = random.nextInt(10) < 8 ? t.plusSeconds(600 + random.nextInt(3 * 3600)) : null;
                boolean merged = closed != null && random.nextInt(8) != 0;
                var reviews = new ArrayList<Review>();
                int nReviews = random.nextInt(4);
                Instant last = closed != null ? closed : t.plusSeconds(4 * 3600);
                var times = new ArrayList<Instant>();
                for (int i = 0; i < nReviews; i++) {
                    times.add(t.plusSeconds(60
                            + random.nextLong(
                                    Math.max(61, Duration.between(t, last).toSeconds() - 60))));
                }
                times.sort(null);
                // GitHub numbers reviews as they are submitted: ids grow with time.
                for (int i = 0; i < nReviews; i++) {
                    reviews.add(new Review(
                            ++ids,
                            other(people, who, random),
                            i == nReviews - 1 && merged ? "APPROVED" : REVIEW_STATES[random.nextInt(3)],
                            times.get(i),
                            "Looked at " + WORDS[random.nextInt(WORDS.length)],
                            headSha));
                }
                String fixes = "";
                if (!openIssues.isEmpty() && random.nextBoolean()) {
                    var issue = openIssues.remove(random.nextInt(openIssues.size()));
                    if (issue.repo().equals(repo)) {
                        fixes = "\n\nFixes #" + issue.number();
                    }
                }
                var pull = new Pull(
                        repo,
                        number,
                        ++ids,
                        capital(WORDS[random.nextInt(WORDS.length)]) + " " + WORDS[random.nextInt(WORDS.length)]
                                + " in " + WORDS[random.nextInt(WORDS.length)],
                        "This changes the " + WORDS[random.nextInt(WORDS.length)] + "." + fixes,
                        who,
                        t,
                        closed,
                        merged,
                        // One who closes a pull request unmerged is its author here: GitHub's pull
                        // request API names who merged (merged_by), never who closed.
                        closed == null ? null : merged ? other(people, who, random) : who,
                        headRef,
                        headSha,
                        merged ? sha(random) : null,
                        reviews);
                pulls.add(pull);
                count += 1 + reviews.size();
                if (merged) {
                    commits.add(new Commit(
                            repo,
                            pull.mergeSha(),
                            "Merge pull request #" + number + " from acme/" + headRef,
                            pull.closer(),
                            closed,
                            DEFAULT_BRANCH));
                    count++;
                }
            } else if (dice < 55) {
                long number = nextNumber[r]++;
                Instant closed = random.nextInt(3) == 0 ? t.plusSeconds(3600 + random.nextInt(48 * 3600)) : null;
                var issue = new Issue(
                        repo,
                        number,
                        ++ids,
                        capital(WORDS[random.nextInt(WORDS.length)]) + " fails when "
                                + WORDS[random.nextInt(WORDS.length)],
                        "Seen on " + WORDS[random.nextInt(WORDS.length)] + ".",
                        who,
                        t,
                        closed,
                        closed == null ? null : other(people, who, random));
                issues.add(issue);
                if (closed == null) {
                    openIssues.add(issue);
                }
                count++;
            } else if (dice < 80) {
                commits.add(new Commit(
                        repo,
                        sha(random),
                        capital(WORDS[random.nextInt(WORDS.length)]) + " the " + WORDS[random.nextInt(WORDS.length)],
                        who,
                        t,
                        DEFAULT_BRANCH));
                count++;
            } else if (dice < 95) {
                String sha = commits.isEmpty() ? sha(random) : commits.getLast().sha();
                String env = random.nextInt(3) == 0 ? "staging" : "production";
                long id = ++ids;
                var statuses = new ArrayList<Status>();
                statuses.add(new Status(++ids, "in_progress", who, t.plusSeconds(5), "Deploying"));
                boolean ok = random.nextInt(6) != 0;
                statuses.add(new Status(
                        ++ids,
                        ok ? "success" : "failure",
                        who,
                        t.plusSeconds(90 + random.nextInt(300)),
                        ok ? "Deployed" : "Health check failed"));
                deployments.add(new Deployment(
                        repo, id, sha, DEFAULT_BRANCH, env, who, t, "Deploy " + sha.substring(0, 7), statuses));
                count += 1 + statuses.size();
            } else {
                long id = ++ids;
                int n = (int) releases.stream()
                                .filter(x -> x.repo().equals(repo))
                                .count()
                        + 1;
                String tag = "v1." + n + ".0";
                releases.add(
                        new Release(repo, id, tag, "Release " + tag, "What changed in " + tag, who, t, DEFAULT_BRANCH));
                count++;
            }
        }
        return new GithubHistory(repos, pulls, issues, commits, releases, deployments, start, t.plusSeconds(6 * 3600));
    }

    private static final String[] WORDS = {
        "checkout",
        "gateway",
        "retries",
        "cache",
        "login",
        "billing",
        "search",
        "invoices",
        "webhooks",
        "queue",
        "timeouts",
        "export",
        "onboarding",
        "metrics",
        "pricing",
        "sessions",
        "uploads",
        "alerts"
    };
    private static final String[] REVIEW_STATES = {"APPROVED", "CHANGES_REQUESTED", "COMMENTED"};

    private static User other(List<User> people, User not, Random random) {
        User u;
        do {
            u = people.get(random.nextInt(people.size()));
        } while (u.equals(not));
        return u;
    }

    private static String sha(Random random) {
        byte[] b = new byte[20];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public List<String> repos() {
        return repos;
    }

    public List<Pull> pulls() {
        return pulls;
    }

    public List<Issue> issues() {
        return issues;
    }

    public List<Commit> commits() {
        return commits;
    }

    public List<Release> releases() {
        return releases;
    }

    public List<Deployment> deployments() {
        return deployments;
    }

    /** The first moment of the history: a backfill {@code since} it reads all of it. */
    public Instant start() {
        return start;
    }

    /** After the last change. */
    public Instant end() {
        return end;
    }

    /** How many API objects it holds: pull requests, reviews, issues, commits, releases, deployments, statuses. */
    public int objectCount() {
        int n = pulls.size() + issues.size() + commits.size() + releases.size() + deployments.size();
        for (Pull p : pulls) {
            n += p.reviews().size();
        }
        for (Deployment d : deployments) {
            n += d.statuses().size();
        }
        return n;
    }

    // ---- JSON as the REST API and the webhooks show it, as of a moment ----

    static ObjectNode user(User u) {
        return Json.MAPPER
                .createObjectNode()
                .put("login", u.login())
                .put("id", u.id())
                .put("type", "User")
                .put("html_url", WEB + "/" + u.login());
    }

    ObjectNode repoJson(String repo) {
        var r = Json.MAPPER.createObjectNode();
        r.put("id", 700_000 + repos.indexOf(repo));
        r.put("name", repo.substring(repo.indexOf('/') + 1));
        r.put("full_name", repo);
        r.putObject("owner").put("login", repo.substring(0, repo.indexOf('/'))).put("type", "Organization");
        r.put("private", true);
        r.put("html_url", WEB + "/" + repo);
        r.put("default_branch", DEFAULT_BRANCH);
        return r;
    }

    /** A pull request as it was at {@code asOf} (its end state when that is after it all). */
    ObjectNode pullJson(Pull p, Instant asOf) {
        return pullJson(p, asOf, true);
    }

    /** {@code full}: as one pull request's own page shows it; the list leaves {@code merged_by} out. */
    ObjectNode pullJson(Pull p, Instant asOf, boolean full) {
        boolean closed = p.closed() != null && !p.closed().isAfter(asOf);
        var j = Json.MAPPER.createObjectNode();
        j.put("id", p.id());
        j.put("number", p.number());
        j.put("state", closed ? "closed" : "open");
        j.put("title", p.title());
        j.put("body", p.body());
        j.set("user", user(p.author()));
        j.put("html_url", WEB + "/" + p.repo() + "/pull/" + p.number());
        j.put("created_at", p.created().toString());
        Instant updated = p.created();
        for (Review r : p.reviews()) {
            if (!r.at().isAfter(asOf) && r.at().isAfter(updated)) {
                updated = r.at();
            }
        }
        if (closed && p.closed().isAfter(updated)) {
            updated = p.closed();
        }
        j.put("updated_at", updated.toString());
        j.put("closed_at", closed ? p.closed().toString() : null);
        j.put("merged_at", closed && p.merged() ? p.closed().toString() : null);
        j.put("merge_commit_sha", closed && p.merged() ? p.mergeSha() : null);
        j.put("draft", false);
        var head = j.putObject("head");
        head.put("ref", p.headRef()).put("sha", p.headSha()).put("label", "acme:" + p.headRef());
        var base = j.putObject("base");
        base.put("ref", DEFAULT_BRANCH).put("label", "acme:" + DEFAULT_BRANCH);
        if (full) {
            j.put("merged", closed && p.merged());
            if (closed && p.merged()) {
                j.set("merged_by", user(p.closer()));
            } else {
                j.putNull("merged_by");
            }
        }
        return j;
    }

    ObjectNode reviewJson(Pull p, Review r) {
        var j = Json.MAPPER.createObjectNode();
        j.put("id", r.id());
        j.set("user", user(r.user()));
        j.put("body", r.body());
        j.put("state", r.state());
        j.put("html_url", WEB + "/" + p.repo() + "/pull/" + p.number() + "#pullrequestreview-" + r.id());
        j.put("pull_request_url", "https://api.github.com/repos/" + p.repo() + "/pulls/" + p.number());
        j.put("submitted_at", r.at().toString());
        j.put("commit_id", r.commitId());
        return j;
    }

    ObjectNode issueJson(Issue i, Instant asOf) {
        return issueJson(i, asOf, false);
    }

    /** {@code full}: as one issue's own page shows it, with {@code closed_by}; lists and webhooks leave it out. */
    ObjectNode issueJson(Issue i, Instant asOf, boolean full) {
        boolean closed = i.closed() != null && !i.closed().isAfter(asOf);
        var j = Json.MAPPER.createObjectNode();
        j.put("id", i.id());
        j.put("number", i.number());
        j.put("state", closed ? "closed" : "open");
        j.put("title", i.title());
        j.put("body", i.body());
        j.set("user", user(i.author()));
        j.putArray("labels");
        j.putArray("assignees");
        j.put("html_url", WEB + "/" + i.repo() + "/issues/" + i.number());
        j.put("created_at", i.created().toString());
        j.put("updated_at", (closed ? i.closed() : i.created()).toString());
        j.put("closed_at", closed ? i.closed().toString() : null);
        if (full && closed) {
            j.set("closed_by", user(i.closer()));
        }
        return j;
    }

    /** A pull request as the issues list shows it: an issue with a {@code pull_request} link. */
    ObjectNode pullAsIssueJson(Pull p) {
        var j = Json.MAPPER.createObjectNode();
        j.put("id", p.id());
        j.put("number", p.number());
        j.put("state", p.closed() != null ? "closed" : "open");
        j.put("title", p.title());
        j.set("user", user(p.author()));
        j.put("html_url", WEB + "/" + p.repo() + "/pull/" + p.number());
        j.put("created_at", p.created().toString());
        j.put("updated_at", p.updated().toString());
        j.putObject("pull_request")
                .put("url", "https://api.github.com/repos/" + p.repo() + "/pulls/" + p.number())
                .put("html_url", WEB + "/" + p.repo() + "/pull/" + p.number());
        return j;
    }

    ObjectNode commitJson(Commit c) {
        var j = Json.MAPPER.createObjectNode();
        j.put("sha", c.sha());
        j.put("html_url", WEB + "/" + c.repo() + "/commit/" + c.sha());
        var commit = j.putObject("commit");
        commit.put("message", c.message());
        commit.putObject("author")
                .put("name", c.author().login())
                .put("email", c.author().login() + "@acme.dev")
                .put("date", c.at().toString());
        commit.putObject("committer")
                .put("name", c.author().login())
                .put("email", c.author().login() + "@acme.dev")
                .put("date", c.at().toString());
        j.set("author", user(c.author()));
        j.set("committer", user(c.author()));
        return j;
    }

    ObjectNode releaseJson(Release r) {
        var j = Json.MAPPER.createObjectNode();
        j.put("id", r.id());
        j.put("tag_name", r.tag());
        j.put("name", r.name());
        j.put("body", r.body());
        j.put("target_commitish", r.target());
        j.put("draft", false);
        j.put("prerelease", false);
        j.set("author", user(r.author()));
        j.put("html_url", WEB + "/" + r.repo() + "/releases/tag/" + r.tag());
        j.put("created_at", r.at().toString());
        j.put("published_at", r.at().toString());
        return j;
    }

    ObjectNode deploymentJson(Deployment d) {
        var j = Json.MAPPER.createObjectNode();
        j.put("id", d.id());
        j.put("sha", d.sha());
        j.put("ref", d.ref());
        j.put("task", "deploy");
        j.put("environment", d.environment());
        j.put("description", d.description());
        j.set("creator", user(d.creator()));
        j.put("created_at", d.at().toString());
        j.put("updated_at", d.at().toString());
        j.put("url", "https://api.github.com/repos/" + d.repo() + "/deployments/" + d.id());
        j.put("statuses_url", "https://api.github.com/repos/" + d.repo() + "/deployments/" + d.id() + "/statuses");
        j.put("production_environment", d.environment().equals("production"));
        return j;
    }

    ObjectNode statusJson(Deployment d, Status s) {
        var j = Json.MAPPER.createObjectNode();
        j.put("id", s.id());
        j.put("state", s.state());
        j.put("description", s.description());
        j.put("environment", d.environment());
        j.set("creator", user(s.creator()));
        j.put("created_at", s.at().toString());
        j.put("updated_at", s.at().toString());
        j.put("target_url", "https://deploy.acme.dev/" + d.id());
        j.put("log_url", "https://deploy.acme.dev/" + d.id() + "/log");
        j.put("deployment_url", "https://api.github.com/repos/" + d.repo() + "/deployments/" + d.id());
        return j;
    }

    // ---- the webhooks ----

    /**
     * Every webhook GitHub would have sent for this history, in the order things happened: a pull
     * request opened, reviewed, closed (merged or not); an issue opened and closed; a push to the
     * default branch per commit; a release published; a deployment created and each of its statuses.
     */
    public List<Delivery> webhooks() {
        var out = new ArrayList<Delivery>();
        for (Pull p : pulls) {
            out.add(delivery("pull_request", p.created(), pullEnvelope(p, "opened", p.author(), p.created())));
            for (Review r : p.reviews()) {
                var payload = envelope(p.repo(), "submitted", r.user());
                payload.set("review", reviewJson(p, r));
                payload.set("pull_request", pullJson(p, r.at()));
                out.add(delivery("pull_request_review", r.at(), payload));
            }
            if (p.closed() != null) {
                out.add(delivery("pull_request", p.closed(), pullEnvelope(p, "closed", p.closer(), p.closed())));
            }
        }
        for (Issue i : issues) {
            var opened = envelope(i.repo(), "opened", i.author());
            opened.set("issue", issueJson(i, i.created()));
            out.add(delivery("issues", i.created(), opened));
            if (i.closed() != null) {
                var closed = envelope(i.repo(), "closed", i.closer());
                closed.set("issue", issueJson(i, i.closed()));
                out.add(delivery("issues", i.closed(), closed));
            }
        }
        for (Commit c : commits) {
            var push = envelope(c.repo(), null, c.author());
            push.remove("action");
            push.put("ref", "refs/heads/" + c.branch());
            push.put("before", "0".repeat(40));
            push.put("after", c.sha());
            var commit = Json.MAPPER.createObjectNode();
            commit.put("id", c.sha());
            commit.put("message", c.message());
            commit.put("timestamp", c.at().toString());
            commit.put("url", WEB + "/" + c.repo() + "/commit/" + c.sha());
            commit.put("distinct", true);
            commit.putObject("author")
                    .put("name", c.author().login())
                    .put("email", c.author().login() + "@acme.dev")
                    .put("username", c.author().login());
            commit.putObject("committer")
                    .put("name", c.author().login())
                    .put("email", c.author().login() + "@acme.dev")
                    .put("username", c.author().login());
            push.putArray("commits").add(commit);
            push.set("head_commit", commit);
            push.putObject("pusher")
                    .put("name", c.author().login())
                    .put("email", c.author().login() + "@acme.dev");
            out.add(delivery("push", c.at(), push));
        }
        for (Release r : releases) {
            var payload = envelope(r.repo(), "published", r.author());
            payload.set("release", releaseJson(r));
            out.add(delivery("release", r.at(), payload));
        }
        for (Deployment d : deployments) {
            var payload = envelope(d.repo(), "created", d.creator());
            payload.set("deployment", deploymentJson(d));
            out.add(delivery("deployment", d.at(), payload));
            for (Status s : d.statuses()) {
                var p = envelope(d.repo(), "created", s.creator());
                p.set("deployment_status", statusJson(d, s));
                p.set("deployment", deploymentJson(d));
                out.add(delivery("deployment_status", s.at(), p));
            }
        }
        out.sort(Comparator.comparing(Delivery::at));
        return out;
    }

    private ObjectNode pullEnvelope(Pull p, String action, User sender, Instant asOf) {
        var payload = envelope(p.repo(), action, sender);
        payload.put("number", p.number());
        var pr = pullJson(p, asOf);
        pr.put("merged", p.merged() && action.equals("closed"));
        payload.set("pull_request", pr);
        return payload;
    }

    private ObjectNode envelope(String repo, String action, User sender) {
        var p = Json.MAPPER.createObjectNode();
        if (action != null) {
            p.put("action", action);
        }
        p.set("repository", repoJson(repo));
        p.set("sender", user(sender));
        return p;
    }

    private static Delivery delivery(String event, Instant at, ObjectNode payload) {
        byte[] body = Json.MAPPER.writeValueAsBytes(payload);
        // A delivery id from the content: the same history replayed gives the same deliveries.
        String id = java.util.UUID.nameUUIDFromBytes(body).toString();
        return new Delivery(event, id, body, at);
    }
}
