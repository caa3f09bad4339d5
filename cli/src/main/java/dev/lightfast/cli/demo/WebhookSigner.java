package dev.lightfast.cli.demo;

import java.time.Instant;
import java.util.Optional;

/**
 * Signs a recorded delivery the way its tool signs a live one, with the connection's secret, at
 * replay time: the tools that put a timestamp into the signature (Linear, Sentry, Slack) get the
 * current one, so the server's replay window accepts it.
 */
public sealed interface WebhookSigner permits GithubSigner, LinearSigner, SentrySigner, VercelSigner, SlackSigner {

    /**
     * @param delivery the recorded delivery; the body is not changed (a signer that must change it
     *     works on a copy)
     * @param now the moment of sending
     */
    SignedDelivery sign(RecordedDelivery delivery, String secret, Instant now);

    /** The signer of a provider the demo history uses. */
    static Optional<WebhookSigner> of(String provider) {
        return Optional.ofNullable(
                switch (provider) {
                    case "github" -> new GithubSigner();
                    case "linear" -> new LinearSigner();
                    case "sentry" -> new SentrySigner();
                    case "vercel" -> new VercelSigner();
                    case "slack" -> new SlackSigner();
                    default -> null;
                });
    }
}
