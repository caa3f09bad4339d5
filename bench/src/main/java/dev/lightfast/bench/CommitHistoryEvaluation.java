package dev.lightfast.bench;

import dev.lightfast.cli.demo.RecordedDelivery;
import dev.lightfast.cli.demo.SignedDelivery;
import dev.lightfast.cli.demo.WebhookSigner;
import dev.lightfast.core.graph.EntityIds;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.reading.Fold;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.server.Lightfast;
import dev.lightfast.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./lightfast bench eval --dataset commits FILE}: a real repository's commit history (one JSON
 * object a line: sha, parents, author and committer, dates with offsets, subject, body, files)
 * replayed as GitHub would send it (one signed {@code push} delivery per commit to {@code
 * refs/heads/main}) through the webhook endpoint of a real server, then questions generated from the
 * data alone, for every commit, author and month, asked over HTTP and scored per family.
 *
 * <p>The families are those of the dataset's README: find (search, first 3), who, person in a month
 * (recall and precision), identity, fixed by, when, co-authors. People are grouped the way the
 * history shows them: identities that share an email or a name are one person.
 */
final class CommitHistoryEvaluation {
    private static final TenantId TENANT = TenantId.of("commits");
    private static final String REPO = "modelcontextprotocol/java-sdk";
    private static final String SECRET = "commit-history-signing-secret";
    private static final Pattern SCOPE = Pattern.compile("^[A-Za-z]+(\\([^)]*\\))?!?:\\s*");
    private static final Pattern PR_NUMBER = Pattern.compile("\\s*\\(#\\d+\\)");
    private static final Pattern FIXES =
            Pattern.compile("(?i)\\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\\s*:?\\s+#(\\d+)");
    private static final Pattern CO_AUTHOR =
            Pattern.compile("(?im)^\\s*co-authored-by:\\s*(.*?)\\s*<([^<>\\s]+@[^<>\\s]+)>\\s*$");

    private final Path dataset;
    private final Path dir;
    private final boolean showMisses;
    private final HttpClient http = HttpClient.newHttpClient();
    private AnswerClient client;
    private AnswerFamily.Cpu cpu;

    CommitHistoryEvaluation(Path dataset, Path dir, boolean showMisses) {
        this.dataset = dataset;
        this.dir = dir;
        this.showMisses = showMisses;
    }

    /** One commit of the dataset. */
    record Commit(
            String sha,
            String parent,
            String authorName,
            String authorEmail,
            String authoredAt,
            String committerName,
            String committerEmail,
            String committedAt,
            String subject,
            String body,
            List<String> files) {
        String message() {
            return body.isBlank() ? subject : subject + "\n\n" + body;
        }

        String entityId() {
            return EntityIds.of("commit", "git:" + sha);
        }
    }

    int run() throws Exception {
        List<Commit> commits = load(dataset);
        var server = Lightfast.start(new ServerConfig("127.0.0.1", 0, dir, null, null));
        try {
            client = new AnswerClient("http://127.0.0.1:" + server.port());
            JsonNode tenant = client.post(
                    "/v1/admin/tenants",
                    server.adminToken().value(),
                    Map.of("id", TENANT.value(), "name", "commit history"));
            String apiKey = tenant.get("apiKey").stringValue();
            client.apiKey(apiKey);
            JsonNode connection =
                    client.post("/v1/connections", apiKey, Map.of("provider", "github", "secret", SECRET));
            URI webhook = URI.create(connection.get("webhookUrl").stringValue());
            String path = webhook.getRawPath();
            long start = System.nanoTime();
            var signer = WebhookSigner.of("github").orElseThrow();
            for (Commit c : commits) {
                SignedDelivery signed = signer.sign(push(c), SECRET, Instant.now());
                var request = HttpRequest.newBuilder(URI.create(client.base() + path));
                signed.headers().forEach(request::header);
                var response = http.send(
                        request.POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 202) {
                    throw new IllegalStateException(
                            "push of " + c.sha() + " answered " + response.statusCode() + ": " + response.body());
                }
            }
            server.projections().awaitCaughtUp(TENANT, Duration.ofMinutes(10));
            System.out.printf(
                    "Replayed %d commits as signed push deliveries and projected them in %.1f s%n%n",
                    commits.size(), (System.nanoTime() - start) / 1e9);
            List<AnswerFamily> families = evaluate(commits);
            AnswerFamily.print(families, cpu, showMisses);
            System.out.println("(score: share right; person in a month: recall, with precision beside it; identity:"
                    + " share of the person's commits covered)");
            return 0;
        } finally {
            server.close();
        }
    }

    // ---- the questions -------------------------------------------------------------------------

    private List<AnswerFamily> evaluate(List<Commit> commits) throws Exception {
        People people = new People(commits);
        Map<String, Integer> plainCount = new HashMap<>();
        for (Commit c : commits) {
            plainCount.merge(Fold.phrase(plain(c.subject())), 1, Integer::sum);
        }
        // A subject many commits share ("Next development version") names none of them.
        List<Commit> distinct = commits.stream()
                .filter(c -> plainCount.get(Fold.phrase(plain(c.subject()))) == 1
                        && plain(c.subject()).split("\\s+").length >= 3)
                .toList();

        var find = new AnswerFamily("find (first 3)");
        var who = new AnswerFamily("who");
        var month = new AnswerFamily("person in a month");
        var identity = new AnswerFamily("identity");
        var fixed = new AnswerFamily("fixed by");
        var when = new AnswerFamily("when");
        var coAuthors = new AnswerFamily("co-authors");

        for (Commit c : distinct) {
            String subject = plain(c.subject());
            JsonNode hits = client.search(subject, 3);
            boolean found = false;
            for (JsonNode h : hits.path("hits")) {
                for (JsonNode s : h.path("subjects")) {
                    found |= s.asString().equals("git:" + c.sha());
                }
            }
            find.score(found ? 1 : 0, "find: " + subject);
        }
        // From here on only answers are asked: the CPU the process spends is theirs.
        cpu = AnswerFamily.Cpu.start();
        for (Commit c : distinct) {
            String subject = plain(c.subject());
            AnswerClient.Timed a = client.ask("Who made the change '" + subject + "'?", who);
            List<JsonNode> persons = AnswerClient.values(a.answer(), "person");
            boolean right = !persons.isEmpty()
                    && people.of(c.authorEmail(), c.authorName())
                            .names
                            .contains(Fold.phrase(AnswerClient.label(persons.getFirst())));
            who.score(
                    right ? 1 : 0,
                    a.question() + " -> " + AnswerClient.labels(persons) + " (expected " + c.authorName() + ")");

            AnswerClient.Timed t = client.ask("When was '" + subject + "' changed?", when);
            List<JsonNode> times = AnswerClient.values(t.answer(), "time");
            boolean onDay = !times.isEmpty()
                    && day(times.getFirst()).equals(c.authoredAt().substring(0, 10));
            when.score(
                    onDay ? 1 : 0,
                    t.question() + " -> " + (times.isEmpty() ? "nothing" : day(times.getFirst())) + " (expected "
                            + c.authoredAt().substring(0, 10) + ")");
        }

        // Person in a month: every person and month with commits.
        Map<String, Set<String>> byPersonMonth = new TreeMap<>();
        for (Commit c : commits) {
            Person p = people.of(c.authorEmail(), c.authorName());
            byPersonMonth
                    .computeIfAbsent(p.id + "|" + c.authoredAt().substring(0, 7), k -> new LinkedHashSet<>())
                    .add(c.entityId());
        }
        for (var e : byPersonMonth.entrySet()) {
            String[] key = e.getKey().split("\\|");
            Person p = people.byId.get(key[0]);
            var ym = java.time.YearMonth.parse(key[1]);
            String question = "What did " + p.displayName() + " work on in "
                    + ym.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + ym.getYear() + "?";
            AnswerClient.Timed a = client.ask(question, month);
            Set<String> got = AnswerClient.ids(AnswerClient.values(a.answer(), "commit"));
            month.prf(got, e.getValue(), question);
        }

        // Identity: every spelling of every person known under more than one identity.
        for (Person p : people.byId.values()) {
            if (p.emails.size() + p.rawNames.size() < 3) {
                continue;
            }
            Set<String> truth = new LinkedHashSet<>();
            for (Commit c : commits) {
                if (people.of(c.authorEmail(), c.authorName()) == p) {
                    truth.add(c.entityId());
                }
            }
            if (truth.isEmpty()) {
                continue; // known only as a co-author
            }
            Set<String> spellings = new LinkedHashSet<>(p.rawNames);
            p.rawNames.forEach(n -> spellings.add(Fold.letters(n).replaceAll("[“”\"]", "")));
            spellings.addAll(p.emails);
            for (String spelling : spellings) {
                AnswerClient.Timed a = client.ask("What has " + spelling + " changed?", identity);
                Set<String> got = AnswerClient.ids(AnswerClient.values(a.answer(), "commit"));
                long covered = truth.stream().filter(got::contains).count();
                identity.score((double) covered / truth.size(), a.question() + " -> " + covered + "/" + truth.size());
            }
        }

        // Fixed by: every issue a commit message says it fixes.
        Map<String, Set<String>> fixers = new TreeMap<>();
        for (Commit c : commits) {
            Matcher m = FIXES.matcher(c.message());
            while (m.find()) {
                fixers.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>()).add(c.entityId());
            }
        }
        for (var e : fixers.entrySet()) {
            for (String q :
                    List.of("Which commit fixed issue #" + e.getKey() + "?", "What fixed #" + e.getKey() + "?")) {
                AnswerClient.Timed a = client.ask(q, fixed);
                Set<String> got = AnswerClient.ids(AnswerClient.values(a.answer(), null));
                boolean right = !got.isEmpty() && e.getValue().containsAll(got);
                fixed.score(
                        right ? 1 : 0,
                        q + " -> " + got.size() + " values, "
                                + got.stream().filter(e.getValue()::contains).count() + " right");
            }
        }

        // Co-authors: every commit with Co-authored-by trailers naming someone other than its author.
        for (Commit c : commits) {
            Set<String> truth = new LinkedHashSet<>();
            Person author = people.of(c.authorEmail(), c.authorName());
            Matcher m = CO_AUTHOR.matcher(c.body());
            while (m.find()) {
                Person co = people.of(m.group(2), m.group(1));
                if (co != author) {
                    truth.add(co.id);
                }
            }
            if (truth.isEmpty() || plainCount.get(Fold.phrase(plain(c.subject()))) != 1) {
                continue;
            }
            String q = "Who worked with " + author.displayName() + " on '" + plain(c.subject()) + "'?";
            AnswerClient.Timed a = client.ask(q, coAuthors);
            Set<String> got = new LinkedHashSet<>();
            for (JsonNode v : AnswerClient.values(a.answer(), "person")) {
                Person p = people.byName(Fold.phrase(AnswerClient.label(v)));
                got.add(p == null ? "?" + AnswerClient.label(v) : p.id);
            }
            coAuthors.score(got.equals(truth) ? 1 : 0, q + " -> " + got + " (expected " + truth + ")");
        }
        return List.of(find, who, month, identity, fixed, when, coAuthors);
    }

    // ---- people as the history shows them ---------------------------------------------------------

    /** One person: the identities (emails, names) that share an email or a name. */
    static final class Person {
        final String id;
        final Set<String> emails = new LinkedHashSet<>();
        final Set<String> rawNames = new LinkedHashSet<>();
        final Set<String> names = new LinkedHashSet<>();
        final Map<String, Integer> nameCounts = new HashMap<>();

        Person(String id) {
            this.id = id;
        }

        String displayName() {
            return nameCounts.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow()
                    .getKey();
        }
    }

    /** Union-find over emails and folded names, from authors and co-author trailers alike. */
    static final class People {
        final Map<String, String> parent = new HashMap<>();
        final Map<String, Person> byId = new LinkedHashMap<>();
        private final Map<String, Person> byKey = new HashMap<>();

        People(List<Commit> commits) {
            List<String[]> identities = new ArrayList<>();
            for (Commit c : commits) {
                identities.add(new String[] {c.authorEmail(), c.authorName()});
                Matcher m = CO_AUTHOR.matcher(c.body());
                while (m.find()) {
                    identities.add(new String[] {m.group(2), m.group(1)});
                }
            }
            for (String[] i : identities) {
                union("e:" + i[0].toLowerCase(Locale.ROOT), "n:" + Fold.phrase(i[1]));
            }
            for (String[] i : identities) {
                String root = find("e:" + i[0].toLowerCase(Locale.ROOT));
                Person p = byId.computeIfAbsent(root, Person::new);
                p.emails.add(i[0].toLowerCase(Locale.ROOT));
                p.rawNames.add(i[1]);
                p.names.add(Fold.phrase(i[1]));
                p.nameCounts.merge(i[1], 1, Integer::sum);
                byKey.put("e:" + i[0].toLowerCase(Locale.ROOT), p);
                byKey.put("n:" + Fold.phrase(i[1]), p);
            }
        }

        Person of(String email, String name) {
            return byKey.get("e:" + email.toLowerCase(Locale.ROOT));
        }

        Person byName(String folded) {
            return byKey.get("n:" + folded);
        }

        private String find(String x) {
            parent.putIfAbsent(x, x);
            String p = parent.get(x);
            if (!p.equals(x)) {
                p = find(p);
                parent.put(x, p);
            }
            return p;
        }

        private void union(String a, String b) {
            String ra = find(a);
            String rb = find(b);
            if (!ra.equals(rb)) {
                parent.put(rb, ra);
            }
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------

    /** A commit's subject in plain words: no scope prefix ({@code fix(client):}), no {@code (#123)}. */
    static String plain(String subject) {
        String s = PR_NUMBER.matcher(subject).replaceAll("");
        s = SCOPE.matcher(s).replaceFirst("");
        s = s.strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.replace("'", "");
    }

    /** The date of a time value as its source stated it, else in UTC. */
    private static String day(JsonNode time) {
        String local = time.path("local").asString("");
        if (!local.isBlank()) {
            return local.substring(0, 10);
        }
        return time.path("at")
                .asString("")
                .substring(0, Math.min(10, time.path("at").asString("").length()));
    }

    /** The push GitHub sends when a commit lands on main through the web UI (sender web-flow). */
    private static RecordedDelivery push(Commit c) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        String before = c.parent() == null ? "0000000000000000000000000000000000000000" : c.parent();
        body.put("ref", "refs/heads/main");
        body.put("before", before);
        body.put("after", c.sha());
        body.put("created", false);
        body.put("deleted", false);
        body.put("forced", false);
        body.putNull("base_ref");
        body.put(
                "compare",
                "https://github.com/" + REPO + "/compare/" + before.substring(0, 12) + "..."
                        + c.sha().substring(0, 12));
        ObjectNode commit = Json.MAPPER.createObjectNode();
        commit.put("id", c.sha());
        commit.put("tree_id", c.sha());
        commit.put("distinct", true);
        commit.put("message", c.message());
        commit.put("timestamp", c.authoredAt());
        commit.put("url", "https://github.com/" + REPO + "/commit/" + c.sha());
        commit.set("author", person(c.authorName(), c.authorEmail()));
        commit.set("committer", person(c.committerName(), c.committerEmail()));
        ArrayNode modified = commit.putArray("modified");
        c.files().forEach(modified::add);
        commit.putArray("added");
        commit.putArray("removed");
        body.putArray("commits").add(commit);
        body.set("head_commit", commit.deepCopy());
        ObjectNode repo = body.putObject("repository");
        repo.put("id", 903_617_263L);
        repo.put("name", "java-sdk");
        repo.put("full_name", REPO);
        repo.put("private", false);
        repo.putObject("owner").put("login", "modelcontextprotocol").put("type", "Organization");
        repo.put("html_url", "https://github.com/" + REPO);
        repo.put("default_branch", "main");
        repo.put("pushed_at", OffsetDateTime.parse(c.committedAt()).toEpochSecond());
        body.putObject("pusher").put("name", "web-flow").put("email", "noreply@github.com");
        body.putObject("sender").put("login", "web-flow").put("id", 19_864_447L).put("type", "User");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitHub-Hookshot/commit-history");
        headers.put("X-GitHub-Event", "push");
        headers.put(
                "X-GitHub-Delivery",
                UUID.nameUUIDFromBytes(c.sha().getBytes(StandardCharsets.UTF_8)).toString());
        return new RecordedDelivery(c.sha(), "github", headers, body);
    }

    private static ObjectNode person(String name, String email) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("name", name);
        p.put("email", email);
        return p;
    }

    static List<Commit> load(Path file) throws IOException {
        List<Commit> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode c = Json.MAPPER.readTree(line);
                List<String> files = new ArrayList<>();
                c.path("files").forEach(f -> files.add(f.asString()));
                out.add(new Commit(
                        c.get("sha").asString(),
                        c.path("parents").isEmpty()
                                ? null
                                : c.path("parents").get(0).asString(),
                        c.path("author").path("name").asString(),
                        c.path("author").path("email").asString(),
                        c.get("authored_at").asString(),
                        c.path("committer").path("name").asString(),
                        c.path("committer").path("email").asString(),
                        c.get("committed_at").asString(),
                        c.get("subject").asString(),
                        c.path("body").asString(""),
                        List.copyOf(files)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }
}
