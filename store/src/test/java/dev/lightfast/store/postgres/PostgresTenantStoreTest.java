package dev.lightfast.store.postgres;

import dev.lightfast.core.tenant.TenantStore;
import dev.lightfast.core.tenant.TenantStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PostgresTenantStoreTest extends TenantStoreContract {
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
    protected TenantStore tenants() {
        return storage.tenants();
    }
}
