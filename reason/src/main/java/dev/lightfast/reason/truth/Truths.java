package dev.lightfast.reason.truth;

import dev.lightfast.core.claim.Claim;
import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.ClaimRole;
import dev.lightfast.core.claim.ClaimStore;
import dev.lightfast.core.event.Citation;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.tenant.TenantId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes truth from claims: reads an entity's claims as of a reading point, keeps each voice's
 * latest, lets those that no longer stand step down ({@link Standing}), and applies the attribute's
 * {@link TruthPolicy}. Any past point reads the same way: what was believed then.
 */
public final class Truths {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    /** Sources named in one rationale sentence; the rest are in the losers. */
    private static final int NAMED = 3;

    private final ClaimStore store;
    private final TruthPolicies policies;

    public Truths(ClaimStore store, TruthPolicies policies) {
        this.store = store;
        this.policies = policies;
    }

    /** The truth of every attribute the entity has claims about (or only {@code attribute}), in vocabulary order. */
    public List<Truth> of(TenantId tenant, String entityId, ClaimAttribute attribute, AsOf asOf) {
        List<Claim> claims = store.claims(tenant, entityId, attribute == null ? null : attribute.wire());
        Map<ClaimAttribute, Map<String, Claim>> heads = new LinkedHashMap<>();
        for (Claim c : claims) {
            if (!c.visible(asOf.seq(), asOf.time())) {
                continue;
            }
            ClaimAttribute.of(c.attribute())
                    .ifPresent(a ->
                            heads.computeIfAbsent(a, k -> new LinkedHashMap<>()).put(c.voice(), c));
        }
        List<Truth> out = new ArrayList<>();
        for (ClaimAttribute a : ClaimAttribute.values()) {
            var h = heads.get(a);
            if (h != null) {
                decide(tenant, a, h.values()).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The truth from the latest claim of each voice, by the tenant's policy for the attribute. */
    public Optional<Truth> decide(TenantId tenant, ClaimAttribute attribute, java.util.Collection<Claim> heads) {
        Standing standing = Standing.of(attribute, heads);
        if (standing.standing().isEmpty()) {
            return Optional.empty();
        }
        TruthPolicy policy = policies.of(tenant, attribute);
        Claim winner = winner(standing, policy);
        List<Claim> disagreeing = standing.disagreeing();
        List<Truth.Loser> losers = new ArrayList<>();
        for (Claim c : standing.standing()) {
            if (c != winner) {
                // A claim that stands but does not speak for its role (a change closed unmerged) says why itself.
                String why = standing.down().stream()
                        .filter(d -> d.claim() == c)
                        .map(Standing.Down::why)
                        .findFirst()
                        .orElseGet(() -> why(c, winner, policy, attribute));
                losers.add(new Truth.Loser(c, why));
            }
        }
        for (Standing.Down d : standing.down()) {
            if (d.claim() != winner && losers.stream().noneMatch(l -> l.claim() == d.claim())) {
                losers.add(new Truth.Loser(d.claim(), d.why()));
            }
        }
        List<Citation> cited = new ArrayList<>();
        cited.add(winner.citation());
        losers.stream()
                .map(l -> l.claim().citation())
                .filter(c -> cited.stream().noneMatch(x -> x.eventId().equals(c.eventId())))
                .forEach(cited::add);
        return Optional.of(new Truth(
                attribute.wire(),
                winner.value(),
                winner.stated(),
                winner,
                losers,
                policy.mode().name().toLowerCase(java.util.Locale.ROOT),
                policy.describe(),
                !disagreeing.isEmpty(),
                rationale(attribute, winner, disagreeing, standing, policy),
                cited));
    }

    private static Claim winner(Standing standing, TruthPolicy policy) {
        Claim operator = standing.byRole().get(ClaimRole.OPERATOR);
        if (operator != null) {
            return operator;
        }
        if (policy.mode() == TruthPolicy.Mode.RECENCY) {
            return standing.standing().getFirst();
        }
        return standing.byRole().values().stream()
                .min(Comparator.comparingInt(c -> policy.rank(c.claimRole())))
                .orElse(standing.standing().getFirst());
    }

    private static String why(Claim loser, Claim winner, TruthPolicy policy, ClaimAttribute attribute) {
        if (attribute.agree(loser.value(), winner.value())) {
            return "agrees with the winner";
        }
        if (winner.claimRole() == ClaimRole.OPERATOR) {
            return "the operator's statement wins";
        }
        if (policy.mode() == TruthPolicy.Mode.RECENCY) {
            return "older than the winner";
        }
        if (loser.claimRole() == winner.claimRole()) {
            return "older than the winner, from the same role";
        }
        return "outranked: " + winner.claimRole().phrase() + " ranks above "
                + loser.claimRole().phrase();
    }

    /**
     * "Linear says Done (ENG-134, 2026-11-20 16:45); GitHub says the pull request that fixes it is
     * still open (ledgerloop/dashboard#190, 2026-11-20 14:05); policy for state: the code host (once a
     * fixing change exists) wins, then the tool the thing lives in, ...: in_review."
     */
    private static String rationale(
            ClaimAttribute attribute, Claim winner, List<Claim> disagreeing, Standing standing, TruthPolicy policy) {
        List<Claim> named = new ArrayList<>();
        named.add(winner);
        for (Claim c : disagreeing.isEmpty() ? standing.standing() : disagreeing) {
            if (named.size() < NAMED && !named.contains(c)) {
                named.add(c);
            }
        }
        // What a newer statement superseded is part of why: "Vercel deployed it (10:04); Diego said rolled back
        // (11:10)".
        Claim superseded = null;
        if (disagreeing.isEmpty()) {
            superseded = standing.down().stream()
                    .map(Standing.Down::claim)
                    .filter(c -> !attribute.agree(c.value(), winner.value()))
                    .max(Comparator.comparing(Claim::validFrom).thenComparingLong(Claim::seq))
                    .orElse(null);
            if (superseded != null) {
                named.add(superseded);
            }
        }
        named.sort(Comparator.comparing(Claim::validFrom).thenComparingLong(Claim::seq));
        var sb = new StringBuilder();
        for (Claim c : named) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(c.speaker())
                    .append(
                            c.claimRole() == ClaimRole.OPERATOR
                                    ? " stated "
                                    : c.stated().startsWith("said ") ? " " : " says ")
                    .append(c.stated())
                    .append(" (")
                    .append(c.via() != null && c.via().label() != null ? c.via().label() : label(c))
                    .append(", ")
                    .append(WHEN.format(c.validFrom()))
                    .append(")");
        }
        String is = attribute.wire() + " is " + winner.value() + ".";
        if (!disagreeing.isEmpty()) {
            sb.append("; policy for ").append(attribute.wire()).append(": ");
            sb.append(
                    winner.claimRole() == ClaimRole.OPERATOR
                            ? "an operator's statement wins over what was claimed before it"
                            : policy.describe());
            return sb.append(", so ").append(is).toString();
        }
        if (superseded != null) {
            return sb.append(
                            winner.claimRole() == ClaimRole.OPERATOR
                                    ? "; the operator's statement wins over what was claimed before it: "
                                    : "; the later statement supersedes the earlier: ")
                    .append(is)
                    .toString();
        }
        return sb.append(standing.standing().size() > 1 ? "; they agree: " : "; no other source says otherwise: ")
                .append(is)
                .toString();
    }

    private static String label(Claim c) {
        return c.entity().label() != null ? c.entity().label() : c.entity().key();
    }
}
