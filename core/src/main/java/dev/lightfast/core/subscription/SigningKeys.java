package dev.lightfast.core.subscription;

import java.time.Instant;
import java.util.List;

/**
 * The secrets that sign a subscription's messages at a given time: the current one, and during the
 * 24 hours after a rotation the previous one too, so a receiver still configured with it keeps
 * verifying while it changes over.
 */
public record SigningKeys(SigningSecret current, SigningSecret previous, Instant previousUntil) {

    public static SigningKeys open(SealedKeys sealed, SecretSealer sealer, String subscriptionId) {
        return new SigningKeys(
                SigningSecret.parse(sealer.open(sealed.current(), subscriptionId)),
                sealed.previous() == null ? null : SigningSecret.parse(sealer.open(sealed.previous(), subscriptionId)),
                sealed.previousUntil());
    }

    /** The secrets that sign at {@code now}, the current one first. */
    public List<SigningSecret> signingAt(Instant now) {
        return previous != null && now.isBefore(previousUntil) ? List.of(current, previous) : List.of(current);
    }
}
