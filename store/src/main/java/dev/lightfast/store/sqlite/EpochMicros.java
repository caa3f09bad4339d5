package dev.lightfast.store.sqlite;

import java.time.Instant;

/** Times are stored as microseconds since the epoch: sortable integers, precise enough for events. */
final class EpochMicros {
    private EpochMicros() {}

    static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
