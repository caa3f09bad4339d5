package dev.lightfast.core.act;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.secret.SecretKeys;
import dev.lightfast.core.tenant.TenantId;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Connections' credentials for acting on their tools, sealed with the installation's keys like
 * webhook and subscription secrets, bound to the connection they belong to (a sealed token copied
 * onto another connection does not open), opened only for a call and never returned.
 */
public final class ActionCredentials {
    private static final int MAX_TOKEN = 4_096;

    private final IntentStore store;
    private final SecretKeys keys;
    private final Clock clock;
    /** Each tool's own API, used when a credential names no other base (one names an emulator in tests). */
    private final Map<String, URI> defaultBases;

    public ActionCredentials(IntentStore store, SecretKeys keys, Clock clock, Map<String, URI> defaultBases) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.defaultBases = Map.copyOf(defaultBases);
    }

    /** Credentials that must each name their API base. */
    public ActionCredentials(IntentStore store, SecretKeys keys, Clock clock) {
        this(store, keys, clock, Map.of());
    }

    private static String owner(String connectionId) {
        return "credential:" + connectionId;
    }

    /** Sets (or replaces) a connection's credential; {@code apiBase} null means the tool's own API. */
    public void set(TenantId tenant, String connectionId, String provider, String token, String apiBase) {
        if (token == null || token.isBlank()) {
            throw new InvalidInput("token is required");
        }
        if (token.length() > MAX_TOKEN) {
            throw new InvalidInput("token is longer than " + MAX_TOKEN + " characters");
        }
        URI base;
        if (apiBase == null || apiBase.isBlank()) {
            base = defaultBases.get(provider);
            if (base == null) {
                throw new InvalidInput("Lightfast cannot act on " + provider + " connections");
            }
        } else {
            try {
                base = URI.create(apiBase.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("apiBase is not a URL: " + apiBase);
            }
            if (!("https".equals(base.getScheme()) || "http".equals(base.getScheme())) || base.getHost() == null) {
                throw new InvalidInput("apiBase must be an http(s) URL with a host");
            }
        }
        store.putCredential(
                tenant,
                new StoredCredential(
                        connectionId, keys.seal(token.strip(), owner(connectionId)), base, clock.instant()));
    }

    public boolean has(TenantId tenant, String connectionId) {
        return store.credential(tenant, connectionId).isPresent();
    }

    /** The credential, opened, for one call. */
    public Optional<ToolCredential> open(TenantId tenant, String connectionId) {
        return store.credential(tenant, connectionId)
                .map(c -> new ToolCredential(keys.open(c.sealedToken(), owner(connectionId)), c.apiBase()));
    }

    /** Seals again, under the current key, every credential sealed under a retired one. */
    public int resealAll(Iterable<TenantId> tenants) {
        int resealed = 0;
        for (TenantId tenant : tenants) {
            for (StoredCredential c : store.credentials(tenant)) {
                if (!keys.needsSealing(c.sealedToken())) {
                    continue;
                }
                String plain = keys.open(c.sealedToken(), owner(c.connectionId()));
                store.putCredential(
                        tenant,
                        new StoredCredential(
                                c.connectionId(),
                                keys.seal(plain, owner(c.connectionId())),
                                c.apiBase(),
                                c.updatedAt()));
                resealed++;
            }
        }
        return resealed;
    }
}
