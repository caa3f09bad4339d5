package dev.lightfast.store.postgres;

import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.connection.ConnectionStoreContract;
import dev.lightfast.core.tenant.TenantStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PostgresConnectionStoreTest extends ConnectionStoreContract {
    private PostgresTestSchema schema;
    private PostgresStorage storage;

    @BeforeEach
    void open() {
        schema = PostgresTestSchema.create();
        storage = PostgresStorage.open(schema.url(), 4);
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    protected ConnectionStore connections() {
        return storage.connections();
    }

    @Override
    protected TenantStore tenants() {
        return storage.tenants();
    }
}
