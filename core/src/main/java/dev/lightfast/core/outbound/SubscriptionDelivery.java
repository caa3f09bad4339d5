package dev.lightfast.core.outbound;

import dev.lightfast.core.event.EventLog;
import dev.lightfast.core.event.Ids;
import dev.lightfast.core.subscription.Attempt;
import dev.lightfast.core.subscription.Delivered;
import dev.lightfast.core.subscription.MessageState;
import dev.lightfast.core.subscription.Outbox;
import dev.lightfast.core.subscription.QueuedMessage;
import dev.lightfast.core.subscription.SecretSealer;
import dev.lightfast.core.subscription.SigningKeys;
import dev.lightfast.core.subscription.Subscription;
import dev.lightfast.core.subscription.SubscriptionStore;
import dev.lightfast.core.subscription.WebhookSignature;
import dev.lightfast.core.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Works one subscription's queue, in order, while holding its lease: sends the head message,
 * signed; on a 2xx goes on to the next; on anything else records when to try again (the {@link
 * RetrySchedule}) and stops, since the next message must not overtake it. A message whose last
 * attempt failed is failed for good, and the queue goes on. An endpoint failing for {@link
 * #DISABLE_AFTER} is disabled, and the log says so.
 *
 * <p>Attempts are recorded in small batches: a server killed between a 2xx and its record sends
 * those messages again after a restart, with the same {@code webhook-id}, and nothing is lost.
 */
public final class SubscriptionDelivery {
    private static final System.Logger LOG = System.getLogger(SubscriptionDelivery.class.getName());

    /** An endpoint that fails every attempt for this long is disabled. */
    public static final Duration DISABLE_AFTER = Duration.ofDays(5);

    private static final int READ_BATCH = 100;
    private static final int RECORD_EVERY = 64;
    private static final long RECORD_AFTER_NANOS = 50_000_000L;

    private final SubscriptionStore subscriptions;
    private final Outbox outbox;
    private final SecretSealer sealer;
    private final WebhookSender sender;
    private final EventLog log;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final Map<String, Pacer> pacers = new ConcurrentHashMap<>();

    public SubscriptionDelivery(
            SubscriptionStore subscriptions,
            Outbox outbox,
            SecretSealer sealer,
            WebhookSender sender,
            EventLog log,
            Clock clock,
            RetrySchedule schedule) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.sealer = sealer;
        this.sender = sender;
        this.log = log;
        this.clock = clock;
        this.schedule = schedule;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Sends the subscription's due messages in order, as long as {@code keepGoing} says and the lease
     * lasts (renewed to {@code lease} ahead as it goes).
     *
     * @return when its next message is due, or empty when nothing is queued, it is disabled, or the
     *     lease was lost
     */
    public Optional<Instant> deliver(
            TenantId tenant, String subscriptionId, String holder, Duration lease, BooleanSupplier keepGoing) {
        var found = subscriptions.find(tenant, subscriptionId);
        var sealed = subscriptions.keys(tenant, subscriptionId);
        if (found.isEmpty() || sealed.isEmpty() || !found.get().active()) {
            return Optional.empty();
        }
        Subscription subscription = found.get();
        SigningKeys keys = SigningKeys.open(sealed.get(), sealer, subscriptionId);
        Pacer pacer = subscription.rateLimit() == null
                ? null
                : pacers.compute(
                        subscriptionId + "@" + subscription.rateLimit(),
                        (k, p) -> p != null ? p : new Pacer(subscription.rateLimit()));
        var run = new Run(
                tenant,
                subscription,
                holder,
                lease,
                outbox.failingSince(tenant, subscriptionId).orElse(null));
        try {
            while (keepGoing.getAsBoolean()) {
                List<QueuedMessage> batch = outbox.pending(tenant, subscriptionId, READ_BATCH);
                if (batch.isEmpty()) {
                    return Optional.empty();
                }
                for (QueuedMessage m : batch) {
                    Instant now = now();
                    if (m.nextAttemptAt() != null && m.nextAttemptAt().isAfter(now)) {
                        return Optional.of(m.nextAttemptAt());
                    }
                    if (!keepGoing.getAsBoolean()) {
                        return Optional.of(now);
                    }
                    if (!run.holdLease(now)) {
                        return Optional.empty();
                    }
                    if (pacer != null) {
                        pacer.pace();
                    }
                    var outcome = attempt(run, keys, m);
                    if (outcome.isPresent()) {
                        return outcome.get();
                    }
                    run.recordIfDue();
                }
                run.record();
            }
            return Optional.of(now());
        } finally {
            run.record();
        }
    }

    /**
     * Sends one message and notes the outcome.
     *
     * @return empty to go on to the next message; otherwise what {@link #deliver} answers (the queue
     *     waits for this message's retry, or stops)
     */
    private Optional<Optional<Instant>> attempt(Run run, SigningKeys keys, QueuedMessage m) {
        Instant start = now();
        long timestamp = start.getEpochSecond();
        var headers = new LinkedHashMap<String, String>();
        headers.put("content-type", "application/json");
        headers.put(WebhookSignature.ID, m.id());
        headers.put(WebhookSignature.TIMESTAMP, Long.toString(timestamp));
        headers.put(
                WebhookSignature.SIGNATURE,
                WebhookSignature.header(keys.signingAt(start), m.id(), timestamp, m.body()));
        SendResult result = sender.send(run.subscription.url(), headers, m.body());
        Instant done = now();
        int attempts = m.attempts() + 1;
        var attempt = new Attempt(
                Ids.prefixed("att"),
                m.id(),
                m.position(),
                start,
                result.status(),
                result.outcome(),
                result.latency() == null ? 0 : result.latency().toMillis(),
                truncate(result.response()),
                truncate(result.error()));
        if (result.delivered()) {
            run.add(new Delivered(m.position(), attempt, MessageState.DELIVERED, attempts, null), null);
            return Optional.empty();
        }
        Instant failingSince = run.failingSince != null ? run.failingSince : start;
        Optional<Duration> retry = schedule.afterFailure(attempts, result.retryAfter());
        run.add(
                new Delivered(
                        m.position(),
                        attempt,
                        retry.isPresent() ? MessageState.PENDING : MessageState.FAILED,
                        attempts,
                        retry.map(done::plus).orElse(null)),
                failingSince);
        if (!failingSince.plus(DISABLE_AFTER).isAfter(done)) {
            run.record();
            disable(run.subscription, failingSince, describe(result), done);
            return Optional.of(Optional.empty());
        }
        if (retry.isPresent()) {
            run.record();
            return Optional.of(Optional.of(done.plus(retry.get())));
        }
        return Optional.empty(); // failed for good: the next message's turn
    }

    private void disable(Subscription s, Instant failingSince, String lastFailure, Instant now) {
        String reason = "every attempt failed since " + failingSince + " (last: " + lastFailure + ")";
        if (subscriptions.update(s.disabled(now, reason))) {
            SubscriptionDisabled.record(log, s, failingSince, lastFailure, now);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "disabled webhook subscription {0} of tenant {1}: {2}",
                    s.id(),
                    s.tenant(),
                    reason);
        }
    }

    private static String describe(SendResult r) {
        return r.status() != null
                ? "HTTP " + r.status()
                : r.outcome().wire() + (r.error() == null ? "" : ": " + r.error());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= Attempt.MAX_RESPONSE ? s : s.substring(0, Attempt.MAX_RESPONSE);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** One pass over a queue: the lease, the failing streak, and attempts not yet recorded. */
    private final class Run {
        final TenantId tenant;
        final Subscription subscription;
        final String holder;
        final Duration lease;
        Instant failingSince;
        Instant leaseUntil;
        final List<Delivered> unrecorded = new ArrayList<>();
        long firstUnrecorded;
        WebhookSignature.Signer signer;

        Run(TenantId tenant, Subscription subscription, String holder, Duration lease, Instant failingSince) {
            this.tenant = tenant;
            this.subscription = subscription;
            this.holder = holder;
            this.lease = lease;
            this.failingSince = failingSince;
        }

        /** Keyed once per pass; made again when the secrets signing change (a rotation's overlap ends). */
        WebhookSignature.Signer signer(List<dev.lightfast.core.subscription.SigningSecret> secrets) {
            if (signer == null || !signer.signsWith(secrets)) {
                signer = new WebhookSignature.Signer(secrets);
            }
            return signer;
        }

        /** Renews the lease when half of it is gone; false when another server has it now. */
        boolean holdLease(Instant now) {
            if (leaseUntil != null && now.plus(lease.dividedBy(2)).isBefore(leaseUntil)) {
                return true;
            }
            Instant until = now.plus(lease);
            if (!outbox.renew(tenant, subscription.id(), holder, until)) {
                return false;
            }
            leaseUntil = until;
            return true;
        }

        void add(Delivered d, Instant failingSince) {
            if (unrecorded.isEmpty()) {
                firstUnrecorded = System.nanoTime();
            }
            unrecorded.add(d);
            this.failingSince = failingSince;
        }

        void recordIfDue() {
            if (unrecorded.size() >= RECORD_EVERY
                    || (!unrecorded.isEmpty() && System.nanoTime() - firstUnrecorded >= RECORD_AFTER_NANOS)) {
                record();
            }
        }

        void record() {
            if (!unrecorded.isEmpty()) {
                outbox.record(tenant, subscription.id(), List.copyOf(unrecorded), failingSince);
                unrecorded.clear();
            }
        }
    }
}
