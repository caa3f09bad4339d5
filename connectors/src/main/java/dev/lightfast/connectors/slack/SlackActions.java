package dev.lightfast.connectors.slack;

import dev.lightfast.core.act.ToolAction;
import dev.lightfast.core.act.ToolActions;
import dev.lightfast.core.graph.Entity;
import dev.lightfast.core.graph.EntityKind;
import dev.lightfast.core.json.Json;
import java.util.Optional;
import java.util.Set;

/** What intents do on Slack: post a message to a channel by id, or to a person by member id (a direct message). */
public final class SlackActions implements ToolActions {
    private static final String CHANNEL = "channel/";
    private static final String USER = "user/";

    @Override
    public String tool() {
        return SlackConnector.PROVIDER;
    }

    @Override
    public String title() {
        return SlackToolClient.NAME;
    }

    @Override
    public Set<Primitive> primitives() {
        return Set.of(Primitive.MESSAGE);
    }

    @Override
    public Optional<ToolAction> message(Entity to, String text) {
        String channel = EntityKind.PERSON.is(to.kind())
                ? ToolActions.local(to).replace(USER, "")
                : channelOf(to).orElse(null);
        return Optional.of(new ToolAction(
                SlackOperations.POST_MESSAGE,
                Json.MAPPER.createObjectNode().put("channel", channel).put("text", text)));
    }

    /** The channel id of a channel, message or thread entity ({@code channel/C1/<ts>}). */
    @Override
    public Optional<String> channelOf(Entity e) {
        String local = ToolActions.local(e);
        if (!local.startsWith(CHANNEL)) {
            return Optional.empty();
        }
        String rest = local.substring(CHANNEL.length());
        int slash = rest.indexOf('/');
        return Optional.of(slash < 0 ? rest : rest.substring(0, slash));
    }

    @Override
    public String channelKey(String channelId) {
        return SlackConnector.PROVIDER + ":" + CHANNEL + channelId;
    }
}
