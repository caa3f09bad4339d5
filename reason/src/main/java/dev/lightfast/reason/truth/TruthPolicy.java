package dev.lightfast.reason.truth;

import dev.lightfast.core.claim.ClaimRole;
import java.util.List;

/**
 * How the truth of one attribute is decided between claims that disagree. {@link Mode#AUTHORITY}:
 * the highest-ranked role with a claim wins (each role speaking through its latest claim);
 * {@link Mode#RECENCY}: the newest claim wins, whoever makes it. Either way, an operator's statement
 * wins over every claim made before it, since the operator stated it knowing them.
 *
 * @param authority the roles in rank order, highest first; roles left out rank below the listed ones,
 *     in their natural order
 */
public record TruthPolicy(String attribute, Mode mode, List<ClaimRole> authority) {

    public enum Mode {
        AUTHORITY,
        RECENCY
    }

    public TruthPolicy {
        authority = complete(authority);
    }

    private static List<ClaimRole> complete(List<ClaimRole> given) {
        var out = new java.util.ArrayList<ClaimRole>(given == null ? List.of() : given);
        for (ClaimRole r : ClaimRole.values()) {
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    /** Its rank of a role: 0 for the highest. */
    public int rank(ClaimRole role) {
        return authority.indexOf(role);
    }

    /** The policy in one clause, for rationales: "the newest statement wins, whoever makes it". */
    public String describe() {
        if (mode == Mode.RECENCY) {
            return "the newest statement wins, whoever makes it";
        }
        var ranked =
                authority.stream().filter(r -> r != ClaimRole.OPERATOR).limit(3).toList();
        var sb = new StringBuilder(ranked.getFirst().phrase()).append(" wins");
        for (ClaimRole r : ranked.subList(1, ranked.size())) {
            sb.append(", then ").append(r.phrase());
        }
        return sb.toString();
    }
}
