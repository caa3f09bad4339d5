package dev.lightfast.server.mcp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which browser origins may call {@code /mcp}. A web page on another site can reach a server on
 * localhost (DNS rebinding makes its name resolve there), so the MCP spec requires the Origin header
 * to be checked. Allowed: requests with no Origin (agents, CLIs, servers: not browsers), pages
 * served from this machine (localhost, 127.0.0.1, [::1], any port), and origins the operator lists
 * in {@code LIGHTFAST_MCP_ALLOWED_ORIGINS} (comma-separated; {@code https://app.example.com:*}
 * allows any port). Nothing else, not even a page claiming to be "same origin": under DNS rebinding
 * the attacker's page is same-origin with the rebound name.
 */
public record OriginPolicy(List<String> allowed) {
    public static final String ENVIRONMENT = "LIGHTFAST_MCP_ALLOWED_ORIGINS";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    public OriginPolicy {
        allowed = allowed.stream().map(OriginPolicy::normalise).toList();
    }

    public static OriginPolicy fromEnvironment(Map<String, String> env) {
        String listed = env.getOrDefault(ENVIRONMENT, "");
        return new OriginPolicy(Arrays.stream(listed.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList());
    }

    /** Whether a request carrying this Origin header may proceed; null (no header) always may. */
    public boolean allows(String origin) {
        if (origin == null) {
            return true;
        }
        String o = normalise(origin);
        if (isLoopback(o)) {
            return true;
        }
        for (String a : allowed) {
            if (a.equals(o)) {
                return true;
            }
            if (a.endsWith(":*")) {
                String base = a.substring(0, a.length() - 2);
                if (o.equals(base)
                        || (o.startsWith(base + ":")
                                && o.substring(base.length() + 1).chars().allMatch(Character::isDigit))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isLoopback(String origin) {
        try {
            URI uri = new URI(origin);
            String scheme = uri.getScheme();
            return ("http".equals(scheme) || "https".equals(scheme))
                    && uri.getHost() != null
                    && LOOPBACK.contains(uri.getHost())
                    && (uri.getPath() == null || uri.getPath().isEmpty());
        } catch (URISyntaxException e) {
            return false; // "null" (an opaque origin) and anything unparseable are not allowed
        }
    }

    private static String normalise(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
