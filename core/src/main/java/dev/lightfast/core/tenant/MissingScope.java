package dev.lightfast.core.tenant;

/**
 * The caller's key may not do this: a 403 over HTTP, a tool error over MCP. Its message names the
 * scope needed.
 */
public final class MissingScope extends RuntimeException {
    public MissingScope(String message) {
        super(message, null, false, false);
    }

    public static void require(Caller caller, Scope scope, String toDo) {
        if (!caller.scopes().contains(scope)) {
            throw new MissingScope("this API key may not " + toDo + ": that needs the '" + scope.wire()
                    + "' scope (the key has "
                    + String.join(
                            ", ",
                            caller.scopes().stream().sorted().map(Scope::wire).toList())
                    + ")");
        }
    }
}
