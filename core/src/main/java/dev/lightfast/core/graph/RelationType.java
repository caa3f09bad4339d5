package dev.lightfast.core.graph;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The typed edges of the graph, named once: every connector states relations with these, the
 * stores keep their {@link #wire()} name, and answers walk them. A misspelt relation is a compile
 * error, not an empty answer.
 *
 * <p>Each type reads from its {@code from} end ({@code person authored commit}); {@link #inverse()}
 * is how it reads from the other end ({@code commit authored by person}), for sentences and paths.
 * {@link #role()} says what the edge means to a question: who acted on a thing ({@link Role#ACTOR}),
 * what a thing did to another ({@link Role#EFFECT}), where a thing lives ({@link Role#PLACE}).
 */
public enum RelationType {
    AUTHORED("authored", "authored by", Role.ACTOR, "the person wrote it (a commit, pull request, issue, review)"),
    CO_AUTHORED("co_authored", "co-authored by", Role.ACTOR, "the person is named as a co-author of it"),
    COMMITTED("committed", "committed by", Role.ACTOR, "the person committed it (may differ from the author)"),
    OPENED("opened", "opened by", Role.ACTOR, "the person opened it"),
    CLOSED("closed", "closed by", Role.ACTOR, "the person closed it"),
    MERGED("merged", "merged by", Role.ACTOR, "the person merged it"),
    REVIEWED("reviewed", "reviewed by", Role.ACTOR, "the person reviewed it"),
    APPROVED("approved", "approved by", Role.ACTOR, "the person approved it"),
    COMMENTED_ON("commented_on", "commented on by", Role.ACTOR, "the person commented on it"),
    REACTED_TO("reacted_to", "reacted to by", Role.ACTOR, "the person reacted to it"),
    RELEASED("released", "released by", Role.ACTOR, "the person published the release", "published"),
    CREATED("created", "created by", Role.ACTOR, "the person created it"),
    DECIDED("decided", "decided by", Role.ACTOR, "the person took the decision"),
    RESOLVED_BY("resolved_by", "resolved", Role.ACTOR, "it was resolved by the person", "resolved"),
    INVOLVED_IN(
            "involved_in",
            "involved",
            Role.ACTOR,
            "the actor of an event about it, nothing more specific",
            "involved in"),
    ASSIGNED_TO("assigned_to", "assignee of", Role.ACTOR, "it is assigned to the person", "assigned"),
    REVIEW_REQUESTED(
            "review_requested",
            "asked to review",
            Role.ACTOR,
            "a review of it was requested from the person",
            "asked to review"),
    LEADS("leads", "led by", Role.ACTOR, "the person leads it", "led"),
    MEMBER_OF("member_of", "has member", Role.PLACE, "the person or thing is a member of it", "joined"),
    FIXES("fixes", "fixed by", Role.EFFECT, "it fixes or closes the issue"),
    REFERENCES("references", "referenced by", Role.LINK, "its text names the other thing"),
    MENTIONS("mentions", "mentioned by", Role.LINK, "its text names a thing of another tool"),
    ABOUT("about", "discussed in", Role.LINK, "it is about the other thing"),
    CONTAINS("contains", "contained in", Role.EFFECT, "it contains the other (a pull request or branch its commits)"),
    DEPLOYED(
            "deployed",
            "shipped by",
            Role.EFFECT,
            "a deployment shipped the commit, or a person made the deployment",
            "shipped"),
    DEPLOYED_TO(
            "deployed_to", "received deployment", Role.PLACE, "the deployment went to the environment", "deployed to"),
    DEPLOYS_FROM(
            "deploys_from",
            "deployed by project",
            Role.PLACE,
            "the project deploys from the repository",
            "deployed from"),
    BUILT_FROM(
            "built_from",
            "built into",
            Role.EFFECT,
            "the deployment or release was built from the commit or branch",
            "built from"),
    TRIGGERED_BY("triggered_by", "triggered", Role.EFFECT, "it was triggered by the other thing", "triggered"),
    CAUSED("caused", "caused by", Role.EFFECT, "it caused the other thing"),
    AFFECTS("affects", "affected by", Role.EFFECT, "it affects the other thing"),
    STARTED_WITH("started_with", "started", Role.EFFECT, "it started with the other thing", "started"),
    RESOLVED_IN("resolved_in", "resolved", Role.EFFECT, "it was resolved in the release or commit", "resolved in"),
    SEEN_IN("seen_in", "saw", Role.EFFECT, "it was seen in the release or environment", "seen in"),
    RAN_ON("ran_on", "ran", Role.EFFECT, "the check or workflow ran on the commit", "run on"),
    CHECKS("checks", "checked by", Role.EFFECT, "the check or workflow checks the pull request"),
    TAGS("tags", "tagged by", Role.EFFECT, "the release is tagged by the tag"),
    LABELED("labeled", "label of", Role.PLACE, "it carries the label", "labeled"),
    BELONGS_TO("belongs_to", "has", Role.PLACE, "it belongs to the repository, project or environment", "added"),
    OCCURRED_IN("occurred_in", "had", Role.PLACE, "it occurred in the environment or project", "occurred in"),
    RECORDED_IN("recorded_in", "records", Role.PLACE, "it is recorded in the channel or thread", "recorded in"),
    POSTED_IN("posted_in", "has post", Role.PLACE, "the message was posted in the channel", "posted in"),
    IN_THREAD("in_thread", "thread of", Role.PLACE, "the message is a reply in the thread", "replied in"),
    FROM_BRANCH("from_branch", "source of", Role.PLACE, "the pull request comes from the branch", "branched from"),
    INTO_BRANCH("into_branch", "target of", Role.PLACE, "the pull request goes into the branch", "merged into");

    /** What an edge means to a question. */
    public enum Role {
        /** A person (or agent) acted on the thing. */
        ACTOR,
        /** One thing acted on another: fixed, shipped, caused, contained. */
        EFFECT,
        /** Where a thing lives: a repository, environment, channel, branch. */
        PLACE,
        /** One thing names another, without saying more. */
        LINK
    }

    private static final Map<String, RelationType> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(RelationType::wire, Function.identity()));

    /**
     * The things, people aside, a relation is said of in questions: "who fixed X" means an issue or
     * incident (or the pull request or commit that fixed it), "which deployment shipped X" a commit,
     * pull request or release. A description in a question is read as one of these first.
     */
    private static final Map<RelationType, Set<EntityKind>> KINDS = kindTable();

    private final String wire;
    private final String inverse;
    private final Role role;
    private final String meaning;
    private final String done;

    RelationType(String wire, String inverse, Role role, String meaning) {
        this(
                wire,
                inverse,
                role,
                meaning,
                inverse.endsWith(" by") ? inverse.substring(0, inverse.length() - 3) : inverse);
    }

    RelationType(String wire, String inverse, Role role, String meaning, String done) {
        this.wire = wire;
        this.inverse = inverse;
        this.role = role;
        this.meaning = meaning;
        this.done = done;
    }

    private static Map<RelationType, Set<EntityKind>> kindTable() {
        var m = new EnumMap<RelationType, Set<EntityKind>>(RelationType.class);
        var changes = EnumSet.of(EntityKind.COMMIT, EntityKind.PULL_REQUEST);
        m.put(AUTHORED, EnumSet.of(EntityKind.COMMIT, EntityKind.PULL_REQUEST, EntityKind.ISSUE, EntityKind.REVIEW));
        m.put(CO_AUTHORED, EnumSet.of(EntityKind.COMMIT));
        m.put(COMMITTED, EnumSet.of(EntityKind.COMMIT));
        m.put(OPENED, EnumSet.of(EntityKind.ISSUE, EntityKind.PULL_REQUEST, EntityKind.INCIDENT));
        m.put(CLOSED, EnumSet.of(EntityKind.ISSUE, EntityKind.PULL_REQUEST, EntityKind.INCIDENT));
        m.put(MERGED, EnumSet.of(EntityKind.PULL_REQUEST));
        m.put(REVIEWED, changes);
        m.put(APPROVED, changes);
        m.put(RELEASED, EnumSet.of(EntityKind.RELEASE));
        m.put(ASSIGNED_TO, EnumSet.of(EntityKind.ISSUE, EntityKind.PULL_REQUEST, EntityKind.INCIDENT));
        m.put(RESOLVED_BY, EnumSet.of(EntityKind.ISSUE, EntityKind.INCIDENT));
        m.put(FIXES, EnumSet.of(EntityKind.ISSUE, EntityKind.INCIDENT, EntityKind.PULL_REQUEST, EntityKind.COMMIT));
        m.put(
                DEPLOYED,
                EnumSet.of(EntityKind.COMMIT, EntityKind.PULL_REQUEST, EntityKind.RELEASE, EntityKind.DEPLOYMENT));
        m.put(CONTAINS, changes);
        m.put(CAUSED, EnumSet.of(EntityKind.INCIDENT, EntityKind.DEPLOYMENT, EntityKind.COMMIT, EntityKind.RELEASE));
        m.put(DECIDED, EnumSet.of(EntityKind.DECISION));
        return m;
    }

    /** The name stored and shown in the API: {@code reviewed}, {@code fixes}. */
    public String wire() {
        return wire;
    }

    /** How the edge reads from its {@code to} end: {@code reviewed by}. */
    public String inverse() {
        return inverse;
    }

    /** How the edge reads from its {@code from} end, in plain words: {@code commented on}. */
    public String phrase() {
        return wire.replace('_', ' ');
    }

    /**
     * What happened to the thing at its {@code to} end, as a participle that follows a count: "3 pull
     * requests <b>merged</b>", "1 release <b>published</b>", "7 commits <b>shipped</b>".
     */
    public String done() {
        return done;
    }

    /** The kinds of things (people aside) the relation is said of; empty when it is not about things. */
    public Set<EntityKind> kinds() {
        return KINDS.getOrDefault(this, Set.of());
    }

    public Role role() {
        return role;
    }

    public String meaning() {
        return meaning;
    }

    /** The type stored under {@code wire}, if it is one of the vocabulary's. */
    public static Optional<RelationType> of(String wire) {
        return Optional.ofNullable(wire == null ? null : BY_WIRE.get(wire.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return wire;
    }
}
