package dev.lightfast.core.tenant;

import java.time.Instant;

public record Tenant(TenantId id, String name, Instant createdAt) {}
