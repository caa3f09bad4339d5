package dev.lightfast.bench.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.connectors.github.GithubConnector;
import dev.lightfast.core.event.EventDraft;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The committed demo history and evaluation questions: generated, never edited, consistent with
 * themselves and with what Lightfast's GitHub connector makes of each delivery.
 */
class DemoHistoryTest {
    /** Tests run in the bench module; the files live in the repository around it. */
    private static final Path ROOT = Path.of("..");

    private static final Path HISTORY = ROOT.resolve(DemoHistoryGenerator.HISTORY_DIR);
    private static final Path QUESTIONS = ROOT.resolve(DemoHistoryGenerator.QUESTIONS_FILE);

    /** A delivery file as the demo replays it. */
    record File(String name, String provider, Map<String, String> headers, JsonNode body) {
        /** The id the tool gives the delivery, which the questions name. */
        String deliveryId() {
            return switch (provider) {
                case "github" -> headers.get("X-GitHub-Delivery");
                case "linear" -> headers.get("Linear-Delivery");
                case "sentry" -> headers.get("Request-ID");
                case "vercel" -> body.path("id").asString();
                case "slack" -> body.path("event_id").asString();
                default -> throw new IllegalStateException("unknown provider " + provider);
            };
        }
    }

    private static List<File> files;
    private static Map<String, File> byDelivery;
    private static List<JsonNode> questions;

    @BeforeAll
    static void read() throws IOException {
        files = new ArrayList<>();
        byDelivery = new HashMap<>();
        for (String name : index()) {
            JsonNode f =
                    DemoHistoryGenerator.MAPPER.readTree(HISTORY.resolve(name).toFile());
            var headers = new LinkedHashMap<String, String>();
            f.path("headers")
                    .properties()
                    .forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
            var file = new File(name, f.path("provider").asString(), headers, f.path("body"));
            files.add(file);
            byDelivery.put(file.provider() + "/" + file.deliveryId(), file);
        }
        questions = new ArrayList<>();
        for (String line : Files.readAllLines(QUESTIONS, StandardCharsets.UTF_8)) {
            questions.add(DemoHistoryGenerator.MAPPER.readTree(line));
        }
    }

    private static List<String> index() throws IOException {
        return Files.readAllLines(HISTORY.resolve("index.txt"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
    }

    @Test
    void committed_files_equal_a_fresh_generation(@TempDir Path fresh) throws IOException {
        DemoHistoryGenerator.write(fresh, TeamStory.tell());
        assertThat(names(fresh.resolve(DemoHistoryGenerator.HISTORY_DIR)))
                .as("regenerate with ./lightfast bench demo-history")
                .isEqualTo(names(HISTORY));
        for (String name : names(HISTORY)) {
            assertThat(fresh.resolve(DemoHistoryGenerator.HISTORY_DIR).resolve(name))
                    .as(name + " differs from a fresh generation; regenerate with ./lightfast bench demo-history")
                    .hasSameBinaryContentAs(HISTORY.resolve(name));
        }
        assertThat(fresh.resolve(DemoHistoryGenerator.QUESTIONS_FILE)).hasSameBinaryContentAs(QUESTIONS);
    }

    @Test
    void every_file_is_listed_once_in_order_and_names_its_provider_and_kind() throws IOException {
        List<String> listed = index();
        assertThat(listed).hasSizeBetween(300, 520).doesNotHaveDuplicates();
        assertThat(names(HISTORY).stream().filter(n -> n.endsWith(".json")).toList())
                .isEqualTo(listed);
        for (int i = 0; i < files.size(); i++) {
            File f = files.get(i);
            assertThat(f.name()).startsWith(String.format("%04d-%s-", i + 1, f.provider()));
            assertThat(f.body().isObject()).as(f.name()).isTrue();
            assertThat(f.headers())
                    .as(f.name())
                    .doesNotContainKeys(
                            "X-Hub-Signature-256",
                            "Linear-Signature",
                            "Sentry-Hook-Signature",
                            "x-vercel-signature",
                            "X-Slack-Signature");
        }
        assertThat(files).extracting(File::provider).contains("github", "linear", "sentry", "vercel", "slack");
    }

    @Test
    void the_tools_own_clocks_never_go_backwards() {
        Map<String, Long> last = new HashMap<>();
        for (File f : files) {
            long at = switch (f.provider()) {
                case "github" -> -1;
                case "linear" ->
                    Instant.parse(f.body().path("createdAt").asString()).toEpochMilli();
                case "vercel" -> f.body().path("createdAt").asLong() / 1000 * 1000;
                case "slack" -> f.body().path("event_time").asLong() * 1000;
                default -> -1;
            };
            if (at >= 0) {
                assertThat(at).as(f.name()).isGreaterThanOrEqualTo(last.getOrDefault(f.provider(), 0L));
                last.put(f.provider(), at);
            }
        }
    }

    @Test
    void delivery_ids_are_unique_per_provider() {
        Set<String> seen = new HashSet<>();
        for (File f : files) {
            assertThat(f.deliveryId()).as(f.name()).isNotBlank();
            assertThat(seen.add(f.provider() + "/" + f.deliveryId()))
                    .as(f.name() + " repeats a delivery id")
                    .isTrue();
        }
    }

    @Test
    void every_github_delivery_normalizes_to_canonical_events() {
        var connector = new GithubConnector();
        for (File f : files.stream().filter(f -> f.provider().equals("github")).toList()) {
            List<EventDraft> drafts = connector.normalize(
                    f.deliveryId(), f.headers().get("X-GitHub-Event"), f.body(), Instant.parse("2026-11-20T18:00:00Z"));
            assertThat(drafts).as(f.name()).isNotEmpty().allSatisfy(d -> {
                assertThat(d.attributes())
                        .as(f.name() + " fell back to a raw event")
                        .doesNotContainKey("normalize_error");
                assertThat(d.type()).as(f.name()).doesNotEndWith(".received");
            });
        }
    }

    @Test
    void every_label_points_at_an_event_of_the_named_type_in_an_existing_delivery() {
        var connector = new GithubConnector();
        for (JsonNode q : questions) {
            assertThat(q.path("expected").isEmpty()).as(q.path("id").asString()).isFalse();
            for (JsonNode e : q.path("expected")) {
                String provider = e.path("provider").asString();
                File f = byDelivery.get(provider + "/" + e.path("delivery").asString());
                assertThat(f)
                        .as(q.path("id").asString() + " names a delivery that is not in the history: " + e)
                        .isNotNull();
                if (!provider.equals("github")) {
                    continue;
                }
                String type = e.path("type").asString();
                String sha = e.path("sha").asString(null);
                List<EventDraft> drafts = connector.normalize(
                        f.deliveryId(),
                        f.headers().get("X-GitHub-Event"),
                        f.body(),
                        Instant.parse("2026-11-20T18:00:00Z"));
                assertThat(drafts)
                        .as(q.path("id").asString() + ": " + f.name() + " has no " + type
                                + (sha == null ? "" : " " + sha))
                        .anySatisfy(d -> {
                            assertThat(d.type()).isEqualTo(type);
                            if (sha != null) {
                                assertThat(d.attributes()).containsEntry("sha", sha);
                            }
                        });
            }
        }
    }

    @Test
    void questions_cover_github_and_cross_tool_with_unique_ids_and_texts() {
        assertThat(questions).extracting(q -> q.path("id").asString()).doesNotHaveDuplicates();
        assertThat(questions).extracting(q -> q.path("question").asString()).doesNotHaveDuplicates();
        long github = questions.stream()
                .filter(q -> q.path("kind").asString().equals("github"))
                .count();
        long crossTool = questions.stream()
                .filter(q -> q.path("kind").asString().equals("cross_tool"))
                .count();
        assertThat(github).isGreaterThanOrEqualTo(110);
        assertThat(crossTool).isGreaterThanOrEqualTo(55);
        assertThat(github + crossTool).isEqualTo(questions.size());
        for (JsonNode q : questions) {
            if (q.path("kind").asString().equals("github")) {
                assertThat(q.path("expected"))
                        .as(q.path("id").asString())
                        .allSatisfy(
                                e -> assertThat(e.path("provider").asString()).isEqualTo("github"));
            }
        }
        assertThat(questions)
                .extracting(q -> q.path("question").asString())
                .contains(
                        "What changed in payments-api last week?",
                        "What caused the incident after Tuesday's deploy?",
                        "What is Priya working on?")
                .anyMatch(text -> text.startsWith("Who reviewed the PR that fixed "))
                .anyMatch(text -> text.startsWith("Which deploy shipped commit "));
    }

    @Test
    void tuesdays_deploy_ships_the_merge_commit_that_sentry_reports_and_slack_rolls_back() {
        JsonNode deploy = only(f -> f.provider().equals("vercel")
                && f.body().path("type").asString().equals("deployment.succeeded")
                && f.body().path("payload").path("target").asString("").equals("production")
                && Instant.ofEpochMilli(f.body().path("createdAt").asLong())
                        .toString()
                        .startsWith(TeamStory.TUESDAY));
        JsonNode meta = deploy.path("payload").path("deployment").path("meta");
        String sha = meta.path("githubCommitSha").asString();

        JsonNode merged = only(f -> f.provider().equals("github")
                && f.body().path("pull_request").path("merged").asBoolean(false)
                && f.body()
                        .path("pull_request")
                        .path("merge_commit_sha")
                        .asString()
                        .equals(sha));
        assertThat(merged.path("pull_request").path("title").asString()).startsWith("ENG-123");
        assertThat(merged.path("pull_request").path("head").path("ref").asString())
                .startsWith("eng-123-");
        assertThat(meta.path("githubRepo").asString())
                .isEqualTo(merged.path("repository").path("name").asString());
        assertThat(meta.path("githubOrg").asString()).isEqualTo("ledgerloop");

        JsonNode alert = only(f -> f.provider().equals("sentry")
                && f.headers().get("Sentry-Hook-Resource").equals("event_alert")
                && f.body()
                        .path("data")
                        .path("event")
                        .path("release")
                        .asString()
                        .equals(sha));
        assertThat(alert.path("data").path("event").path("title").asString()).contains("reading 'map'");

        JsonNode decision = only(f -> f.provider().equals("slack")
                && f.body().path("event").path("text").asString("").startsWith("We decided to roll back"));
        String decisionTs = decision.path("event").path("ts").asString();
        assertThat(files).anySatisfy(f -> {
            assertThat(f.body().path("event").path("type").asString("")).isEqualTo("reaction_added");
            assertThat(f.body().path("event").path("reaction").asString()).isEqualTo("white_check_mark");
            assertThat(f.body().path("event").path("item").path("ts").asString())
                    .isEqualTo(decisionTs);
        });
        assertThat(files).anySatisfy(f -> {
            assertThat(f.provider()).isEqualTo("slack");
            assertThat(f.body().path("event").path("text").asString(""))
                    .contains(merged.path("pull_request").path("html_url").asString());
        });
        assertThat(files)
                .anySatisfy(f -> assertThat(f.body().path("type").asString("")).isEqualTo("deployment.promoted"));
    }

    private static JsonNode only(java.util.function.Predicate<File> test) {
        var found = files.stream().filter(test).toList();
        assertThat(found).hasSize(1);
        return found.getFirst().body();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
