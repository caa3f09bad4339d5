package dev.lightfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.json.Json;
import dev.lightfast.emulators.slack.SlackEmulator;
import dev.lightfast.server.Lightfast;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The console in a real headless Chromium over the demo history, as a person uses it: signed in
 * with the demo's API key, following the incident to its why-chain, asking the demo's questions,
 * writing a rule, approving an intent. Each test saves a screenshot under target/console/ and fails
 * on any error in the browser's console that it did not expect.
 */
class ConsoleBrowserTest {
    private static final DemoHistory DEMO = DemoHistory.prepared();
    private static final String SLACK_TOKEN = "xoxb-ledgerloop-emulated-0123";
    /** Maya Chen in the demo's Slack: the reviewer of the PR that fixed payments-api#301. */
    private static final String MAYA_SLACK = "U04F2M7A9QK";

    private static Lightfast server;
    private static HeadlessChromium chromium;
    private static String base;

    /** Errors a test expects in the browser's log (a request answered 4xx by design); none by default. */
    private Predicate<String> expected = message -> false;

    @BeforeAll
    static void start() {
        chromium = HeadlessChromium.start();
        // A copy: the rule this class writes must not change what other tests read from the demo.
        server = DEMO.serveCopy();
        base = "http://127.0.0.1:" + server.port();
        signIn(chromium);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void desktop() {
        chromium.resize(1280, 900);
        chromium.clearLog();
    }

    @AfterEach
    void screenshotAndConsole(TestInfo test) {
        chromium.screenshot(test.getTestMethod().orElseThrow().getName());
        chromium.assertNoConsoleErrors(expected);
    }

    private static void signIn(HeadlessChromium chromium) {
        signIn(chromium, DEMO.apiKey);
    }

    private static void signIn(HeadlessChromium chromium, String apiKey) {
        chromium.open(base + "/");
        WebElement key = chromium.visible(By.id("api-key"));
        key.sendKeys(apiKey);
        key.sendKeys(Keys.ENTER);
        chromium.visible(By.id("events"));
    }

    @Test
    void signs_in_to_a_cookie_no_script_reads_keeps_the_key_nowhere_and_signs_out() {
        chromium.open(base + "/#/timeline");
        chromium.visible(By.id("events"));
        assertThat(chromium.driver.getCurrentUrl()).doesNotContain(DEMO.apiKey);
        var stored = (String) chromium.driver.executeScript(
                "return JSON.stringify([document.cookie, {...localStorage}, {...sessionStorage}])");
        assertThat(stored).doesNotContain(DEMO.apiKey).doesNotContain("lf_console");
        var cookie = chromium.driver.manage().getCookieNamed("lf_console");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");

        // A reload keeps the session (the page asks the server for it, with the cookie).
        chromium.driver.navigate().refresh();
        chromium.visible(By.id("events"));

        chromium.visible(By.id("sign-out")).click();
        chromium.visible(By.id("api-key"));
        chromium.open(base + "/#/timeline");
        chromium.visible(By.id("api-key"));
        signIn(chromium);
    }

    @Test
    void shows_the_log_newest_first_new_events_live_and_a_persons_history() throws Exception {
        chromium.open(base + "/#/timeline");
        var rows = chromium.all(By.cssSelector("#events > li"));
        long first = Long.parseLong(rows.get(0).getAttribute("data-seq"));
        long second = Long.parseLong(rows.get(1).getAttribute("data-seq"));
        assertThat(first).isGreaterThan(second);
        chromium.until(d -> d.findElement(By.id("live-status")).getText().startsWith("Live"));

        var posted = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                                .header("Authorization", "Bearer " + DEMO.apiKey)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"source\":\"oncall-bot\",\"type\":\"incident.note.added\","
                                                        + "\"title\":\"Rolled back the dashboard\",\"idempotencyKey\":\"live-1\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(201);
        chromium.until(d -> d.findElement(By.cssSelector("#events > li:first-child"))
                .getText()
                .contains("Rolled back the dashboard"));
        assertThat(chromium.visible(By.id("live-status")).getText()).contains("1 new event");

        chromium.visible(By.id("f-person")).sendKeys("Maya");
        chromium.visible(By.cssSelector("#timeline-filters button")).click();
        chromium.until(d -> d.findElement(By.cssSelector("main h1"))
                .getText()
                .toLowerCase(java.util.Locale.ROOT)
                .matches("timeline of maya.*"));
        assertThat(chromium.all(By.cssSelector("#events > li"))).isNotEmpty();
    }

    @Test
    void shows_each_tools_webhook_url_its_last_delivery_and_the_subscriptions() throws Exception {
        var made = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/subscriptions"))
                                .header("Authorization", "Bearer " + DEMO.apiKey)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"url\":\"http://127.0.0.1:9/pager\",\"description\":\"pager\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        chromium.open(base + "/#/connections");
        var connections = chromium.all(By.cssSelector("#connections > li"));
        assertThat(connections).isNotEmpty();
        assertThat(chromium.driver
                        .findElement(By.cssSelector("#connections .webhook-url"))
                        .getAttribute("value"))
                .contains("/webhooks/");
        assertThat(chromium.visible(By.cssSelector("#connections .last-delivery"))
                        .getText())
                .doesNotContain("none yet");
        assertThat(chromium.visible(By.id("subscriptions")).getText()).contains("127.0.0.1:9/pager", "pager");
    }

    @Test
    void the_api_docs_draw_the_servers_own_description_under_the_csp() {
        chromium.open(base + "/docs/");
        chromium.until(
                d -> d.findElements(By.cssSelector(".opblock-summary-path")).size() > 20);
        assertThat(chromium.visible(By.id("swagger-ui")).getText()).contains("/v1/events", "/console/session");
    }

    @Test
    void follows_the_incident_from_the_timeline_to_its_why_chain() {
        chromium.open(base + "/#/timeline");
        chromium.visible(By.id("f-source")).sendKeys("sentry");
        chromium.visible(By.id("f-type")).sendKeys("sentry.event_alert.triggered");
        chromium.visible(By.cssSelector("#timeline-filters button")).click();
        chromium.until(d -> d.getCurrentUrl().contains("source=sentry"));
        chromium.visible(By.partialLinkText("New issue on dashboard")).click();

        chromium.visible(By.id("why-link")).click();

        var steps = chromium.all(By.cssSelector("#why-steps > li"));
        assertThat(steps).hasSizeGreaterThanOrEqualTo(3);
        assertThat(chromium.visible(By.id("main")).getText())
                .contains("DASHBOARD-4F", "deployment", "cc604c1", "ENG-123", "asserted");
        assertThat(chromium.all(By.cssSelector("#why-steps a.citation"))).isNotEmpty();
    }

    @Test
    void asks_a_demo_question_and_opens_a_citation() {
        chromium.open(base + "/#/ask");
        WebElement question = chromium.visible(By.id("question"));
        question.sendKeys(DemoCommand.QUESTIONS.getFirst());
        question.sendKeys(Keys.ENTER);

        assertThat(chromium.visible(By.cssSelector("#answer .sentence")).getText())
                .contains("reviewed by Maya Chen");
        assertThat(chromium.visible(By.id("path")).getText()).contains("fixes");
        WebElement cite = chromium.visible(By.cssSelector("#answer a.citation"));
        String eventId = cite.getAttribute("href").replaceAll(".*#/event/", "");
        cite.click();

        chromium.until(d -> d.getCurrentUrl().endsWith("#/event/" + eventId)
                && d.findElement(By.cssSelector("main h1")).getText().contains("#302"));
        chromium.visible(By.id("raw-link")).click();
        assertThat(chromium.visible(By.id("raw-body")).getText()).contains("\"pull_request\"");
    }

    @Test
    void writes_a_rule_with_an_error_then_fixes_it_and_sees_its_violations() {
        // A rule that does not compile is answered 400 with the field, line and column: expected here.
        expected = message -> message.contains("/v1/rules/dry-run") && message.contains("400");
        chromium.open(base + "/#/rules");
        chromium.visible(By.id("rule-name")).sendKeys("pull requests stay small");
        chromium.visible(By.id("rule-onType")).sendKeys("github.pull_request.merged");
        WebElement require = chromium.visible(By.id("rule-require"));
        require.sendKeys("event.attributes.additions <");
        chromium.visible(By.id("dry-run")).click();

        WebElement error = chromium.visible(By.id("err-require"));
        assertThat(error.getText()).contains("line 1");
        assertThat(require.getAttribute("aria-invalid")).isEqualTo("true");

        require.sendKeys(" 300");
        chromium.visible(By.id("dry-run")).click();
        assertThat(chromium.visible(By.id("dry-run-summary")).getText()).contains("4 violations");
        assertThat(chromium.all(By.cssSelector("#dry-run-violations > li"))).hasSize(4);
        assertThat(error.isDisplayed()).isFalse();

        chromium.visible(By.id("save-rule")).click();
        chromium.visible(By.id("rule-saved"));
        assertThat(chromium.visible(By.id("rules")).getText()).contains("pull requests stay small");
        chromium.visible(By.linkText("production errors are tracked in an issue"))
                .click();
        assertThat(chromium.all(By.cssSelector("#violations > li"))).hasSize(2);
    }

    /**
     * An intent the tenant's policy holds (notify, here) proposed by one key, approved in the console
     * signed in with another key of the same tenant (the proposer's own approval is refused), then
     * followed as it runs against the Slack emulator, once, with its attempt shown.
     */
    @Test
    void approves_an_intent() throws Exception {
        try (SlackEmulator slack = new SlackEmulator(SLACK_TOKEN).start()) {
            slack.state().channel("C05INC8R2D4", "incidents").member(MAYA_SLACK, "maya");
            String slackConnection = null;
            for (var c : api("GET", "/v1/connections", DEMO.apiKey, null, 200).path("connections")) {
                if (c.path("provider").asString().equals("slack")) {
                    slackConnection = c.path("id").asString();
                }
            }
            assertThat(slackConnection).isNotNull();
            api(
                    "PUT",
                    "/v1/connections/" + slackConnection + "/credentials",
                    DEMO.apiKey,
                    Map.of("token", SLACK_TOKEN, "apiBase", slack.baseUri().toString()),
                    200);
            var policy = api("GET", "/v1/intent-policy", DEMO.apiKey, null, 200);
            api("PUT", "/v1/intent-policy", DEMO.apiKey, Map.of("requireApproval", List.of("notify")), 200);
            String proposer = api(
                            "POST",
                            "/v1/keys",
                            DEMO.apiKey,
                            Map.of("scopes", List.of("read", "propose", "execute")),
                            201)
                    .path("apiKey")
                    .asString();
            String approver = api("POST", "/v1/keys", DEMO.apiKey, Map.of("scopes", List.of("read", "approve")), 201)
                    .path("apiKey")
                    .asString();
            try {
                var proposed = api(
                                "POST",
                                "/v1/intents",
                                proposer,
                                Map.of(
                                        "intent",
                                        "notify",
                                        "args",
                                        Map.of(
                                                "to",
                                                "the reviewer of the PR that fixed payments-api#301",
                                                "message",
                                                "Could you look at the incident?"),
                                        "execute",
                                        true),
                                201)
                        .path("intent");
                assertThat(proposed.path("state").asString()).isEqualTo("AWAITING_APPROVAL");
                String id = proposed.path("id").asString();
                String idempotencyKey = proposed.path("plan")
                        .path("calls")
                        .get(0)
                        .path("call")
                        .path("idempotencyKey")
                        .asString();
                // The proposer may not approve its own intent.
                api("POST", "/v1/intents/" + id + "/approve", proposer, Map.of(), 403);

                signOut(chromium);
                signIn(chromium, approver);
                chromium.open(base + "/#/approvals");
                WebElement card = chromium.visible(By.id("intent-" + id));
                assertThat(card.findElement(By.cssSelector(".status")).getText())
                        .isEqualTo("awaiting approval");
                assertThat(card.getText())
                        .contains("Plan", "slack post message", "Reasons", "Waits for an approval", MAYA_SLACK);
                assertThat(card.findElements(By.cssSelector(".reasons a.citation")))
                        .isNotEmpty();
                chromium.screenshot("approves_an_intent-waiting");

                card.findElement(By.cssSelector("button.approve")).click();
                chromium.until(d -> d.findElement(By.cssSelector("#intent-" + id + " .status"))
                        .getText()
                        .equals("succeeded"));
                assertThat(chromium.visible(By.cssSelector("#intent-" + id + " .approvals"))
                                .getText())
                        .contains("Approved by key");
                assertThat(chromium.visible(By.cssSelector("#intent-" + id + " .attempts"))
                                .getText())
                        .contains("succeeded");
                assertThat(card.findElements(By.cssSelector("button.approve"))).isEmpty();
                chromium.screenshot("approves_an_intent-approved");
                assertThat(slack.calls().applied(idempotencyKey)).isEqualTo(1);
                assertThat(slack.state().messages(MAYA_SLACK))
                        .extracting(m -> m.text())
                        .containsExactly("Could you look at the incident?");

                // Opened again, it no longer waits: it is among the recent executions with its attempt.
                chromium.driver.navigate().refresh();
                WebElement executed = chromium.visible(By.cssSelector("#executions #intent-" + id));
                assertThat(executed.findElement(By.cssSelector(".status")).getText())
                        .isEqualTo("succeeded");
                assertThat(executed.findElement(By.cssSelector(".attempts")).getText())
                        .contains("call 1, attempt 1", "succeeded");
                assertThat(chromium.driver.findElements(By.cssSelector("#intents #intent-" + id)))
                        .isEmpty();
                chromium.driver.executeScript("arguments[0].scrollIntoView()", executed);
                chromium.screenshot("approves_an_intent-executed");
            } finally {
                api(
                        "PUT",
                        "/v1/intent-policy",
                        DEMO.apiKey,
                        Map.of("requireApproval", policy.path("requireApproval")),
                        200);
                signOut(chromium);
                signIn(chromium, DEMO.apiKey);
            }
        }
    }

    private static void signOut(HeadlessChromium chromium) {
        chromium.open(base + "/#/timeline");
        chromium.visible(By.id("sign-out")).click();
        chromium.visible(By.id("api-key"));
    }

    private static JsonNode api(String method, String path, String key, Object body, int expected) throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .method(
                                        method,
                                        body == null
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofByteArray(
                                                        Json.MAPPER.writeValueAsBytes(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(expected);
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void the_entity_page_draws_the_neighbourhood_and_moves_on_a_click() {
        chromium.open(base + "/#/entity?kind=incident&key=sentry:issue/6089233417");
        chromium.resize(1280, 1100);
        chromium.visible(By.id("two-hops"));
        var nodes = chromium.all(By.cssSelector("#graph a.node"));
        assertThat(nodes.size()).isGreaterThan(5);
        assertThat(chromium.visible(By.cssSelector("main h1")).getText()).isEqualTo("DASHBOARD-4F");
        assertThat(chromium.all(By.cssSelector("#history > li"))).isNotEmpty();
        chromium.screenshot("entity-page");
        chromium.visible(By.id("two-hops")).click();
        int oneHop = nodes.size();
        chromium.until(d -> d.findElements(By.cssSelector("#graph a.node")).size() > oneHop);

        String before = chromium.driver.getCurrentUrl();
        chromium.driver
                .findElement(By.cssSelector("#graph a.node:not(.centre)"))
                .click();
        chromium.until(
                d -> !d.getCurrentUrl().equals(before) && d.getCurrentUrl().contains("#/entity/ent_"));
        chromium.visible(By.id("graph"));
    }

    @Test
    void the_entity_page_moves_back_in_time_with_its_slider_and_shows_truth_and_conflicts() {
        chromium.open(base + "/#/entity?kind=incident&key=sentry:issue/6089233417");
        WebElement slider = chromium.visible(By.id("as-of"));
        assertThat(chromium.visible(By.id("as-of-value")).getText()).isEqualTo("now");
        chromium.visible(By.id("h-truth"));
        assertThat(chromium.driver.findElements(By.id("truths")).size()
                        + chromium.driver.findElements(By.id("conflicts")).size()
                        + chromium.driver.findElements(By.id("no-conflicts")).size())
                .isGreaterThan(0);
        int now = chromium.all(By.cssSelector("#history > li")).size();
        // Keyboard only: Home moves the slider to the entity's first event.
        slider.sendKeys(Keys.HOME);
        chromium.until(d -> d.getCurrentUrl().contains("asOf="));
        chromium.visible(By.id("as-of-now"));
        assertThat(chromium.visible(By.id("as-of-value")).getText()).startsWith("as of seq #");
        assertThat(chromium.all(By.cssSelector("#history > li")).size()).isLessThanOrEqualTo(now);
        assertThat(chromium.visible(By.id("entity-why")).getAttribute("href")).contains("#/why/ent_");
    }

    @Test
    void is_usable_without_a_mouse_and_at_phone_width() {
        chromium.resize(390, 844);
        chromium.open(base + "/#/timeline");
        chromium.visible(By.id("events"));
        // Each page moves focus to its heading; from there the navigation is a few Shift+Tabs back.
        String ask = null;
        for (int i = 0; i < 10 && !"Ask".equals(ask); i++) {
            chromium.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
            ask = chromium.driver.switchTo().activeElement().getText();
        }
        assertThat(ask).isEqualTo("Ask");
        chromium.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        WebElement question = chromium.visible(By.id("question"));
        question.sendKeys(DemoCommand.QUESTIONS.get(1), Keys.ENTER);
        assertThat(chromium.visible(By.cssSelector("#answer .sentence")).getText())
                .contains("670ad44");
        // Nothing is wider than the phone's screen.
        long scrollWidth = (Long) chromium.driver.executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth).isLessThanOrEqualTo(390);
    }
}
