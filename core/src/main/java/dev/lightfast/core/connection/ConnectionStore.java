package dev.lightfast.core.connection;

import dev.lightfast.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Storage port for connected tools. */
public interface ConnectionStore {

    Connection create(Connection connection);

    /** Finds a connection by its id alone: a webhook URL carries only the connection id. */
    Optional<Connection> find(String connectionId);

    List<Connection> list(TenantId tenant);
}
