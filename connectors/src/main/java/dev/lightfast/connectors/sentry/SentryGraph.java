package dev.lightfast.connectors.sentry;

import dev.lightfast.connectors.EventAttributes;
import dev.lightfast.connectors.GraphFactList;
import dev.lightfast.core.event.EntityRef;
import dev.lightfast.core.event.Event;
import dev.lightfast.core.graph.GraphExtractor;
import dev.lightfast.core.graph.GraphFact;
import dev.lightfast.core.graph.MentionScanner;
import dev.lightfast.core.graph.RelationType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentry events as graph facts, read from the stored event alone.
 *
 * <ul>
 *   <li>issue: the incident {@code belongs_to} its service (project), is {@code assigned_to} its
 *       assignee (a person or a team), and, when resolved in a commit or release, is {@code
 *       resolved_by} that commit or {@code resolved_in} that release;
 *   <li>error and event alert: the incident was {@code seen_in} its release and {@code occurred_in}
 *       its environment; a release whose version is a commit SHA was {@code built_from} {@code
 *       git:<sha>}, the commit a deploy {@code deployed} and a pull request merged: the path from
 *       an incident to the change that caused it;
 *   <li>metric alert: the incident was {@code triggered_by} its alert rule and {@code affects}
 *       each project's service;
 *   <li>comment: the member {@code commented_on} the incident;
 *   <li>members: {@code Identifies} by {@code sentry_user} id and, when given, {@code email}.
 * </ul>
 */
public final class SentryGraph implements GraphExtractor {

    @Override
    public List<GraphFact> extract(Event event, MentionScanner mentions) {
        var facts = new GraphFactList(event.occurredAt());
        var a = new EventAttributes(event.attributes());
        SentryUser actor = SentryUser.from(a, "actor");
        person(facts, actor);
        String[] words = event.type().split("\\.");
        String family = words.length > 1 ? words[1] : "";
        String verb = words.length > 2 ? words[2] : "";
        EntityRef about = switch (family) {
            case "issue" -> issue(facts, a, verb);
            case "error", "event_alert" -> occurrence(facts, a);
            case "metric_alert" -> metricAlert(facts, a, verb);
            case "comment" -> {
                EntityRef incident = SentryEntities.incident(a.text("issue_id"), null);
                facts.describe(incident)
                        .relate(RelationType.COMMENTED_ON, actor == null ? null : actor.ref(), incident);
                yield incident;
            }
            default -> {
                event.subjects().forEach(facts::describe);
                yield event.subjects().isEmpty() ? null : event.subjects().getFirst();
            }
        };
        if (about != null) {
            for (EntityRef mentioned : mentions.scan(event.title() + "\n" + event.body())) {
                facts.relate(RelationType.MENTIONS, about, mentioned);
            }
        }
        return facts.facts();
    }

    @Override
    public List<EntityRef> mentionsIn(String text) {
        return SentryMentions.in(text);
    }

    private static EntityRef issue(GraphFactList facts, EventAttributes a, String verb) {
        EntityRef incident = SentryEntities.incident(a.text("issue_id"), a.text("short_id"));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("title", a.text("title"));
        state.put("short_id", a.text("short_id"));
        state.put("status", a.text("status"));
        state.put("substatus", a.text("substatus"));
        state.put("level", a.text("level"));
        state.put("culprit", a.text("culprit"));
        state.put("first_seen", a.text("first_seen"));
        facts.describe(incident, state);
        EntityRef service = SentryEntities.service(a.text("project_slug"));
        facts.describe(service).relate(RelationType.BELONGS_TO, incident, service);

        SentryUser assignee = SentryUser.from(a, "assignee");
        person(facts, assignee);
        EntityRef team = SentryEntities.team(a.text("assigned_team_id"), a.text("assigned_team_name"));
        facts.describe(team)
                .relate(RelationType.ASSIGNED_TO, incident, assignee == null ? null : assignee.ref())
                .relate(RelationType.ASSIGNED_TO, incident, team);

        if (verb.equals("resolved")) {
            EntityRef commit = SentryEntities.commit(a.text("in_commit"));
            String release = a.text("in_release");
            EntityRef inRelease = release == null || release.equals("latest") ? null : SentryEntities.release(release);
            facts.describe(commit)
                    .describe(inRelease)
                    .relate(RelationType.RESOLVED_BY, incident, commit)
                    .relate(RelationType.RESOLVED_IN, incident, inRelease);
        }
        return incident;
    }

    private static EntityRef occurrence(GraphFactList facts, EventAttributes a) {
        EntityRef incident = SentryEntities.incident(a.text("issue_id"), null);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("title", a.text("title"));
        state.put("level", a.text("level"));
        facts.describe(incident, state);
        EntityRef service = SentryEntities.service(a.text("project_slug"));
        EntityRef release = SentryEntities.release(a.text("release"));
        EntityRef commit = SentryEntities.commit(a.text("release_commit"));
        EntityRef environment = SentryEntities.environment(a.text("environment"));
        facts.describe(service)
                .describe(release, release == null ? Map.of() : Map.of("version", a.text("release")))
                .describe(commit)
                .describe(environment)
                .relate(RelationType.BELONGS_TO, incident, service)
                .relate(RelationType.SEEN_IN, incident, release)
                .relate(RelationType.OCCURRED_IN, incident, environment)
                .relate(RelationType.BUILT_FROM, release, commit)
                .relate(RelationType.BELONGS_TO, release, service);
        return incident;
    }

    private static EntityRef metricAlert(GraphFactList facts, EventAttributes a, String verb) {
        EntityRef incident = SentryEntities.metricAlert(a.text("metric_alert_id"), a.text("alert_title"));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("title", a.text("alert_title"));
        state.put("status", verb);
        state.put("query", a.text("query"));
        facts.describe(incident, state);
        EntityRef rule = SentryEntities.alertRule(a.text("alert_rule_id"), a.text("alert_rule_name"));
        EntityRef environment = SentryEntities.environment(a.text("environment"));
        facts.describe(rule)
                .describe(environment)
                .relate(RelationType.TRIGGERED_BY, incident, rule)
                .relate(RelationType.OCCURRED_IN, incident, environment);
        for (String project : a.texts("projects")) {
            EntityRef service = SentryEntities.service(project);
            facts.describe(service).relate(RelationType.AFFECTS, incident, service);
        }
        return incident;
    }

    private static void person(GraphFactList facts, SentryUser user) {
        if (user == null) {
            return;
        }
        EntityRef person = user.ref();
        facts.describe(person, user.name() == null ? Map.of() : Map.of("name", user.name()))
                .identify(person, "sentry_user", user.id(), "Sentry member id in a signed Sentry webhook")
                .identify(person, "email", user.email(), "email of the Sentry member, in a signed Sentry webhook");
        if (user.name() != null) {
            facts.identify(person, "name", user.name(), "display name in Sentry (recorded, never joined on)");
        }
    }
}
