package dev.lightfast.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/coverage} through the real server: deliveries, refusals, cross-tool links, walls. */
class CoverageEndToEndTest {
    @TempDir
    Path dir;

    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] pullRequest(int number, String title, String branch, Instant at) {
        return ("{\"action\":\"opened\",\"number\":" + number + ",\"pull_request\":{\"number\":" + number
                        + ",\"title\":\"" + title + "\",\"body\":\"\",\"state\":\"open\",\"html_url\":"
                        + "\"https://github.com/acme/shop/pull/" + number + "\",\"created_at\":\"" + at
                        + "\",\"updated_at\":\"" + at + "\",\"user\":{\"login\":\"ana\"},\"head\":{\"ref\":\""
                        + branch + "\",\"sha\":\"" + "a".repeat(39) + number % 10 + "\"},\"base\":{\"ref\":\"main\"}},"
                        + "\"repository\":{\"full_name\":\"acme/shop\",\"html_url\":\"https://github.com/acme/shop\"},"
                        + "\"sender\":{\"login\":\"ana\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] issue(int number, String title, Instant at) {
        return ("{\"action\":\"opened\",\"issue\":{\"number\":" + number + ",\"title\":\"" + title
                        + "\",\"body\":\"\",\"html_url\":\"https://github.com/acme/shop/issues/" + number
                        + "\",\"created_at\":\"" + at + "\",\"updated_at\":\"" + at + "\",\"user\":{\"login\":\"bo\"}},"
                        + "\"repository\":{\"full_name\":\"acme/shop\",\"html_url\":\"https://github.com/acme/shop\"},"
                        + "\"sender\":{\"login\":\"bo\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void coverage_reports_deliveries_refusals_links_and_unlinked_groups_each_cited() {
        var acme = server.tenant("acme");
        var other = server.tenant("other");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(server.github(
                                acme,
                                "pull_request",
                                "d-1",
                                pullRequest(
                                        7,
                                        "Fix checkout timeout ENG-12",
                                        "eng-12-checkout",
                                        now.minus(1, ChronoUnit.DAYS)))
                        .status())
                .isEqualTo(202);
        assertThat(server.github(acme, "pull_request", "d-2", pullRequest(8, "Tidy the README", "docs", now))
                        .status())
                .isEqualTo(202);
        assertThat(server.github(acme, "issues", "d-3", issue(9, "Flaky test", now))
                        .status())
                .isEqualTo(202);
        // Two refused deliveries: a wrong signature and no event header.
        byte[] body = issue(10, "x", now);
        assertThat(server.postBytes(
                                "/webhooks/github/" + acme.connectionId(),
                                null,
                                body,
                                Map.of(
                                        "X-GitHub-Event",
                                        "issues",
                                        "X-GitHub-Delivery",
                                        "d-4",
                                        "X-Hub-Signature-256",
                                        "sha256=" + "0".repeat(64)))
                        .status())
                .isEqualTo(401);
        assertThat(server.github(acme, "issues", "d-5", "{not json".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(400);
        assertThat(server.github(other, "issues", "o-1", issue(1, "Other tenant's issue", now))
                        .status())
                .isEqualTo(202);
        server.awaitProjected(acme);
        server.awaitProjected(other);

        var reply = server.get("/v1/coverage?days=7", acme.apiKey());
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode report = reply.json();
        assertThat(report.get("connections")).hasSize(1);
        JsonNode con = report.get("connections").get(0);
        assertThat(con.get("id").stringValue()).isEqualTo(acme.connectionId());
        assertThat(con.get("deliveries").asLong()).isEqualTo(3);
        assertThat(con.get("lastDelivery").get("event").stringValue()).isEqualTo("issues");
        assertThat(con.get("eventsInWindow").asLong()).isEqualTo(3);
        assertThat(con.get("eventsPerDay")).hasSize(7);
        assertThat(con.get("webhookFailures").get("total").asLong()).isEqualTo(2);
        assertThat(con.get("webhookFailures")
                        .get("byReason")
                        .get("unauthenticated")
                        .asLong())
                .isEqualTo(1);

        JsonNode linking = report.get("linking");
        assertThat(linking.get("events").asLong()).isEqualTo(3);
        assertThat(linking.get("linked").asLong()).as(linking.toString()).isEqualTo(1);
        JsonNode github = linking.get("byTool").get(0);
        assertThat(github.get("tool").stringValue()).isEqualTo("github");
        JsonNode example = github.get("examples").get(0);
        assertThat(example.get("entity").stringValue()).isEqualTo("github:acme/shop/pull/7");
        assertThat(example.get("linkedTool").stringValue()).isEqualTo("linear");
        assertThat(example.get("citation").get("eventId").stringValue()).isNotBlank();
        var groups = new ArrayList<String>();
        for (JsonNode g : linking.get("unlinked")) {
            groups.add(g.get("tool").stringValue() + "/" + g.get("kind").stringValue() + "="
                    + g.get("events").asLong());
            assertThat(g.get("examples").get(0).get("eventId").stringValue()).isNotBlank();
        }
        assertThat(groups).containsExactlyInAnyOrder("github/pull_request=1", "github/issue=1");

        // The other tenant sees its own connection and events only, and none of acme's refusals.
        JsonNode theirs = server.get("/v1/coverage", other.apiKey()).json();
        assertThat(theirs.get("connections")).hasSize(1);
        assertThat(theirs.get("connections").get(0).get("id").stringValue()).isEqualTo(other.connectionId());
        assertThat(theirs.get("connections")
                        .get(0)
                        .get("webhookFailures")
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(theirs.get("linking").get("events").asLong()).isEqualTo(1);
        assertThat(List.of(theirs.toString())).noneMatch(s -> s.contains("acme/shop/pull"));
    }

    @Test
    void a_window_out_of_bounds_is_the_callers_mistake() {
        var acme = server.tenant("acme");
        assertThat(server.get("/v1/coverage?days=0", acme.apiKey()).status()).isEqualTo(400);
        assertThat(server.get("/v1/coverage?days=91", acme.apiKey()).status()).isEqualTo(400);
        assertThat(server.get("/v1/coverage", null).status()).isEqualTo(401);
    }
}
