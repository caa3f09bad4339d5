package dev.lightfast.emulators;

import java.net.URI;
import java.util.Objects;

/** Where an emulator sends its webhooks (the server's {@code /webhooks/<provider>/<connectionId>}) and the secret it signs with. */
public record WebhookTarget(URI url, String secret) {
    public WebhookTarget {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "WebhookTarget[url=" + url + ", secret=***]";
    }
}
