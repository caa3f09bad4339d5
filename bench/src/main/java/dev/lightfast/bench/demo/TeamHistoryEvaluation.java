package dev.lightfast.bench.demo;

import dev.lightfast.bench.AnswerClient;
import dev.lightfast.bench.AnswerFamily;
import dev.lightfast.cli.demo.DemoReplay;
import dev.lightfast.cli.demo.RecordedDelivery;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.reading.Fold;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./lightfast bench eval --dataset team}: the demo's team history (GitHub, Linear, Vercel,
 * Sentry, Slack) replayed through the signed webhook endpoints of a real server, then questions
 * generated from what the story knows to be true, asked over HTTP and scored per family:
 *
 * <ul>
 *   <li>which deployment shipped a pull request, by its number, by a commit's SHA (the merge, and
 *       the first commit of its branch) and by its title in plain words;
 *   <li>who fixed an issue, by its number and by its title;
 *   <li>what happened to an issue (the answer must name the pull request that fixed it);
 *   <li>who reviewed a pull request;
 *   <li>when a release was deployed (to production, and without saying where).
 * </ul>
 *
 * <p>The truth comes from the story's own model, never from the graph: a merge and the issues it
 * closed as fixed are recorded as the story makes them; the order of each repository's main branch,
 * the deployments (their commit, environment, time and outcome) and the reviews are read from the
 * deliveries the story wrote. A change is shipped, per environment of its repository, by the first
 * deployment that did not fail whose commit main received at or after the change's merge.
 */
public final class TeamHistoryEvaluation {
    private static final TenantId TENANT = TenantId.of("team");
    private static final Pattern TRACKER_PREFIX = Pattern.compile("^[A-Z][A-Z0-9]+-\\d+:\\s*");

    private final Path dir;
    private final boolean showMisses;

    public TeamHistoryEvaluation(Path dir, boolean showMisses) {
        this.dir = dir;
        this.showMisses = showMisses;
    }

    public int run() throws Exception {
        TeamStory.Told story = TeamStory.tell();
        List<RecordedDelivery> deliveries = recorded(story.history());
        var server = Lightfast.start(new ServerConfig("127.0.0.1", 0, dir, null, null));
        try {
            var client = new AnswerClient("http://127.0.0.1:" + server.port());
            JsonNode tenant = client.post(
                    "/v1/admin/tenants",
                    server.adminToken().value(),
                    Map.of("id", TENANT.value(), "name", "team history"));
            String apiKey = tenant.get("apiKey").stringValue();
            client.apiKey(apiKey);
            long start = System.nanoTime();
            var replayed = new DemoReplay(HttpClient.newHttpClient(), client.base(), apiKey, Clock.systemUTC())
                    .replay(deliveries);
            server.projections().awaitCaughtUp(TENANT, Duration.ofMinutes(10));
            System.out.printf(
                    "Replayed %d deliveries (%d events) through the signed webhook endpoints and projected them"
                            + " in %.1f s%n%n",
                    replayed.deliveries(), replayed.eventsStored(), (System.nanoTime() - start) / 1e9);
            var facts = new Facts(story);
            // Once to warm the JVM (its compilers' CPU would count against a short run), once to measure.
            new Questions(client, facts).ask();
            var cpu = AnswerFamily.Cpu.start();
            List<AnswerFamily> families = new Questions(client, facts).ask();
            AnswerFamily.print(families, cpu, showMisses);
            System.out.println("(score: share right. Which deployment: exactly the deployments that shipped it, one"
                    + " per environment; who fixed: names the author of the fixing pull request and no one but its"
                    + " author or merger; what happened: the path and the summary name the fixing pull request; who"
                    + " reviewed: exactly its reviewers; when deployed: a time within the deployment)");
            return 0;
        } finally {
            server.close();
        }
    }

    /** The story's deliveries as the demo replays them, in the order they were sent. */
    static List<RecordedDelivery> recorded(History history) {
        List<RecordedDelivery> out = new ArrayList<>();
        List<Delivery> ordered = history.ordered();
        for (int i = 0; i < ordered.size(); i++) {
            Delivery d = ordered.get(i);
            out.add(new RecordedDelivery(
                    String.format(Locale.ROOT, "%04d-%s-%s.json", i + 1, d.provider(), d.kind()),
                    d.provider(),
                    d.headers(),
                    d.body()));
        }
        return out;
    }

    // ---- what is true ------------------------------------------------------------------------------

    /** A deployment as the deliveries describe it. */
    record Deployment(
            String entityId,
            String repo,
            String environment,
            String sha,
            String ref,
            Instant created,
            Instant succeeded,
            boolean failed) {}

    /** What the story knows: merges, the order of main, deployments, people. */
    static final class Facts {
        final List<TeamStory.Truth.Merge> merges;
        /** Per repository, each commit main received and its place in the order. */
        final Map<String, Map<String, Integer>> main = new HashMap<>();

        final List<Deployment> deployments = new ArrayList<>();
        /** Releases: tag to the time it was published, per repository. */
        final Map<String, Map<String, Instant>> releases = new LinkedHashMap<>();

        Facts(TeamStory.Told story) {
            this.merges = story.truth().merges();
            Map<String, Integer> next = new HashMap<>();
            Map<Long, JsonNode> githubDeployments = new LinkedHashMap<>();
            Map<Long, String> githubRepo = new HashMap<>();
            Map<Long, List<JsonNode>> statuses = new HashMap<>();
            Map<String, JsonNode> vercel = new LinkedHashMap<>();
            Map<String, String> vercelOutcome = new HashMap<>();
            Map<String, Instant> vercelDone = new HashMap<>();
            for (Delivery d : story.history().ordered()) {
                JsonNode b = d.body();
                switch (d.provider() + "/" + d.kind()) {
                    case "github/push" -> {
                        if (b.path("ref").asString().equals("refs/heads/main")) {
                            var order = main.computeIfAbsent(d.repo(), k -> new HashMap<>());
                            for (JsonNode c : b.path("commits")) {
                                order.putIfAbsent(c.path("id").asString(), next.merge(d.repo(), 1, Integer::sum));
                            }
                        }
                    }
                    case "github/deployment" -> {
                        long id = b.path("deployment").path("id").asLong();
                        githubDeployments.put(id, b.path("deployment"));
                        githubRepo.put(id, d.repo());
                    }
                    case "github/deployment_status" ->
                        statuses.computeIfAbsent(b.path("deployment").path("id").asLong(), k -> new ArrayList<>())
                                .add(b.path("deployment_status"));
                    case "github/release" ->
                        releases.computeIfAbsent(d.repo(), k -> new LinkedHashMap<>())
                                .put(b.path("release").path("tag_name").asString(), d.at());
                    case "vercel/deployment.created" ->
                        vercel.put(
                                b.path("payload").path("deployment").path("id").asString(), b);
                    case "vercel/deployment.succeeded", "vercel/deployment.error", "vercel/deployment.canceled" -> {
                        String id =
                                b.path("payload").path("deployment").path("id").asString();
                        vercelOutcome.put(id, d.kind());
                        vercelDone.put(id, d.at());
                    }
                    default -> {
                        // other deliveries say nothing about shipping
                    }
                }
            }
            for (var e : githubDeployments.entrySet()) {
                JsonNode dep = e.getValue();
                String repo = githubRepo.get(e.getKey());
                List<JsonNode> s = statuses.getOrDefault(e.getKey(), List.of());
                String last =
                        s.isEmpty() ? "pending" : s.getLast().path("state").asString();
                Instant succeeded = s.stream()
                        .filter(x -> x.path("state").asString().equals("success"))
                        .map(x -> Instant.parse(x.path("created_at").asString()))
                        .findFirst()
                        .orElse(null);
                deployments.add(new Deployment(
                        EntityIds.of(
                                new EntityRef("deployment", "github:" + repo + "/deployments/" + e.getKey(), null)),
                        repo,
                        "github:" + repo + ":" + dep.path("environment").asString(),
                        dep.path("sha").asString(),
                        dep.path("ref").asString(),
                        Instant.parse(dep.path("created_at").asString()),
                        succeeded,
                        last.equals("failure") || last.equals("error")));
            }
            for (var e : vercel.entrySet()) {
                JsonNode p = e.getValue().path("payload");
                JsonNode meta = p.path("deployment").path("meta");
                String outcome = vercelOutcome.getOrDefault(e.getKey(), "");
                String target = p.path("target").isNull() || p.path("target").isMissingNode()
                        ? "preview"
                        : p.path("target").asString();
                deployments.add(new Deployment(
                        EntityIds.of(new EntityRef("deployment", "vercel:deployment/" + e.getKey(), null)),
                        meta.path("githubCommitOrg").asString() + "/"
                                + meta.path("githubCommitRepo").asString(),
                        "vercel:" + p.path("project").path("id").asString() + ":" + target,
                        meta.path("githubCommitSha").asString(),
                        null,
                        Instant.ofEpochMilli(e.getValue().path("createdAt").asLong()),
                        outcome.equals("deployment.succeeded") ? vercelDone.get(e.getKey()) : null,
                        outcome.equals("deployment.error") || outcome.equals("deployment.canceled")));
            }
            deployments.sort(Comparator.comparing(Deployment::created));
        }

        /**
         * The deployments that shipped a commit of main: per environment of its repository, the
         * first that did not fail whose commit main received at or after it.
         */
        Set<String> shipped(String repo, String sha) {
            Map<String, Integer> order = main.getOrDefault(repo, Map.of());
            Integer at = order.get(sha);
            Set<String> out = new LinkedHashSet<>();
            if (at == null) {
                return out;
            }
            Set<String> environments = new LinkedHashSet<>();
            for (Deployment d : deployments) {
                Integer deployed = order.get(d.sha);
                if (!d.repo.equals(repo) || d.failed || deployed == null || deployed < at) {
                    continue;
                }
                if (environments.add(d.environment)) {
                    out.add(d.entityId);
                }
            }
            return out;
        }
    }

    // ---- the questions -----------------------------------------------------------------------------

    /** The families, asked one after the other. */
    private static final class Questions {
        private final AnswerClient client;
        private final Facts facts;

        Questions(AnswerClient client, Facts facts) {
            this.client = client;
            this.facts = facts;
        }

        List<AnswerFamily> ask() throws Exception {
            var byNumber = new AnswerFamily("shipped PR, by number");
            var bySha = new AnswerFamily("shipped PR, by SHA");
            var byDescription = new AnswerFamily("shipped PR, by title");
            var notShipped = new AnswerFamily("not shipped yet");
            var fixedByNumber = new AnswerFamily("who fixed, by number");
            var fixedByDescription = new AnswerFamily("who fixed, by title");
            var happened = new AnswerFamily("what happened to issue");
            var reviewed = new AnswerFamily("who reviewed PR");
            var deployedWhen = new AnswerFamily("when was release deployed");

            Map<Integer, Integer> numbers = new HashMap<>();
            facts.merges.forEach(m -> numbers.merge(m.pr().number, 1, Integer::sum));
            for (TeamStory.Truth.Merge m : facts.merges) {
                GithubPullRequest pr = m.pr();
                String named = numbers.get(pr.number) == 1 ? "PR #" + pr.number : pr.ref();
                Set<String> truth = facts.shipped(pr.repo.fullName(), pr.mergeSha);
                if (truth.isEmpty()) {
                    // Merged after the repository's last deployment, or in one that deploys nothing.
                    AnswerClient.Timed a = client.ask("Which deployment shipped " + named + "?", notShipped);
                    var got = AnswerClient.values(a.answer(), "deployment");
                    notShipped.score(got.isEmpty() ? 1 : 0, a.question() + " -> " + AnswerClient.labels(got));
                    continue;
                }
                shipped(byNumber, "Which deployment shipped " + named + "?", truth);
                shipped(bySha, "Which deployment shipped commit " + pr.mergeSha.substring(0, 7) + "?", truth);
                if (!pr.commits.isEmpty()) {
                    String first = pr.commits.getFirst().sha();
                    shipped(bySha, "Which deploy shipped commit " + first.substring(0, 7) + "?", truth);
                }
                shipped(byDescription, "Which deployment shipped " + plain(pr.title) + "?", truth);
            }

            for (TeamStory.Truth.Merge m : facts.merges) {
                GithubPullRequest pr = m.pr();
                Set<Person> allowed = new LinkedHashSet<>(List.of(pr.author, m.by()));
                for (GithubIssue issue : m.fixes()) {
                    fixed(fixedByNumber, "Who fixed " + issue.ref() + "?", pr.author, allowed);
                    fixed(fixedByNumber, "Who fixed issue #" + issue.number + "?", pr.author, allowed);
                    fixed(fixedByDescription, "Who fixed " + plain(issue.title) + "?", pr.author, allowed);

                    AnswerClient.Timed a = client.ask("What happened to " + issue.ref() + "?", happened);
                    String prLabel = pr.repo.fullName() + "#" + pr.number;
                    boolean inPath = false;
                    for (JsonNode step : a.answer().path("path")) {
                        inPath |= step.path("relation").asString().equals("fixes")
                                && step.path("from").path("label").asString().equals(prLabel);
                    }
                    boolean said = AnswerClient.summary(a.answer()).contains(prLabel);
                    happened.score(
                            inPath && said ? 1 : 0,
                            a.question() + " -> path names " + prLabel + ": " + inPath + ", summary: " + said);
                }
            }

            for (TeamStory.Truth.Merge m : facts.merges) {
                GithubPullRequest pr = m.pr();
                Set<String> reviewers = new LinkedHashSet<>();
                for (Delivery r : pr.reviews) {
                    reviewers.add(
                            r.body().path("review").path("user").path("login").asString());
                }
                if (reviewers.isEmpty()) {
                    continue;
                }
                String named = numbers.get(pr.number) == 1 ? "PR #" + pr.number : pr.ref();
                AnswerClient.Timed a = client.ask("Who reviewed " + named + "?", reviewed);
                Set<String> got = new LinkedHashSet<>();
                for (JsonNode v : AnswerClient.values(a.answer(), "person")) {
                    Person p = person(AnswerClient.label(v));
                    got.add(p == null ? "?" + AnswerClient.label(v) : p.login());
                }
                reviewed.score(
                        got.equals(reviewers) ? 1 : 0, a.question() + " -> " + got + " (expected " + reviewers + ")");
            }

            for (var repo : facts.releases.entrySet()) {
                for (var release : repo.getValue().entrySet()) {
                    String tag = release.getKey();
                    Deployment d = facts.deployments.stream()
                            .filter(x -> x.repo.equals(repo.getKey())
                                    && tag.equals(x.ref)
                                    && !x.failed
                                    && x.succeeded != null)
                            .findFirst()
                            .orElse(null);
                    if (d == null) {
                        continue;
                    }
                    String environment = d.environment.substring(d.environment.lastIndexOf(':') + 1);
                    for (String q : List.of(
                            "When was " + tag + " deployed to " + environment + "?",
                            "When was " + tag + " deployed?")) {
                        AnswerClient.Timed a = client.ask(q, deployedWhen);
                        var times = AnswerClient.values(a.answer(), "time");
                        Instant at = times.isEmpty()
                                ? null
                                : Instant.parse(times.getFirst().path("at").asString());
                        boolean right = at != null
                                && !at.isBefore(d.created.minusSeconds(60))
                                && !at.isAfter(d.succeeded.plusSeconds(60));
                        deployedWhen.score(
                                right ? 1 : 0,
                                q + " -> " + at + " (expected " + d.created + " to " + d.succeeded + ")");
                    }
                }
            }
            return List.of(
                    byNumber,
                    bySha,
                    byDescription,
                    notShipped,
                    fixedByNumber,
                    fixedByDescription,
                    happened,
                    reviewed,
                    deployedWhen);
        }

        private void shipped(AnswerFamily f, String question, Set<String> truth) throws Exception {
            AnswerClient.Timed a = client.ask(question, f);
            var got = AnswerClient.values(a.answer(), "deployment");
            boolean right = AnswerClient.ids(got).equals(truth);
            f.score(
                    right ? 1 : 0,
                    question + " -> " + AnswerClient.labels(got) + " (expected " + truth.size() + ": " + truth + ")");
        }

        private void fixed(AnswerFamily f, String question, Person author, Set<Person> allowed) throws Exception {
            AnswerClient.Timed a = client.ask(question, f);
            List<Person> got = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (JsonNode v : AnswerClient.values(a.answer(), "person")) {
                Person p = person(AnswerClient.label(v));
                if (p == null) {
                    unknown.add(AnswerClient.label(v));
                } else {
                    got.add(p);
                }
            }
            boolean right = got.contains(author) && unknown.isEmpty() && allowed.containsAll(got);
            f.score(
                    right ? 1 : 0,
                    question + " -> " + got.stream().map(Person::login).toList() + unknown + " (expected "
                            + author.login() + ")");
        }
    }

    /** A person of the team by any name an answer may give them: display name, git name, login. */
    static Person person(String label) {
        String folded = Fold.phrase(label);
        List<Person> everyone = new ArrayList<>(Team.PEOPLE);
        everyone.addAll(List.of(Team.DEPENDABOT, Team.ACTIONS, Team.VERCEL_BOT));
        for (Person p : everyone) {
            if (Fold.phrase(p.name()).equals(folded)
                    || Fold.phrase(p.login()).equals(folded)
                    || Fold.phrase(p.commitAs().name()).equals(folded)) {
                return p;
            }
        }
        return null;
    }

    /** A title in plain words: no tracker key in front, no code quotes, no final period. */
    static String plain(String title) {
        String s =
                TRACKER_PREFIX.matcher(title).replaceFirst("").replace("`", "").strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
