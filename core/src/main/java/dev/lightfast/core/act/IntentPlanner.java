package dev.lightfast.core.act;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.act.IntentResolver.Found;
import dev.lightfast.core.graph.AsOf;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.Relation;
import dev.lightfast.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an intent into the concrete calls that carry it out: for each, the operation, its arguments
 * in the tool's terms, the connection, an idempotency key fixed now, and the cited reasons.
 */
public final class IntentPlanner {
    private static final Set<EntityKind> COMMENTABLE =
            Set.of(EntityKind.PULL_REQUEST, EntityKind.ISSUE, EntityKind.INCIDENT);
    private static final Set<EntityKind> ASSIGNABLE = COMMENTABLE;
    private static final Set<EntityKind> LABELLABLE = Set.of(EntityKind.PULL_REQUEST, EntityKind.ISSUE);

    private final IntentResolver resolver;
    private final GraphStore graph;
    private final Toolbox tools;

    public IntentPlanner(IntentResolver resolver, GraphStore graph) {
        this.resolver = resolver;
        this.graph = graph;
        this.tools = resolver.tools();
    }

    /**
     * The plan for one intent (its policy decided by the caller).
     *
     * @param hasCredential whether a connection can act, to prefer one that can
     */
    public Plan plan(TenantId tenant, String intentId, IntentArgs args, Predicate<String> hasCredential) {
        var b = new Builder(tenant, intentId, hasCredential);
        switch (args) {
            case IntentArgs.Notify n -> notify(b, n);
            case IntentArgs.Comment c -> {
                Found on = resolver.item(tenant, "on", c.on(), COMMENTABLE);
                b.target(on.entity());
                comment(b, on, c.text(), "comment on " + on.entity().name());
            }
            case IntentArgs.Assign a -> assign(b, a);
            case IntentArgs.Label l -> label(b, l);
            case IntentArgs.RequestReview r -> requestReview(b, r);
            case IntentArgs.Rollback r -> rollback(b, r);
            case IntentArgs.IncidentNote n -> incidentNote(b, n);
            case IntentArgs.OpenTicket t -> openTicket(b, t);
        }
        return new Plan(b.calls, b.resolution, null, b.targets);
    }

    private void notify(Builder b, IntentArgs.Notify n) {
        Found to = resolver.item(
                b.tenant,
                "to",
                n.to(),
                Set.of(
                        EntityKind.PERSON,
                        EntityKind.CHANNEL,
                        EntityKind.SERVICE,
                        EntityKind.REPOSITORY,
                        EntityKind.TEAM));
        b.target(to.entity());
        Entity e = to.entity();
        ToolActions chat = tools.messaging();
        Found channel;
        String why;
        if (EntityKind.PERSON.is(e.kind())) {
            channel = resolver.identityIn(b.tenant, to, chat.tool());
            why = "a direct message to " + e.name() + " on " + chat.title();
        } else if (EntityKind.CHANNEL.is(e.kind())) {
            channel = to;
            why = "a message in " + e.name();
        } else {
            channel = resolver.incidentChannel(b.tenant, e);
            channel = new Found(channel.entity(), concat(to.steps(), channel.steps()));
            why = "a message in " + channel.entity().name() + ", where " + e.name() + " is talked about";
        }
        Entity where = channel.entity();
        ToolAction action = chat.message(where, n.message()).orElseThrow(() -> cannot("message", where));
        b.call(action, why, channel.steps());
    }

    private void comment(Builder b, Found on, String text, String why) {
        Entity e = on.entity();
        String tool = resolver.toolOf(e);
        ToolAction action = actions(tool).flatMap(a -> a.comment(e, text)).orElseThrow(() -> cannot("comment on", e));
        b.call(action, why + " in " + tools.title(tool), on.steps());
    }

    private void assign(Builder b, IntentArgs.Assign a) {
        Found item = resolver.item(b.tenant, "item", a.item(), ASSIGNABLE);
        b.target(item.entity());
        String tool = resolver.toolOf(item.entity());
        Found who = resolver.identityIn(b.tenant, resolver.person(b.tenant, "to", a.to()), tool);
        ToolAction action = actions(tool)
                .flatMap(t -> t.assign(item.entity(), who.entity()))
                .orElseThrow(() -> cannot("assign", item.entity()));
        b.call(
                action,
                "assign " + item.entity().name() + " to " + who.entity().name() + " in " + tools.title(tool),
                concat(item.steps(), who.steps()));
    }

    private void label(Builder b, IntentArgs.Label l) {
        if (l.labels().isEmpty()) {
            throw new InvalidInput("labels must name at least one label");
        }
        Found item = resolver.item(b.tenant, "item", l.item(), LABELLABLE);
        b.target(item.entity());
        String tool = resolver.toolOf(item.entity());
        ToolAction action = actions(tool)
                .flatMap(t -> t.label(item.entity(), l.labels()))
                .orElseThrow(() -> cannot("label", item.entity()));
        b.call(action, "label " + item.entity().name() + " " + String.join(", ", l.labels()), item.steps());
    }

    private void requestReview(Builder b, IntentArgs.RequestReview r) {
        Found pr = resolver.item(b.tenant, "pr", r.pr(), Set.of(EntityKind.PULL_REQUEST));
        b.target(pr.entity());
        String tool = resolver.toolOf(pr.entity());
        ToolActions host = actions(tool)
                .filter(a -> a.primitives().contains(ToolActions.Primitive.REQUEST_REVIEW))
                .orElseThrow(() -> cannot("request a review of", pr.entity()));
        Found who = resolver.identityIn(b.tenant, resolver.person(b.tenant, "by", r.by()), tool);
        ToolAction action = host.requestReview(pr.entity(), who.entity())
                .orElseThrow(() -> cannot("request a review of", pr.entity()));
        b.call(
                action,
                "ask " + who.entity().name() + " to review " + pr.entity().name() + " on " + host.title(),
                concat(pr.steps(), who.steps()));
    }

    private void rollback(Builder b, IntentArgs.Rollback r) {
        Found d = resolver.item(b.tenant, "deployment", r.deployment(), Set.of(EntityKind.DEPLOYMENT));
        b.target(d.entity());
        Entity dep = d.entity();
        String tool = resolver.toolOf(dep);
        ToolActions host = actions(tool)
                .filter(a -> a.primitives().contains(ToolActions.Primitive.ROLLBACK))
                .orElseThrow(() -> cannot("roll back", dep));
        // The project, and the deployment of it before this one: what to roll back to.
        Entity project = null;
        Relation via = null;
        for (Relation rel : graph.relations(b.tenant, dep.id(), AsOf.NOW, Set.of())) {
            String other = rel.from().equals(dep.id()) ? rel.to() : rel.from();
            var e = graph.entity(b.tenant, other, AsOf.NOW).orElse(null);
            if (e != null && EntityKind.PROJECT.is(e.kind()) && tool.equals(resolver.toolOf(e))) {
                project = e;
                via = rel;
                break;
            }
        }
        if (project == null) {
            throw new InvalidInput(
                    "deployment " + dep.name() + " belongs to no " + host.title() + " project Lightfast knows of");
        }
        Entity previous = null;
        Relation prevVia = null;
        for (Relation rel : graph.relations(b.tenant, project.id(), AsOf.NOW, Set.of())) {
            String other = rel.from().equals(project.id()) ? rel.to() : rel.from();
            var e = graph.entity(b.tenant, other, AsOf.NOW).orElse(null);
            if (e == null
                    || !EntityKind.DEPLOYMENT.is(e.kind())
                    || e.id().equals(dep.id())
                    || !e.firstSeen().isBefore(dep.firstSeen())) {
                continue;
            }
            if (previous == null || e.firstSeen().isAfter(previous.firstSeen())) {
                previous = e;
                prevVia = rel;
            }
        }
        if (previous == null) {
            throw new InvalidInput("no deployment of " + project.name() + " before " + dep.name()
                    + " is known: there is nothing to roll back to");
        }
        var steps = new ArrayList<>(d.steps());
        steps.add(new Resolution(
                dep.name() + " is a deployment of " + host.title() + " project " + project.name(),
                IntentResolver.cite(via.citations())));
        steps.add(new Resolution(
                "the deployment of " + project.name() + " before it is " + previous.name(),
                IntentResolver.cite(prevVia.citations())));
        Entity to = previous;
        ToolAction action = host.rollback(project, to).orElseThrow(() -> cannot("roll back", dep));
        b.call(action, "roll " + project.name() + " back to " + previous.name(), steps);
    }

    private void incidentNote(Builder b, IntentArgs.IncidentNote n) {
        Found incident = resolver.item(b.tenant, "incident", n.incident(), Set.of(EntityKind.INCIDENT));
        b.target(incident.entity());
        if (actions(resolver.toolOf(incident.entity()))
                .filter(a -> a.takesNotes(incident.entity()))
                .isPresent()) {
            comment(b, incident, n.text(), "note on " + incident.entity().name());
        }
        Found channel = resolver.incidentChannel(b.tenant, incident.entity());
        Entity where = channel.entity();
        ToolAction action = tools.messaging()
                .message(where, "Note on " + incident.entity().name() + ": " + n.text())
                .orElseThrow(() -> cannot("message", where));
        b.call(
                action,
                "the note in " + channel.entity().name() + ", where the incident is talked about",
                concat(incident.steps(), channel.steps()));
    }

    private void openTicket(Builder b, IntentArgs.OpenTicket t) {
        Found about = resolver.item(
                b.tenant,
                "about",
                t.about(),
                Set.of(EntityKind.REPOSITORY, EntityKind.SERVICE, EntityKind.PROJECT, EntityKind.TEAM));
        b.target(about.entity());
        var tracker = resolver.tracker(b.tenant, about.entity());
        var steps = concat(about.steps(), List.of(tracker.because()));
        ToolAction action = actions(tracker.tool())
                .flatMap(a -> a.openTicket(tracker.target(), t.title(), t.body()))
                .orElseThrow(() -> new InvalidInput(about.entity().name() + "'s work is tracked in " + tracker.tool()
                        + ", where Lightfast cannot open tickets"));
        b.call(action, "open the ticket where " + about.entity().name() + "'s issues are tracked", steps);
    }

    private java.util.Optional<ToolActions> actions(String tool) {
        return tools.find(tool);
    }

    private InvalidInput cannot(String what, Entity e) {
        return ToolActions.cannot(what, e, tools.title(resolver.toolOf(e)));
    }

    private static List<Resolution> concat(List<Resolution> a, List<Resolution> b) {
        var out = new ArrayList<>(a);
        for (Resolution r : b) {
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private final class Builder {
        final TenantId tenant;
        final String intentId;
        final Predicate<String> hasCredential;
        final List<PlannedCall> calls = new ArrayList<>();
        final List<Resolution> resolution = new ArrayList<>();
        final List<dev.lightfast.core.event.EntityRef> targets = new ArrayList<>();

        Builder(TenantId tenant, String intentId, Predicate<String> hasCredential) {
            this.tenant = tenant;
            this.intentId = intentId;
            this.hasCredential = hasCredential;
        }

        /** A thing the intent acts on: a subject of its events, so the action is in that thing's timeline. */
        void target(Entity e) {
            var ref = dev.lightfast.core.event.EntityRef.of(e.kind(), e.key(), e.name());
            if (!targets.contains(ref)) {
                targets.add(ref);
            }
        }

        void call(ToolAction action, String why, List<Resolution> steps) {
            ToolOperation op = action.operation();
            ObjectNode args = action.arguments();
            var via = resolver.connection(tenant, op.tool(), hasCredential);
            for (Resolution r : steps) {
                if (!resolution.contains(r)) {
                    resolution.add(r);
                }
            }
            if (!resolution.contains(via.because())) {
                resolution.add(via.because());
            }
            int index = calls.size();
            var call = new ToolCall(via.connection().id(), op, args, intentId + "-" + index);
            var because = new ArrayList<>(steps);
            because.add(via.because());
            calls.add(new PlannedCall(index, call, why, because));
        }
    }

    static Comparator<Entity> recentFirst() {
        return Comparator.comparing(Entity::lastSeen).reversed();
    }
}
