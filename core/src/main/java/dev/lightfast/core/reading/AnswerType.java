package dev.lightfast.core.reading;

/** What kind of value a question asks for, read from how it is asked. */
public enum AnswerType {
    /** "who": people. */
    PERSON,
    /** "when": a time. */
    TIME,
    /** "which deployment", "what fixed #41": things, of a kind when one is named. */
    ENTITY,
    /** "what did X work on", "what changed in Y": a list of things and the events that show them. */
    LIST,
    /** "how many": a count of things. */
    COUNT,
    /** "why", "what caused": a causal chain, for the why-chain to take over. */
    REASON
}
