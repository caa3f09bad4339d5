package dev.lightfast.core.graph;

import dev.lightfast.core.event.EntityRef;
import java.util.Locale;
import java.util.Optional;

/**
 * The team's areas: the service a repository, a deployment project and an error tracker's project
 * stand for, named the same in every tool (ledgerloop/dashboard, Vercel's dashboard project and
 * Sentry's dashboard project are the service {@code dashboard}), and environments by one name
 * ({@code prod} is {@code production}). This is how a deployment and an incident of different tools
 * are found to be in the same place. A team whose tools name a service differently is not matched.
 */
public final class Areas {
    /** The key namespace of a service named across tools, as agents already write it: {@code service:shop}. */
    public static final String SERVICE_PREFIX = "service:";

    private Areas() {}

    /** The service a repository, project or service stands for; empty for any other kind. */
    public static Optional<String> of(EntityRef ref) {
        if (ref == null) {
            return Optional.empty();
        }
        return of(ref.kind(), ref.key(), ref.label());
    }

    /** As {@link #of(EntityRef)}, for an entity of the graph. */
    public static Optional<String> of(Entity e) {
        return e == null ? Optional.empty() : of(e.kind(), e.key(), e.name());
    }

    private static Optional<String> of(String kind, String key, String label) {
        if (!EntityKind.REPOSITORY.is(kind) && !EntityKind.PROJECT.is(kind) && !EntityKind.SERVICE.is(kind)) {
            return Optional.empty();
        }
        if (key.startsWith(SERVICE_PREFIX)) {
            return Optional.of(normal(key.substring(SERVICE_PREFIX.length())));
        }
        // A repository's key and label end in its name; a project's key may be an opaque id, its label is its name.
        String name = label != null && !label.isBlank() && !EntityKind.REPOSITORY.is(kind) ? label : key;
        int slash = name.lastIndexOf('/');
        String last = slash >= 0 ? name.substring(slash + 1) : name;
        int colon = last.indexOf(':');
        return last.isBlank() ? Optional.empty() : Optional.of(normal(colon >= 0 ? last.substring(colon + 1) : last));
    }

    /** The tool-neutral entity of a service, which claims about what runs in it are about. */
    public static EntityRef service(String name) {
        String n = normal(name);
        return EntityRef.of(EntityKind.SERVICE.wire(), SERVICE_PREFIX + n, n);
    }

    /** An environment's name as every tool's is compared: lower case, {@code prod} is {@code production}. */
    public static String environment(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "prod", "prd", "live" -> "production";
            case "stage", "stg" -> "staging";
            default -> n;
        };
    }

    private static String normal(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
