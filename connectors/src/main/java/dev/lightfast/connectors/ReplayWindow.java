package dev.lightfast.connectors;

import dev.lightfast.core.connector.WebhookRejected;
import java.time.Duration;
import java.time.Instant;

/**
 * How far a delivery's own send time may be from ours. Tools that put a time into what they sign
 * (Slack's request timestamp, Linear's {@code webhookTimestamp}) let a captured delivery be refused
 * when it is posted again later; five minutes is what Slack and Linear recommend and covers clock
 * skew and slow networks. Redeliveries inside the window are caught by the delivery id instead.
 */
public record ReplayWindow(Duration tolerance) {
    public static final ReplayWindow FIVE_MINUTES = new ReplayWindow(Duration.ofMinutes(5));

    /**
     * @param what the value checked, as the sender names it ("X-Slack-Request-Timestamp")
     * @throws WebhookRejected (UNAUTHENTICATED) when {@code sent} is further than the tolerance
     *     from {@code now}, in either direction
     */
    public void check(String what, Instant sent, Instant now) {
        Duration off = Duration.between(sent, now);
        if (off.abs().compareTo(tolerance) > 0) {
            String direction = off.isNegative() ? "ahead of" : "behind";
            throw new WebhookRejected(
                    WebhookRejected.Reason.UNAUTHENTICATED,
                    what
                            + " "
                            + sent
                            + " is "
                            + describe(off.abs())
                            + " "
                            + direction
                            + " this server's clock ("
                            + now
                            + "); deliveries more than "
                            + describe(tolerance)
                            + " away are refused as possible replays. If this is a fresh delivery, check the"
                            + " server's clock.");
        }
    }

    private static String describe(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours";
        }
        if (d.toMinutes() >= 1) {
            return d.toMinutes() + " minutes";
        }
        return d.toSeconds() + " seconds";
    }
}
