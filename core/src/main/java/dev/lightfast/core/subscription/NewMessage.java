package dev.lightfast.core.subscription;

import java.time.Instant;

/** A message on its way into a subscription's outbox; the store gives it its position. */
public record NewMessage(String id, Long sourcePosition, String type, byte[] body, Instant timestamp) {}
