package dev.lightfast.core.subscription;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.tenant.TenantId;
import java.time.Instant;

/**
 * An outbound webhook: where to send (an HTTP(S) URL), what ({@link SubscriptionFilter}), and how
 * fast at most. Its signing secret is kept apart ({@link SealedKeys}) and never part of this record.
 * A disabled subscription is sent nothing, but keeps queueing, so that enabling it again delivers
 * what it missed, in order.
 *
 * @param rateLimit messages per second at most, or null for as fast as the endpoint answers
 * @param disabledAt when it was disabled (by a person, or after failing for five days), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(
        String id,
        @JsonIgnore TenantId tenant,
        String url,
        String description,
        SubscriptionFilter filter,
        Integer rateLimit,
        Instant createdAt,
        Instant updatedAt,
        Instant disabledAt,
        String disabledReason) {

    public static final int MAX_URL = 2_048;
    public static final int MAX_DESCRIPTION = 1_000;
    public static final int MAX_RATE_LIMIT = 10_000;

    public Subscription {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw new InvalidInput("url is required, at most " + MAX_URL + " characters");
        }
        description = description == null ? "" : description;
        if (description.length() > MAX_DESCRIPTION) {
            throw new InvalidInput("description is at most " + MAX_DESCRIPTION + " characters");
        }
        filter = filter == null ? SubscriptionFilter.EVERY_EVENT : filter;
        if (rateLimit != null && (rateLimit < 1 || rateLimit > MAX_RATE_LIMIT)) {
            throw new InvalidInput("rateLimit is messages per second, 1-" + MAX_RATE_LIMIT);
        }
    }

    @JsonIgnore
    public boolean active() {
        return disabledAt == null;
    }

    public Subscription disabled(Instant at, String reason) {
        return new Subscription(id, tenant, url, description, filter, rateLimit, createdAt, at, at, reason);
    }

    public Subscription enabled(Instant at) {
        return new Subscription(id, tenant, url, description, filter, rateLimit, createdAt, at, null, null);
    }

    /** The same subscription sending elsewhere, or other things. */
    public Subscription changed(
            String url, String description, SubscriptionFilter filter, Integer rateLimit, Instant at) {
        return new Subscription(
                id, tenant, url, description, filter, rateLimit, createdAt, at, disabledAt, disabledReason);
    }
}
