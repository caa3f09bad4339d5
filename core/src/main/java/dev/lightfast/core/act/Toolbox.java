package dev.lightfast.core.act;

import dev.lightfast.core.InvalidInput;
import dev.lightfast.core.graph.Entity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tools' planning halves this server has, one per tool, and which tool a key belongs to (as the
 * connectors say: a commit's {@code git:} key belongs to the code host).
 */
public final class Toolbox {
    private final Map<String, ToolActions> byTool = new LinkedHashMap<>();
    private final Function<String, String> toolOfKey;

    /** @param toolOfKey the tool an entity key belongs to */
    public Toolbox(List<ToolActions> actions, Function<String, String> toolOfKey) {
        for (ToolActions a : actions) {
            if (byTool.putIfAbsent(a.tool(), a) != null) {
                throw new IllegalArgumentException("two planners for " + a.tool());
            }
        }
        this.toolOfKey = toolOfKey;
    }

    public Optional<ToolActions> find(String tool) {
        return Optional.ofNullable(byTool.get(tool));
    }

    /** The tool an entity lives in, from its key. */
    public String toolOf(Entity e) {
        return e.key().indexOf(':') < 0 ? "" : toolOfKey.apply(e.key());
    }

    /** The tool's name for people: its own when it has actions here, else its source name. */
    public String title(String tool) {
        return find(tool).map(ToolActions::title).orElse(tool);
    }

    /** The tool messages go through: the first that posts them. */
    public ToolActions messaging() {
        return byTool.values().stream()
                .filter(a -> a.primitives().contains(ToolActions.Primitive.MESSAGE))
                .findFirst()
                .orElseThrow(() -> new InvalidInput("this server has no tool that posts messages"));
    }

    /** How intents can name things by key, for messages: each tool's short form. */
    public List<String> referenceExamples() {
        return byTool.values().stream()
                .map(ToolActions::referenceExample)
                .flatMap(Optional::stream)
                .toList();
    }

    public String memberAliasKind(String tool) {
        return find(tool).map(ToolActions::memberAliasKind).orElse(tool + "_user");
    }

    public String personKey(String tool, String memberId) {
        return find(tool).map(a -> a.personKey(memberId)).orElse(tool + ":user/" + memberId);
    }
}
