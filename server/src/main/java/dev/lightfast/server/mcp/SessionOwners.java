package dev.lightfast.server.mcp;

import dev.lightfast.core.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which tenant started each MCP session. A session id is not a credential: every request is
 * authenticated by its own API key, and a session may only be used with a key of the tenant that
 * started it, so a leaked session id is useless with another tenant's key.
 */
final class SessionOwners {
    /** Enough for every live session; the oldest are forgotten first (their clients then start anew). */
    private static final int MAX_SESSIONS = 100_000;

    private final Map<String, TenantId> owners = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TenantId> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    synchronized void started(String sessionId, TenantId tenant) {
        owners.put(sessionId, tenant);
    }

    synchronized boolean belongsTo(String sessionId, TenantId tenant) {
        return tenant.equals(owners.get(sessionId));
    }

    synchronized void ended(String sessionId) {
        owners.remove(sessionId);
    }
}
