package dev.lightfast.core.act;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tool clients this server has, one per tool, by the tool's source name. */
public final class ToolClients {
    private final Map<String, ToolClient> byTool = new LinkedHashMap<>();

    public ToolClients(List<ToolClient> clients) {
        for (ToolClient c : clients) {
            if (byTool.putIfAbsent(c.tool(), c) != null) {
                throw new IllegalArgumentException("two clients for " + c.tool());
            }
        }
    }

    public Optional<ToolClient> find(String tool) {
        return Optional.ofNullable(byTool.get(tool));
    }

    /** Each tool's own API, for credentials that name no other. */
    public Map<String, java.net.URI> defaultApiBases() {
        var out = new LinkedHashMap<String, java.net.URI>();
        byTool.forEach((tool, c) -> c.defaultApiBase().ifPresent(base -> out.put(tool, base)));
        return out;
    }

    /** Whether a client can make this operation. */
    public boolean supports(ToolOperation operation) {
        var c = byTool.get(operation.tool());
        return c != null && c.operations().contains(operation);
    }
}
