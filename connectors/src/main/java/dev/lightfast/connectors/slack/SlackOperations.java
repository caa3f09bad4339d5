package dev.lightfast.connectors.slack;

import dev.lightfast.core.act.ToolOperation;
import java.util.List;
import java.util.Set;

/** What Lightfast does on Slack, and the arguments each call carries: its actions write them, its client reads them. */
public final class SlackOperations {
    /** Arguments: {@code channel} (id or #name), {@code text}; optional {@code threadTs}. */
    public static final ToolOperation POST_MESSAGE = op("SLACK_POST_MESSAGE", "channel", "text");

    public static final Set<ToolOperation> ALL = Set.of(POST_MESSAGE);

    private SlackOperations() {}

    private static ToolOperation op(String name, String... required) {
        return new ToolOperation(SlackConnector.PROVIDER, name, List.of(required));
    }
}
