package dev.lightfast.core.subscription;

import dev.lightfast.core.event.Ids;
import dev.lightfast.core.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * What people and agents do with subscriptions: make, change, rotate, test, replay, remove. The
 * secrets are sealed here before any store sees them; the endpoint's URL is checked by {@link
 * EndpointCheck} (the server's: scheme and where it resolves).
 */
public final class Subscriptions {
    /** The source name of test messages in the outbox. */
    public static final String TEST_SOURCE = "test";
    /** How long a rotated-out secret keeps signing beside the new one. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    /** Refuses an endpoint URL, with a message a person can act on. */
    @FunctionalInterface
    public interface EndpointCheck {
        void check(String url);
    }

    private final SubscriptionStore store;
    private final Outbox outbox;
    private final List<MessageSource> sources;
    private final SecretSealer sealer;
    private final EndpointCheck endpoints;
    private final Clock clock;
    private volatile Runnable queued = () -> {};

    public Subscriptions(
            SubscriptionStore store,
            Outbox outbox,
            List<MessageSource> sources,
            SecretSealer sealer,
            EndpointCheck endpoints,
            Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.sources = List.copyOf(sources);
        this.sealer = sealer;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /** Told when a message was queued by hand (a test, a replay), so that it goes out now. */
    public void onQueued(Runnable queued) {
        this.queued = queued;
    }

    /** A new subscription and its signing secret, shown this once. */
    public record Created(Subscription subscription, SigningSecret secret) {}

    /** The new secret, shown this once, and until when the previous one still signs. */
    public record Rotated(SigningSecret secret, Instant previousUntil) {}

    /**
     * Makes a subscription. It is sent what the sources produce from now on: each source's cursor
     * starts at its current end.
     */
    public Created create(
            TenantId tenant, String url, String description, SubscriptionFilter filter, Integer rateLimit) {
        endpoints.check(url);
        Instant now = now();
        var subscription = new Subscription(
                Ids.prefixed("sub"), tenant, url, description, filter, rateLimit, now, now, null, null);
        var secret = SigningSecret.generate();
        var cursors = new LinkedHashMap<String, Long>();
        for (MessageSource s : sources) {
            cursors.put(s.name(), s.last(tenant));
        }
        var created = store.create(
                subscription, new SealedKeys(sealer.seal(secret.value(), subscription.id()), null, null), cursors);
        return new Created(created, secret);
    }

    public Optional<Subscription> find(TenantId tenant, String id) {
        return store.find(tenant, id);
    }

    public List<Subscription> list(TenantId tenant) {
        return store.list(tenant);
    }

    /**
     * Replaces its settings. {@code disabled} true disables it (nothing is sent, messages still
     * queue), false enables it again (with a fresh five days before a failing endpoint is disabled).
     */
    public Optional<Subscription> change(
            TenantId tenant,
            String id,
            String url,
            String description,
            SubscriptionFilter filter,
            Integer rateLimit,
            boolean disabled) {
        var existing = store.find(tenant, id);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        if (!url.equals(existing.get().url())) {
            endpoints.check(url);
        }
        Instant now = now();
        var changed = existing.get().changed(url, description, filter, rateLimit, now);
        if (disabled && changed.active()) {
            changed = changed.disabled(now, "disabled through the API");
        } else if (!disabled && !changed.active()) {
            changed = changed.enabled(now);
        }
        if (!store.update(changed)) {
            return Optional.empty();
        }
        if (!disabled) {
            queued.run(); // enabled again: what queued meanwhile goes out now
        }
        return Optional.of(changed);
    }

    public boolean delete(TenantId tenant, String id) {
        return store.delete(tenant, id);
    }

    /**
     * A new signing secret. The one it replaces keeps signing beside it for {@link
     * #ROTATION_OVERLAP}; one rotated out before that stops signing now.
     */
    public Optional<Rotated> rotate(TenantId tenant, String id) {
        var keys = store.keys(tenant, id);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        Instant until = now().plus(ROTATION_OVERLAP);
        var secret = SigningSecret.generate();
        var rotated = new SealedKeys(sealer.seal(secret.value(), id), keys.get().current(), until);
        return store.rotate(tenant, id, rotated) ? Optional.of(new Rotated(secret, until)) : Optional.empty();
    }

    /** Queues a test message at the end of the subscription's queue. */
    public Optional<QueuedMessage> test(TenantId tenant, String id) {
        if (store.find(tenant, id).isEmpty()) {
            return Optional.empty();
        }
        Instant now = now();
        var message = new TestMessage(id, now);
        var queuedMessage = outbox.add(
                tenant,
                id,
                TEST_SOURCE,
                new NewMessage(Ids.prefixed("msg"), null, message.type(), message.body(), now));
        queued.run();
        return Optional.of(queuedMessage);
    }

    /** Sends one message again (its id unchanged); empty when there is no such subscription or message. */
    public Optional<Integer> replay(TenantId tenant, String id, String messageId) {
        if (store.find(tenant, id).isEmpty()
                || outbox.message(tenant, id, messageId).isEmpty()) {
            return Optional.empty();
        }
        int n = outbox.replay(tenant, id, messageId, now());
        queued.run();
        return Optional.of(n);
    }

    /** Sends again every message whose timestamp is in {@code [from, to)}; empty when there is no such subscription. */
    public Optional<Integer> replay(TenantId tenant, String id, Instant from, Instant to) {
        if (store.find(tenant, id).isEmpty()) {
            return Optional.empty();
        }
        int n = outbox.replay(tenant, id, from, to, now());
        queued.run();
        return Optional.of(n);
    }

    public Outbox outbox() {
        return outbox;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
