package dev.lightfast.connectors.slack;

import static dev.lightfast.connectors.PayloadFields.text;

import dev.lightfast.connectors.PayloadFields;
import dev.lightfast.core.event.EventDraft;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Workspace members: {@code team_join} is {@code slack.member.joined}; {@code user_change} and
 * {@code user_profile_changed} are {@code slack.member.updated}. These are the only Slack events
 * that carry a member's email ({@code profile.email}), the evidence that joins a Slack member with
 * the same person in GitHub, Linear or Sentry.
 */
final class MemberNormalizer implements SlackNormalizer {

    @Override
    public List<EventDraft> normalize(SlackDelivery d) {
        JsonNode user = d.event().path("user");
        JsonNode profile = user.path("profile");
        String id = text(user.path("id"));
        String realName = PayloadFields.or(text(user.path("real_name")), text(profile.path("real_name")));
        String display = text(profile.path("display_name"));
        String name =
                PayloadFields.or(display, PayloadFields.or(realName, PayloadFields.or(text(user.path("name")), id)));
        boolean joined = "team_join".equals(text(d.event().path("type")));
        return List.of(d.draft("member", joined ? "joined" : "updated")
                .actor(SlackEntities.person(id, name))
                .title(PayloadFields.or(name, "A member")
                        + (joined ? " joined the workspace" : " updated their profile"))
                .subject(SlackEntities.person(id, name))
                .attribute("user_id", id)
                .attribute("user_name", text(user.path("name")))
                .attribute("real_name", realName)
                .attribute("display_name", display)
                .attribute("email", text(profile.path("email")))
                .attribute("title", text(profile.path("title")))
                .attribute("is_bot", PayloadFields.bool(user.path("is_bot")))
                .attribute("deleted", PayloadFields.bool(user.path("deleted")))
                .build());
    }
}
