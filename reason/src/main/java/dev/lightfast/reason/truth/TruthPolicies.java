package dev.lightfast.reason.truth;

import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.ClaimRole;
import dev.lightfast.core.json.Json;
import dev.lightfast.core.tenant.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The truth policy of every attribute, per tenant: the defaults below, overridden by configuration
 * ({@value #ENV}, a JSON file) for every tenant or one. Defaults (see decision 0015):
 *
 * <ul>
 *   <li>{@code state}: by authority: once a pull request that fixes it exists, the code host says
 *       whether the work is done (any fixing change still open means it is not); then the tool the
 *       thing lives in (Linear for its issues); then another tool; then what people said;
 *   <li>{@code merged} and {@code assignee}: by authority, the tool the thing lives in first;
 *   <li>{@code production} and {@code shipped}: by recency: each statement reports a change in the
 *       world (a deployment, a rollback), so the newest one wins whoever makes it.
 * </ul>
 *
 * <p>The file: {@code {"state": {"mode": "recency"}, "tenants": {"acme": {"production": {"mode":
 * "authority", "authority": ["observer", "person"]}}}}}. A policy read at query time: a change needs
 * no rebuild.
 */
public final class TruthPolicies {
    /** The environment variable naming the configuration file. */
    public static final String ENV = "LIGHTFAST_TRUTH_POLICIES";

    private final Map<ClaimAttribute, TruthPolicy> all;
    private final Map<String, Map<ClaimAttribute, TruthPolicy>> tenants;

    private TruthPolicies(Map<ClaimAttribute, TruthPolicy> all, Map<String, Map<ClaimAttribute, TruthPolicy>> tenants) {
        this.all = all;
        this.tenants = tenants;
    }

    public static TruthPolicies defaults() {
        return new TruthPolicies(defaultPolicies(), Map.of());
    }

    private static Map<ClaimAttribute, TruthPolicy> defaultPolicies() {
        var m = new EnumMap<ClaimAttribute, TruthPolicy>(ClaimAttribute.class);
        m.put(
                ClaimAttribute.STATE,
                new TruthPolicy(
                        "state",
                        TruthPolicy.Mode.AUTHORITY,
                        List.of(
                                ClaimRole.OPERATOR,
                                ClaimRole.FIXING_CHANGE,
                                ClaimRole.OWNER,
                                ClaimRole.OBSERVER,
                                ClaimRole.PERSON)));
        for (ClaimAttribute a : List.of(ClaimAttribute.MERGED, ClaimAttribute.ASSIGNEE)) {
            m.put(
                    a,
                    new TruthPolicy(
                            a.wire(),
                            TruthPolicy.Mode.AUTHORITY,
                            List.of(ClaimRole.OPERATOR, ClaimRole.OWNER, ClaimRole.OBSERVER, ClaimRole.PERSON)));
        }
        for (ClaimAttribute a : List.of(ClaimAttribute.PRODUCTION, ClaimAttribute.SHIPPED)) {
            m.put(a, new TruthPolicy(a.wire(), TruthPolicy.Mode.RECENCY, List.of()));
        }
        return m;
    }

    /** The defaults with the overrides of the file {@value #ENV} names, if set. */
    public static TruthPolicies fromEnvironment(Map<String, String> env) {
        String file = env.get(ENV);
        if (file == null || file.isBlank()) {
            return defaults();
        }
        try {
            return parse(Files.readString(Path.of(file)));
        } catch (IOException e) {
            throw new IllegalArgumentException(ENV + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads overrides from JSON: attribute names at the top level apply to every tenant, those under
     * {@code tenants.<id>} to one.
     *
     * @throws IllegalArgumentException naming what is wrong, so a server does not start with a policy it misread
     */
    public static TruthPolicies parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("truth policies are not JSON: " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("truth policies must be a JSON object of attribute -> policy");
        }
        var all = overrides(defaultPolicies(), root, "");
        Map<String, Map<ClaimAttribute, TruthPolicy>> tenants = new HashMap<>();
        JsonNode byTenant = root.path("tenants");
        if (byTenant.isObject()) {
            byTenant.properties()
                    .forEach(t -> tenants.put(t.getKey(), overrides(all, t.getValue(), "tenants." + t.getKey() + ".")));
        }
        return new TruthPolicies(all, tenants);
    }

    private static Map<ClaimAttribute, TruthPolicy> overrides(
            Map<ClaimAttribute, TruthPolicy> base, JsonNode node, String where) {
        var m = new EnumMap<>(base);
        node.properties().forEach(e -> {
            if (e.getKey().equals("tenants")) {
                return;
            }
            ClaimAttribute attribute = ClaimAttribute.of(e.getKey())
                    .orElseThrow(() -> new IllegalArgumentException("truth policies: " + where + e.getKey()
                            + " is not an attribute (state, merged, assignee," + " production, shipped)"));
            JsonNode p = e.getValue();
            String modeName = p.path("mode").asString("authority");
            TruthPolicy.Mode mode;
            try {
                mode = TruthPolicy.Mode.valueOf(modeName.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(
                        "truth policies: " + where + e.getKey() + ".mode must be authority or recency");
            }
            List<ClaimRole> order = new ArrayList<>();
            for (JsonNode r : p.path("authority")) {
                order.add(ClaimRole.of(r.asString())
                        .orElseThrow(() -> new IllegalArgumentException("truth policies: " + where + e.getKey()
                                + ".authority: '" + r.asString()
                                + "' is not a role (operator, fixing_change, owner, observer, person)")));
            }
            if (order.isEmpty()) {
                order.addAll(base.get(attribute).authority());
            }
            m.put(attribute, new TruthPolicy(attribute.wire(), mode, order));
        });
        return m;
    }

    public TruthPolicy of(TenantId tenant, ClaimAttribute attribute) {
        var own = tenants.get(tenant.value());
        return own != null ? own.get(attribute) : all.get(attribute);
    }
}
