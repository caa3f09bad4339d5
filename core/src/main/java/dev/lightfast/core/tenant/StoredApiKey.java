package dev.lightfast.core.tenant;

import java.time.Instant;

/** What is kept of an API key: its public id and a hash of its secret, never the secret itself. */
public record StoredApiKey(String keyId, TenantId tenant, byte[] secretHash, Instant createdAt) {}
