package dev.lightfast.core.tenant;

import dev.lightfast.core.InvalidInput;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an API key may do. Keys made before scopes existed, and a tenant's first key, hold them all
 * (stored as no scopes at all), so nothing that worked stops working.
 */
public enum Scope {
    /** Read the log, answers, intents and the audit trail. */
    READ,
    /** Propose an intent: resolve it to a plan, a dry run. */
    PROPOSE,
    /** Run a plan on the tenant's tools. */
    EXECUTE,
    /** Approve another key's plan. */
    APPROVE,
    /** Issue keys, set tool credentials and policy, approve one's own plan. */
    ADMIN;

    public static final Set<Scope> ALL = Set.copyOf(EnumSet.allOf(Scope.class));

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope of(String wire) {
        try {
            return valueOf(wire.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInput("unknown scope '" + wire + "': one of read, propose, execute, approve, admin");
        }
    }

    /** Scopes as stored: a comma-separated list, null for every scope. */
    public static String store(Set<Scope> scopes) {
        if (scopes == null || scopes.containsAll(ALL)) {
            return null;
        }
        return String.join(",", scopes.stream().sorted().map(Scope::wire).toList());
    }

    public static Set<Scope> read(String stored) {
        if (stored == null || stored.isBlank()) {
            return ALL;
        }
        var out = EnumSet.noneOf(Scope.class);
        for (String s : stored.split(",")) {
            out.add(of(s));
        }
        return Set.copyOf(out);
    }
}
