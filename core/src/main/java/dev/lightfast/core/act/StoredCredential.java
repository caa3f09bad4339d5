package dev.lightfast.core.act;

import java.net.URI;
import java.time.Instant;

/** A connection's credential for actions as stored: the token sealed, never in the clear. */
public record StoredCredential(String connectionId, String sealedToken, URI apiBase, Instant updatedAt) {
    @Override
    public String toString() {
        return "StoredCredential[connectionId=" + connectionId + ", apiBase=" + apiBase + "]";
    }
}
