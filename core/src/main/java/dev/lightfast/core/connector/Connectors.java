package dev.lightfast.core.connector;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The webhook connectors this process knows, by provider name. */
public final class Connectors {
    private final Map<String, WebhookConnector> byProvider = new LinkedHashMap<>();
    private final Map<String, String> providerOfPrefix = new HashMap<>();

    public Connectors(List<WebhookConnector> connectors) {
        for (var c : connectors) {
            if (byProvider.put(c.provider(), c) != null) {
                throw new IllegalArgumentException("two connectors for provider " + c.provider());
            }
            for (String prefix : c.keyPrefixes()) {
                if (providerOfPrefix.put(prefix, c.provider()) != null) {
                    throw new IllegalArgumentException("two connectors for key prefix " + prefix);
                }
            }
        }
    }

    /** The tool an entity key belongs to: the connector whose prefix it has, else the part before its colon. */
    public String toolOf(String key) {
        int colon = key.indexOf(':');
        String prefix = colon < 0 ? key : key.substring(0, colon);
        return providerOfPrefix.getOrDefault(prefix, prefix);
    }

    public Optional<WebhookConnector> find(String provider) {
        return Optional.ofNullable(byProvider.get(provider));
    }

    public List<String> providers() {
        return List.copyOf(byProvider.keySet());
    }
}
