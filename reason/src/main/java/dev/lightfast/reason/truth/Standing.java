package dev.lightfast.reason.truth;

import dev.lightfast.core.claim.Claim;
import dev.lightfast.core.claim.ClaimAttribute;
import dev.lightfast.core.claim.ClaimRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What is being claimed about one attribute of one entity at a reading point: each voice's latest
 * claim ("heads"), less those that no longer stand, and each role's word. Whether the roles disagree
 * is decided here, the same for the conflicts projection and for a truth read as of any point.
 *
 * <ul>
 *   <li>An operator's statement is made knowing what was claimed before it: older claims of other
 *       voices stand down.
 *   <li>What runs in production and whether a change is shipped are reports of changes in the world
 *       (a deployment, a rollback): a report stands down once another is made more than {@link
 *       #SIMULTANEOUS} later. Two reports within that time that disagree do disagree.
 *   <li>The changes that fix a thing speak together as the code host: the work is not done while any
 *       of them is open; a change closed without merging no longer speaks.
 * </ul>
 */
final class Standing {
    /** Reports of a change in the world this close in time are taken as made at once. */
    static final Duration SIMULTANEOUS = Duration.ofMinutes(10);

    static final Comparator<Claim> NEWEST_FIRST = Comparator.comparing(Claim::validFrom)
            .thenComparingLong(Claim::seq)
            .thenComparing(Claim::id)
            .reversed();

    /** A claim that does not stand, and why. */
    record Down(Claim claim, String why) {}

    private final ClaimAttribute attribute;
    private final List<Claim> standing;
    private final List<Down> down;
    private final Map<ClaimRole, Claim> byRole;

    private Standing(ClaimAttribute attribute, List<Claim> standing, List<Down> down, Map<ClaimRole, Claim> byRole) {
        this.attribute = attribute;
        this.standing = standing;
        this.down = down;
        this.byRole = byRole;
    }

    /** From the latest claim of each voice. */
    static Standing of(ClaimAttribute attribute, Collection<Claim> heads) {
        List<Claim> all = new ArrayList<>(heads);
        all.sort(NEWEST_FIRST);
        List<Down> down = new ArrayList<>();
        Claim operator = all.stream()
                .filter(c -> c.claimRole() == ClaimRole.OPERATOR)
                .max(Comparator.comparingLong(Claim::seq))
                .orElse(null);
        Claim newest = all.isEmpty() ? null : all.getFirst();
        List<Claim> standing = new ArrayList<>();
        for (Claim c : all) {
            if (operator != null && c.claimRole() != ClaimRole.OPERATOR && c.seq() < operator.seq()) {
                down.add(new Down(c, "stated before the operator's statement"));
            } else if (reportsChange(attribute)
                    && newest != null
                    && c.validFrom().plus(SIMULTANEOUS).isBefore(newest.validFrom())) {
                down.add(new Down(c, "superseded by a newer report"));
            } else if (c.claimRole() == ClaimRole.OPERATOR && c != operator) {
                down.add(new Down(c, "superseded by a newer operator statement"));
            } else {
                standing.add(c);
            }
        }
        Map<ClaimRole, Claim> byRole = new EnumMap<>(ClaimRole.class);
        for (ClaimRole role : ClaimRole.values()) {
            List<Claim> of =
                    standing.stream().filter(c -> c.claimRole() == role).toList();
            Claim word = role == ClaimRole.FIXING_CHANGE && attribute == ClaimAttribute.STATE
                    ? codeHost(of, down)
                    : of.isEmpty() ? null : of.getFirst();
            if (word != null) {
                byRole.put(role, word);
            }
        }
        return new Standing(attribute, standing, down, byRole);
    }

    /**
     * The fixing changes' word on a thing's state: the newest open one while any is open (the work
     * is not done), else the newest merged one; changes closed without merging say nothing.
     */
    private static Claim codeHost(List<Claim> fixing, List<Down> down) {
        Claim open = null;
        Claim done = null;
        for (Claim c : fixing) {
            switch (ClaimAttribute.STATE.phase(c.value())) {
                case "open" -> open = open == null ? c : open;
                case "done" -> done = done == null ? c : done;
                default -> down.add(new Down(c, "the change was closed without merging"));
            }
        }
        return open != null ? open : done;
    }

    private static boolean reportsChange(ClaimAttribute attribute) {
        return attribute == ClaimAttribute.PRODUCTION || attribute == ClaimAttribute.SHIPPED;
    }

    ClaimAttribute attribute() {
        return attribute;
    }

    /** The claims that stand, newest first. */
    List<Claim> standing() {
        return standing;
    }

    List<Down> down() {
        return down;
    }

    /** Each role's word, in role order. */
    Map<ClaimRole, Claim> byRole() {
        return byRole;
    }

    /** The roles' words when they do not all agree (one per role), else empty. */
    List<Claim> disagreeing() {
        var words = new ArrayList<>(byRole.values());
        // A role whose claims disagree among themselves (two people) counts too, for reports.
        for (Claim c : standing) {
            if (!words.contains(c) && c.claimRole() != ClaimRole.FIXING_CHANGE) {
                Claim word = byRole.get(c.claimRole());
                if (word != null && !attribute.agree(word.value(), c.value())) {
                    words.add(c);
                }
            }
        }
        for (int i = 0; i < words.size(); i++) {
            for (int j = i + 1; j < words.size(); j++) {
                if (!attribute.agree(words.get(i).value(), words.get(j).value())) {
                    return List.copyOf(words);
                }
            }
        }
        return List.of();
    }
}
