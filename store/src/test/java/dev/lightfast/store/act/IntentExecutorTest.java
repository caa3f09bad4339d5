package dev.lightfast.store.act;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lightfast.core.act.ActEvents;
import dev.lightfast.core.act.ActionCredentials;
import dev.lightfast.core.act.Backoff;
import dev.lightfast.core.act.CallAttempt;
import dev.lightfast.core.act.Intent;
import dev.lightfast.core.act.IntentExecutor;
import dev.lightfast.core.act.IntentKind;
import dev.lightfast.core.act.IntentState;
import dev.lightfast.core.act.Plan;
import dev.lightfast.core.act.PlannedCall;
import dev.lightfast.core.act.PolicyDecision;
import dev.lightfast.core.act.ToolCall;
import dev.lightfast.core.act.ToolClient;
import dev.lightfast.core.act.ToolClients;
import dev.lightfast.core.act.ToolCredential;
import dev.lightfast.core.act.ToolOperation;
import dev.lightfast.core.act.ToolResult;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.ApiKeys;
import dev.lightfast.core.tenant.Tenant;
import dev.lightfast.core.tenant.TenantId;
import dev.lightfast.store.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor over a real store with a scripted tool: a call whose outcome is unknown (no answer,
 * a 5xx, or a server that died while it was out) is looked up on the tool before it is sent again,
 * so a tool that did it anyway is not asked twice; a 429 is sent again without a look-up.
 */
class IntentExecutorTest {
    /** A tool operation as a connector declares one. */
    private static final ToolOperation COMMENT =
            new ToolOperation("github", "GITHUB_COMMENT", List.of("repo", "number", "body"));

    private static final TenantId ACME = TenantId.of("acme");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private SqliteStorage storage;
    private ScriptedTool tool;
    private IntentExecutor executor;

    @BeforeEach
    void open() {
        storage = SqliteStorage.open(dir);
        storage.tenants()
                .create(new Tenant(ACME, "acme", T0), ApiKeys.issue(ACME, T0).stored());
        var clock = Clock.fixed(T0, ZoneOffset.UTC);
        var credentials = new ActionCredentials(storage.intents(), storage.secretKeys(), clock);
        credentials.set(ACME, "con_1", "github", "ghs_token", "http://127.0.0.1:1");
        tool = new ScriptedTool();
        executor = new IntentExecutor(
                storage.intents(),
                new ToolClients(List.of(tool)),
                credentials,
                new ActEvents(storage.eventLog(), clock),
                Backoff.DEFAULT,
                clock,
                d -> {},
                new SplittableRandom(1),
                Executors.newVirtualThreadPerTaskExecutor());
    }

    @AfterEach
    void close() {
        executor.close();
        storage.close();
    }

    private Intent executing(String id) {
        var args = Json.MAPPER
                .createObjectNode()
                .put("repo", "acme/api")
                .put("number", 41)
                .put("body", "hi");
        var plan = new Plan(
                List.of(new PlannedCall(0, new ToolCall("con_1", COMMENT, args, id + "-0"), "comment", List.of())),
                List.of(),
                new PolicyDecision(false, "none", List.of()));
        var intent = new Intent(
                id,
                ACME,
                IntentKind.COMMENT,
                Map.of("on", "#41", "text", "hi"),
                "key1",
                T0,
                IntentState.EXECUTING,
                plan,
                null,
                null,
                T0);
        storage.intents().create(intent);
        return intent;
    }

    private List<String> outcomes(String id) {
        return storage.intents().attempts(ACME, id).stream()
                .map(CallAttempt::outcome)
                .toList();
    }

    @Test
    void a_call_that_timed_out_but_landed_is_found_not_sent_again() {
        executing("int_slow");
        tool.script.add(Script.LANDS_BUT_TIMES_OUT);
        executor.run(ACME, "int_slow");
        assertThat(tool.sent).isEqualTo(1);
        assertThat(tool.applied).isEqualTo(1);
        assertThat(tool.lookedUp).isEqualTo(1);
        assertThat(outcomes("int_slow")).containsExactly(CallAttempt.RETRYABLE, CallAttempt.FOUND);
        assertThat(storage.intents().find(ACME, "int_slow").orElseThrow().state())
                .isEqualTo(IntentState.SUCCEEDED);
    }

    @Test
    void a_server_error_that_did_nothing_is_looked_up_then_sent_again() {
        executing("int_500");
        tool.script.add(Script.SERVER_ERROR);
        executor.run(ACME, "int_500");
        assertThat(tool.sent).isEqualTo(2);
        assertThat(tool.applied).isEqualTo(1);
        assertThat(tool.lookedUp).isEqualTo(1);
        assertThat(outcomes("int_500")).containsExactly(CallAttempt.RETRYABLE, CallAttempt.SUCCEEDED);
    }

    @Test
    void a_rate_limit_is_sent_again_without_a_look_up() {
        executing("int_429");
        tool.script.add(Script.RATE_LIMITED);
        executor.run(ACME, "int_429");
        assertThat(tool.sent).isEqualTo(2);
        assertThat(tool.lookedUp).isZero();
        assertThat(tool.applied).isEqualTo(1);
    }

    @Test
    void an_attempt_left_in_flight_by_a_crash_is_looked_up_first() {
        executing("int_crash");
        // The server died after recording the attempt and sending the call, which the tool did.
        storage.intents()
                .attemptStarted(
                        ACME, "int_crash", new CallAttempt(0, 1, "int_crash-0", T0, null, null, null, null, null));
        tool.applied = 1;
        executor.run(ACME, "int_crash");
        assertThat(tool.sent).isZero();
        assertThat(tool.applied).isEqualTo(1);
        assertThat(outcomes("int_crash")).containsExactly(CallAttempt.FOUND);
    }

    @Test
    void an_attempt_left_in_flight_that_never_landed_is_sent_again_with_the_same_key() {
        executing("int_lost");
        storage.intents()
                .attemptStarted(
                        ACME, "int_lost", new CallAttempt(0, 1, "int_lost-0", T0, null, null, null, null, null));
        executor.run(ACME, "int_lost");
        assertThat(tool.sent).isEqualTo(1);
        assertThat(tool.applied).isEqualTo(1);
        assertThat(tool.keys).containsExactly("int_lost-0");
        assertThat(outcomes("int_lost")).containsExactly(CallAttempt.RETRYABLE, CallAttempt.SUCCEEDED);
    }

    private enum Script {
        LANDS_BUT_TIMES_OUT,
        SERVER_ERROR,
        RATE_LIMITED
    }

    /** A tool that does what its script says, then succeeds; it keeps no idempotency keys itself. */
    private static final class ScriptedTool implements ToolClient {
        final Deque<Script> script = new ArrayDeque<>();
        final List<String> keys = new java.util.ArrayList<>();
        int sent;
        int applied;
        int lookedUp;

        @Override
        public String tool() {
            return "github";
        }

        @Override
        public Set<ToolOperation> operations() {
            return Set.of(COMMENT);
        }

        @Override
        public ToolResult call(ToolCall call, ToolCredential credential) {
            sent++;
            keys.add(call.idempotencyKey());
            Script next = script.poll();
            if (next == null) {
                applied++;
                return new ToolResult.Succeeded(201, null, "https://github.com/acme/api/pull/41#c" + applied);
            }
            return switch (next) {
                case LANDS_BUT_TIMES_OUT -> {
                    applied++;
                    yield new ToolResult.Retryable(0, null, "github did not answer within 20000ms");
                }
                case SERVER_ERROR -> new ToolResult.Retryable(502, null, "bad gateway");
                case RATE_LIMITED -> new ToolResult.Retryable(429, java.time.Duration.ofSeconds(1), "slow down");
            };
        }

        @Override
        public Optional<ToolResult.Succeeded> findDone(ToolCall call, ToolCredential credential) {
            lookedUp++;
            return applied > 0
                    ? Optional.of(new ToolResult.Succeeded(200, null, "https://github.com/acme/api/pull/41#found"))
                    : Optional.empty();
        }
    }
}
