package dev.lightfast.core.claim;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a claim's source stands to the entity it is about, which is what truth policies rank: an
 * operator's statement, the change that fixes it, the tool the entity lives in, another tool that
 * observed it, or a person's words.
 */
public enum ClaimRole {
    /** Someone stated it through {@code POST /v1/claims}, knowing what the tools say. */
    OPERATOR("operator", "the operator's statement"),
    /** A change that fixes the entity says how far it is: an open pull request, a merged one. */
    FIXING_CHANGE("fixing_change", "the code host (once a fixing change exists)"),
    /** The tool the entity lives in: Linear for its issues, GitHub for its pull requests. */
    OWNER("owner", "the tool the thing lives in"),
    /** Another tool's observation: a deployment tool or an error tracker naming what runs. */
    OBSERVER("observer", "another tool's observation"),
    /** What a person said in a message or comment. */
    PERSON("person", "what a person said");

    private final String wire;
    private final String phrase;

    ClaimRole(String wire, String phrase) {
        this.wire = wire;
        this.phrase = phrase;
    }

    public String wire() {
        return wire;
    }

    /** The role in words, for rationales. */
    public String phrase() {
        return phrase;
    }

    public static Optional<ClaimRole> of(String wire) {
        return Arrays.stream(values())
                .filter(r -> r.wire.equals(wire == null ? null : wire.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /**
     * The role of a claim from {@code source}: the operator's source, a statement made through
     * another thing, a person's words, the tool whose key names the entity ({@code linear:ENG-1} is
     * Linear's), or any other tool.
     */
    public static ClaimRole of(String source, String entityKey, boolean via, boolean said) {
        if (OperatorClaims.SOURCE.equals(source)) {
            return OPERATOR;
        }
        if (said) {
            return PERSON;
        }
        if (via) {
            return FIXING_CHANGE;
        }
        int colon = entityKey.indexOf(':');
        return colon > 0 && entityKey.substring(0, colon).equals(source) ? OWNER : OBSERVER;
    }

    @Override
    public String toString() {
        return wire;
    }
}
