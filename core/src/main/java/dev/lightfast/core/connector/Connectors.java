package dev.lightfast.core.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The webhook connectors this process knows, by provider name. */
public final class Connectors {
    private final Map<String, WebhookConnector> byProvider = new LinkedHashMap<>();

    public Connectors(List<WebhookConnector> connectors) {
        for (var c : connectors) {
            if (byProvider.put(c.provider(), c) != null) {
                throw new IllegalArgumentException("two connectors for provider " + c.provider());
            }
        }
    }

    public Optional<WebhookConnector> find(String provider) {
        return Optional.ofNullable(byProvider.get(provider));
    }

    public List<String> providers() {
        return List.copyOf(byProvider.keySet());
    }
}
