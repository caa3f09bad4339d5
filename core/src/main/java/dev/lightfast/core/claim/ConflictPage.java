package dev.lightfast.core.claim;

import java.util.List;

/** A page of conflicts, newest first, and where the next page starts (null on the last). */
public record ConflictPage(List<Conflict> conflicts, ConflictQuery.Position next) {
    public ConflictPage {
        conflicts = List.copyOf(conflicts);
    }
}
