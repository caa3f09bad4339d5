package dev.lightfast.connectors.slack;

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
 * Slack events as graph facts, read from the stored event alone.
 *
 * <ul>
 *   <li>message: its author {@code authored} it; it was {@code posted_in} its channel; a reply is
 *       {@code in_thread} its thread, which {@code belongs_to} the channel and {@code started_with}
 *       its root message; it {@code mentions} every pull request, issue, deploy or incident the
 *       mention scanners find in its text; a deletion describes it as deleted;
 *   <li>decision: a message whose words record one, or that got a check mark, is a {@code
 *       decision} entity {@code recorded_in} the message (and {@code belongs_to} its thread); the
 *       author {@code decided} it and what the message mentions it is {@code about}; a check mark
 *       is its reactor having {@code approved} it, and removing the check mark {@code Ends} that;
 *   <li>reaction: the user {@code reacted_to} the message;
 *   <li>channel: members are {@code member_of} it from joining until leaving;
 *   <li>members: {@code Identifies} by {@code slack_user} id, and by {@code email} when a member
 *       event carries the profile.
 * </ul>
 */
public final class SlackGraph implements GraphExtractor {
    private static final int SUMMARY = 280;

    @Override
    public List<GraphFact> extract(Event event, MentionScanner mentions) {
        var facts = new GraphFactList(event.occurredAt());
        var a = new EventAttributes(event.attributes());
        EntityRef actor = event.actor();
        if (actor != null && actor.key().startsWith("slack:user/")) {
            facts.describe(actor)
                    .identify(
                            actor,
                            "slack_user",
                            actor.key().substring("slack:user/".length()),
                            "Slack member id in a signed Slack request");
        }
        String[] words = event.type().split("\\.");
        String family = words.length > 1 ? words[1] : "";
        String verb = words.length > 2 ? words[2] : "";
        switch (family) {
            case "message" -> message(facts, event, a, verb, mentions);
            case "reaction" -> reaction(facts, event, a, verb);
            case "channel" -> channel(facts, event, a, verb);
            case "member" -> member(facts, event, a);
            default -> {
                event.subjects().forEach(facts::describe);
                if (!event.subjects().isEmpty()) {
                    for (EntityRef m : mentions.scan(event.title() + "\n" + event.body())) {
                        facts.relate(RelationType.MENTIONS, event.subjects().getFirst(), m);
                    }
                }
            }
        }
        return facts.facts();
    }

    @Override
    public List<EntityRef> mentionsIn(String text) {
        return SlackMentions.in(text);
    }

    private static void message(
            GraphFactList facts, Event event, EventAttributes a, String verb, MentionScanner mentions) {
        String channelId = a.text("channel");
        String ts = a.text("ts");
        String threadTs = a.text("thread_ts");
        EntityRef channel = SlackEntities.channel(channelId, null);
        EntityRef message = SlackEntities.message(channelId, ts, event.body());
        if (verb.equals("deleted")) {
            facts.describe(message, Map.of("deleted", true));
            return;
        }
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("text", SlackText.excerpt(event.body(), SUMMARY));
        described.put("channel", channelId);
        described.put("ts", ts);
        described.put("edited", verb.equals("edited") ? true : null);
        facts.describe(message, described).describe(channel);
        EntityRef author = SlackEntities.person(a.text("user_id"), a.text("user_name"));
        facts.relate(RelationType.AUTHORED, author, message).relate(RelationType.POSTED_IN, message, channel);
        EntityRef thread = null;
        if (threadTs != null) {
            thread = SlackEntities.thread(channelId, threadTs);
            facts.describe(thread)
                    .relate(RelationType.BELONGS_TO, thread, channel)
                    .relate(RelationType.STARTED_WITH, thread, SlackEntities.message(channelId, threadTs, null));
            if (!threadTs.equals(ts)) {
                facts.relate(RelationType.IN_THREAD, message, thread);
            }
        }
        List<EntityRef> mentioned = mentions.scan(event.title() + "\n" + event.body());
        for (EntityRef m : mentioned) {
            facts.relate(RelationType.MENTIONS, message, m);
        }
        if (a.isTrue("decision")) {
            EntityRef decision = SlackEntities.decision(channelId, ts, event.body());
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("summary", SlackText.excerpt(event.body(), SUMMARY));
            about.put("phrase", a.text("decision_phrase"));
            about.put("decided_at", event.occurredAt().toString());
            facts.describe(decision, about)
                    .relate(RelationType.RECORDED_IN, decision, message)
                    .relate(RelationType.DECIDED, author, decision)
                    .relate(RelationType.BELONGS_TO, decision, thread);
            for (EntityRef m : mentioned) {
                facts.relate(RelationType.ABOUT, decision, m);
            }
        }
    }

    private static void reaction(GraphFactList facts, Event event, EventAttributes a, String verb) {
        String channelId = a.text("channel");
        String ts = a.text("item_ts");
        EntityRef message = SlackEntities.message(channelId, ts, null);
        EntityRef user = event.actor();
        boolean added = verb.equals("added");
        facts.describe(message);
        if (added) {
            facts.relate(RelationType.REACTED_TO, user, message);
        }
        if (a.isTrue("approves_decision")) {
            EntityRef decision = SlackEntities.decision(channelId, ts, null);
            if (added) {
                facts.describe(decision, Map.of("approved_with", a.text("reaction")))
                        .relate(RelationType.RECORDED_IN, decision, message)
                        .relate(RelationType.APPROVED, user, decision);
            } else {
                facts.end(RelationType.APPROVED, user, decision);
            }
        }
    }

    private static void channel(GraphFactList facts, Event event, EventAttributes a, String verb) {
        EntityRef channel = SlackEntities.channel(a.text("channel"), a.text("channel_name"));
        EntityRef user = SlackEntities.person(a.text("user_id"), a.text("user_name"));
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", a.text("channel_name"));
        switch (verb) {
            case "archived" -> described.put("archived", true);
            case "unarchived" -> described.put("archived", false);
            case "deleted" -> described.put("deleted", true);
            default -> {}
        }
        facts.describe(channel, described);
        switch (verb) {
            case "created" ->
                facts.relate(RelationType.CREATED, user, channel).relate(RelationType.MEMBER_OF, user, channel);
            case "member_joined" -> facts.relate(RelationType.MEMBER_OF, user, channel);
            case "member_left" -> facts.end(RelationType.MEMBER_OF, user, channel);
            default -> {}
        }
    }

    private static void member(GraphFactList facts, Event event, EventAttributes a) {
        EntityRef person = SlackEntities.person(a.text("user_id"), null);
        String name = a.text("real_name") != null ? a.text("real_name") : a.text("display_name");
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", name);
        described.put("title", a.text("title"));
        described.put("bot", a.isTrue("is_bot") ? true : null);
        facts.describe(person, described)
                .identify(person, "slack_user", a.text("user_id"), "Slack member id in a signed Slack request")
                .identify(
                        person,
                        "email",
                        a.text("email"),
                        "email on the Slack member's profile, in a signed Slack request");
        if (name != null) {
            facts.identify(person, "name", name, "display name in Slack (recorded, never joined on)");
        }
    }
}
