package dev.lightfast.core.act;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.graph.Entity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tool-specific half of planning, one per tool, implemented in {@code connectors.<tool>} next to
 * the tool's {@link ToolClient}. The planner resolves what an intent means in the graph's terms (the
 * issue, the person's identity in the tool, the channel); the tool's actions say which of its
 * operations does it and with which arguments, read from the entities' keys. A method answers empty
 * when the tool cannot do that to that thing; the planner then says so.
 */
public interface ToolActions {
    /** What an intent can ask of tools; a tool lists the ones it does in {@link #primitives()}. */
    enum Primitive {
        /** Post a message to a channel or a person. */
        MESSAGE,
        COMMENT,
        ASSIGN,
        LABEL,
        REQUEST_REVIEW,
        ROLLBACK,
        /** Open a ticket in a tracker. */
        OPEN_TICKET
    }

    /** The connector's source name, as in {@link ToolOperation#tool()}. */
    String tool();

    /** The tool's name for people. */
    String title();

    Set<Primitive> primitives();

    /** How an intent can name one of this tool's things by its key, for messages; empty when by no short form. */
    default Optional<String> referenceExample() {
        return Optional.empty();
    }

    /** The alias kind under which a person merged from this tool keeps their member id in it. */
    default String memberAliasKind() {
        return tool() + "_user";
    }

    /** The key of this tool's person with that member id. */
    default String personKey(String memberId) {
        return tool() + ":user/" + memberId;
    }

    /** A message to a channel (or message, or thread) of this tool, or to a person's identity in it. */
    default Optional<ToolAction> message(Entity to, String text) {
        return Optional.empty();
    }

    /** The channel a channel, message or thread entity of this tool is in; empty for anything else. */
    default Optional<String> channelOf(Entity e) {
        return Optional.empty();
    }

    /** The key of this tool's channel with that id. */
    default String channelKey(String channelId) {
        throw new UnsupportedOperationException(tool() + " has no channels");
    }

    default Optional<ToolAction> comment(Entity on, String text) {
        return Optional.empty();
    }

    /** Whether a note on this incident goes onto the incident itself (as a comment) as well as to its channel. */
    default boolean takesNotes(Entity incident) {
        return false;
    }

    /** @param assignee the person's identity in this tool */
    default Optional<ToolAction> assign(Entity item, Entity assignee) {
        return Optional.empty();
    }

    default Optional<ToolAction> label(Entity item, List<String> labels) {
        return Optional.empty();
    }

    /** @param reviewer the person's identity in this tool */
    default Optional<ToolAction> requestReview(Entity pullRequest, Entity reviewer) {
        return Optional.empty();
    }

    /** Roll {@code project} back to {@code deployment}, both this tool's. */
    default Optional<ToolAction> rollback(Entity project, Entity deployment) {
        return Optional.empty();
    }

    /** The tracker a place is itself (a tracker's team), as the tracker's id in this tool. */
    default Optional<String> ownTracker(Entity place) {
        return Optional.empty();
    }

    /** The tracker one of this tool's issues is in, as the tracker's id; empty when the issue is its own. */
    default Optional<String> trackerOf(Entity issue) {
        return Optional.empty();
    }

    /** The tracker named for people ("team ENG"). */
    default String trackerName(String tracker) {
        return tracker;
    }

    /** How the counted issues reached the tracker, for the reason: "opened" there or "linked" there. */
    default String trackedVerb() {
        return "opened";
    }

    default Optional<ToolAction> openTicket(String tracker, String title, String body) {
        return Optional.empty();
    }

    /** The key after the tool's prefix: {@code acme/api/pull/3}. */
    static String local(Entity e) {
        return e.key().substring(e.key().indexOf(':') + 1);
    }

    /** The refusal for a thing whose key this tool cannot act on. */
    static InvalidInput cannot(String what, Entity e, String title) {
        return new InvalidInput("Lightfast cannot " + what + " " + e.name() + " (" + e.key() + ") in " + title);
    }
}
