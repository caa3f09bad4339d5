package dev.lightfast.core.act;

import dev.lightfast.core.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Runs plans in the background, one virtual thread per intent, call after call in order. Exactly
 * once across a crash: an attempt is durable before its call is sent, and on restart a call with an
 * attempt but no outcome is first looked up on the tool ({@link ToolClient#findDone}), then sent
 * again with the same idempotency key. Retryable outcomes wait as {@link Backoff} says (honouring
 * {@code Retry-After}); a failed one stops the plan with the tool's message. Every attempt and
 * outcome is an event in the log.
 */
public final class IntentExecutor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IntentExecutor.class.getName());

    /** Waits between attempts; a test's clock may skip them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final IntentStore store;
    private final ToolClients clients;
    private final ActionCredentials credentials;
    private final ActEvents events;
    private final Backoff backoff;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ExecutorService threads;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public IntentExecutor(
            IntentStore store,
            ToolClients clients,
            ActionCredentials credentials,
            ActEvents events,
            Backoff backoff,
            Clock clock,
            Sleeper sleeper,
            RandomGenerator random,
            ExecutorService threads) {
        this.store = store;
        this.clients = clients;
        this.credentials = credentials;
        this.events = events;
        this.backoff = backoff;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.threads = threads;
    }

    /** Runs the intent in the background, unless this server runs it already. */
    public void submit(TenantId tenant, String id) {
        String key = tenant.value() + "/" + id;
        if (!running.add(key)) {
            return;
        }
        threads.execute(() -> {
            try {
                run(tenant, id);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "intent " + id + " of " + tenant + " stopped unexpectedly; it resumes at the next start",
                        e);
            } finally {
                running.remove(key);
            }
        });
    }

    /** After a start: resumes every intent whose execution had begun. */
    public int resume(Iterable<TenantId> tenants) {
        int n = 0;
        for (TenantId t : tenants) {
            for (Intent i : store.executing(t)) {
                submit(t, i.id());
                n++;
            }
        }
        return n;
    }

    /** Runs the intent's remaining calls, here and now. */
    public void run(TenantId tenant, String id) {
        Intent intent = store.find(tenant, id).orElse(null);
        if (intent == null || intent.state() != IntentState.EXECUTING) {
            return;
        }
        List<CallAttempt> all = store.attempts(tenant, id);
        for (PlannedCall planned : intent.plan().calls()) {
            List<CallAttempt> mine = new ArrayList<>(
                    all.stream().filter(a -> a.callIndex() == planned.index()).toList());
            if (mine.stream().anyMatch(CallAttempt::done)) {
                continue;
            }
            String failure = call(tenant, intent, planned, mine);
            if (failure != null) {
                finish(tenant, intent, IntentState.FAILED, failure);
                return;
            }
        }
        finish(tenant, intent, IntentState.SUCCEEDED, null);
    }

    /** Makes one planned call until it succeeds; the failure's message, or null when it succeeded. */
    private String call(TenantId tenant, Intent intent, PlannedCall planned, List<CallAttempt> before) {
        ToolCall call = planned.call();
        ToolClient client = clients.find(call.operation().tool()).orElse(null);
        if (client == null) {
            return "this server has no " + call.operation().tool() + " client";
        }
        ToolCredential credential =
                credentials.open(tenant, call.connectionId()).orElse(null);
        if (credential == null) {
            return "connection " + call.connectionId() + " has no credentials";
        }
        int attempt = before.size();
        CallAttempt last = before.isEmpty() ? null : before.getLast();
        if (last != null && last.inFlight()) {
            // The server stopped while this attempt was out: did it take effect?
            var done = lookUp(client, call, credential);
            if (done.isPresent()) {
                var found = new CallAttempt(
                        planned.index(),
                        last.attempt(),
                        call.idempotencyKey(),
                        last.startedAt(),
                        CallAttempt.FOUND,
                        done.get().status(),
                        "found done on the tool after a restart",
                        done.get().url(),
                        clock.instant());
                store.attemptFinished(tenant, intent.id(), found);
                succeeded(tenant, intent, planned, found, done.get());
                return null;
            }
            store.attemptFinished(
                    tenant,
                    intent.id(),
                    new CallAttempt(
                            planned.index(),
                            last.attempt(),
                            call.idempotencyKey(),
                            last.startedAt(),
                            CallAttempt.RETRYABLE,
                            null,
                            "no outcome recorded (the server stopped) and not found on the tool: sending it again",
                            null,
                            clock.instant()));
        }
        Instant started = clock.instant();
        while (true) {
            attempt++;
            var a = new CallAttempt(
                    planned.index(), attempt, call.idempotencyKey(), clock.instant(), null, null, null, null, null);
            store.attemptStarted(tenant, intent.id(), a);
            events.record(
                    tenant,
                    intent,
                    ActEvents.CALL_ATTEMPTED,
                    "call/" + planned.index() + "/attempt/" + attempt,
                    "Intent " + intent.id() + ": " + planned.why() + " (attempt " + attempt + ")",
                    null,
                    Map.of(
                            "call",
                            planned.index(),
                            "attempt",
                            attempt,
                            "operation",
                            op(call),
                            "idempotency_key",
                            call.idempotencyKey()),
                    List.of());
            ToolResult result;
            try {
                result = client.call(call, credential);
            } catch (RuntimeException e) {
                // A client must not throw; one that does is treated as a network failure, and retried.
                LOG.log(
                        System.Logger.Level.WARNING,
                        call.operation().tool() + " client threw on " + op(call) + " (retried as a network failure)",
                        e);
                result = new ToolResult.Retryable(
                        0, null, "the client failed: " + e.getClass().getSimpleName());
            }
            switch (result) {
                case ToolResult.Succeeded s -> {
                    var done = finished(a, CallAttempt.SUCCEEDED, s.status(), null, s.url());
                    store.attemptFinished(tenant, intent.id(), done);
                    succeeded(tenant, intent, planned, done, s);
                    return null;
                }
                case ToolResult.Failed f -> {
                    store.attemptFinished(
                            tenant, intent.id(), finished(a, CallAttempt.FAILED, f.status(), f.message(), null));
                    String message = client.title() + " refused " + op(call) + " (" + f.status() + "): " + f.message();
                    failedEvent(tenant, intent, planned, attempt, f.status(), message);
                    return message;
                }
                case ToolResult.Retryable r -> {
                    store.attemptFinished(
                            tenant,
                            intent.id(),
                            finished(a, CallAttempt.RETRYABLE, r.status() == 0 ? null : r.status(), r.message(), null));
                    var wait = backoff.next(attempt, Duration.between(started, clock.instant()), r.after(), random);
                    if (wait.isEmpty()) {
                        String message = "gave up on " + op(call) + " after " + attempt + " attempts: " + r.message();
                        failedEvent(tenant, intent, planned, attempt, r.status(), message);
                        return message;
                    }
                    try {
                        sleeper.sleep(wait.get());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        // Stopping: the attempt is recorded; the next start carries on.
                        throw new IllegalStateException("stopped while waiting to retry " + op(call));
                    }
                    if (mayHaveLanded(r)) {
                        // A timeout or a 5xx says nothing of whether the tool did it: a slow tool
                        // finishes after the client gave up. Look before sending it again.
                        var landed = lookUp(client, call, credential);
                        if (landed.isPresent()) {
                            // Its own row, so the unanswered attempt stays on the record as it was.
                            attempt++;
                            var lookedUp = new CallAttempt(
                                    planned.index(),
                                    attempt,
                                    call.idempotencyKey(),
                                    clock.instant(),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null);
                            store.attemptStarted(tenant, intent.id(), lookedUp);
                            var found = new CallAttempt(
                                    planned.index(),
                                    attempt,
                                    call.idempotencyKey(),
                                    lookedUp.startedAt(),
                                    CallAttempt.FOUND,
                                    landed.get().status(),
                                    "found done on the tool after an unanswered attempt",
                                    landed.get().url(),
                                    clock.instant());
                            store.attemptFinished(tenant, intent.id(), found);
                            succeeded(tenant, intent, planned, found, landed.get());
                            return null;
                        }
                    }
                }
            }
        }
    }

    /** A result that leaves open whether the tool did it: no answer, or a server error. 429 never did. */
    static boolean mayHaveLanded(ToolResult.Retryable r) {
        return r.status() == 0 || r.status() >= 500;
    }

    /** {@link ToolClient#findDone}, where a failing look-up counts as not found (the call is sent again). */
    private static java.util.Optional<ToolResult.Succeeded> lookUp(
            ToolClient client, ToolCall call, ToolCredential credential) {
        try {
            return client.findDone(call, credential);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    call.operation().tool() + " client threw looking up " + op(call) + " (taken as not done)",
                    e);
            return java.util.Optional.empty();
        }
    }

    private CallAttempt finished(CallAttempt a, String outcome, Integer status, String message, String url) {
        return new CallAttempt(
                a.callIndex(),
                a.attempt(),
                a.idempotencyKey(),
                a.startedAt(),
                outcome,
                status,
                message,
                url,
                clock.instant());
    }

    private void succeeded(TenantId tenant, Intent intent, PlannedCall planned, CallAttempt a, ToolResult.Succeeded s) {
        events.record(
                tenant,
                intent,
                ActEvents.CALL_SUCCEEDED,
                "call/" + planned.index() + "/succeeded",
                "Intent " + intent.id() + ": done: " + planned.why(),
                s.url(),
                Map.of(
                        "call",
                        planned.index(),
                        "attempt",
                        a.attempt(),
                        "operation",
                        op(planned.call()),
                        "status",
                        s.status(),
                        "idempotency_key",
                        planned.call().idempotencyKey()),
                List.of());
    }

    private void failedEvent(TenantId tenant, Intent intent, PlannedCall planned, int attempt, int status, String why) {
        events.record(
                tenant,
                intent,
                ActEvents.CALL_FAILED,
                "call/" + planned.index() + "/failed",
                "Intent " + intent.id() + ": failed: " + planned.why() + ": " + why,
                null,
                Map.of(
                        "call",
                        planned.index(),
                        "attempt",
                        attempt,
                        "operation",
                        op(planned.call()),
                        "status",
                        status,
                        "message",
                        why),
                List.of());
    }

    private void finish(TenantId tenant, Intent intent, IntentState state, String message) {
        var now = clock.instant();
        if (!store.transition(tenant, intent.id(), Set.of(IntentState.EXECUTING), intent.with(state, message, now))) {
            return;
        }
        events.record(
                tenant,
                intent,
                ActEvents.COMPLETED,
                "completed",
                "Intent " + intent.kind().wire() + " " + intent.id() + " " + state.wire()
                        + (message == null ? "" : ": " + message),
                null,
                message == null ? Map.of("outcome", state.wire()) : Map.of("outcome", state.wire(), "message", message),
                List.of());
        store.audit(
                tenant,
                new AuditEntry(
                        0,
                        now,
                        AuditEntry.EXECUTOR,
                        state.wire(),
                        intent.id(),
                        intent.kind().wire(),
                        message));
    }

    private static String op(ToolCall call) {
        return call.operation().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
