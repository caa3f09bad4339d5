package dev.lightfast.core.subscription;

import java.util.List;

/** Attempts newest first; continue with {@code before = next} while it is not null. */
public record AttemptPage(List<Attempt> attempts, String next) {}
