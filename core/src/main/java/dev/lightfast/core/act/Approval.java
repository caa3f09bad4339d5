package dev.lightfast.core.act;

import java.time.Instant;

/** Who approved an intent and when; {@code approver} is the approving API key's id. */
public record Approval(String approver, Instant at, String eventId) {}
