package dev.lightfast.core.act;

import java.net.URI;
import java.util.Objects;

/**
 * What a tool client needs to call a tool for one connection: the token (unsealed only for the
 * call) and the API's base address (the tool's own, or an emulator's in tests).
 */
public record ToolCredential(String token, URI apiBase) {
    public ToolCredential {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiBase, "apiBase");
    }

    /** Never prints the token: credentials end up in exceptions and logs by accident otherwise. */
    @Override
    public String toString() {
        return "ToolCredential[token=***, apiBase=" + apiBase + "]";
    }
}
