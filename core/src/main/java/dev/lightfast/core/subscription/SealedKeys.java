package dev.lightfast.core.subscription;

import java.time.Instant;

/**
 * A subscription's signing secrets as stored: sealed by a {@link SecretSealer}, so the store never
 * handles them in the clear. After a rotation the previous secret keeps signing until {@code
 * previousUntil}.
 */
public record SealedKeys(String current, String previous, Instant previousUntil) {
    public SealedKeys {
        if (current == null || current.isBlank()) {
            throw new IllegalArgumentException("a subscription always has a current secret");
        }
        if ((previous == null) != (previousUntil == null)) {
            throw new IllegalArgumentException("a previous secret comes with the time it stops signing");
        }
    }
}
