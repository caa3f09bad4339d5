package dev.lightfast.core.event;

import com.github.f4b6a3.ulid.UlidCreator;

/** New identifiers: ULIDs, sortable by creation time and unique without coordination. */
public final class Ids {
    private Ids() {}

    public static String ulid() {
        return UlidCreator.getMonotonicUlid().toString();
    }

    public static String prefixed(String prefix) {
        return prefix + "_" + UlidCreator.getMonotonicUlid().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
