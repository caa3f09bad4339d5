package dev.lightfast.store.postgres;

import dev.lightfast.core.backfill.BackfillStore;
import dev.lightfast.core.backfill.BackfillStoreContract;
import dev.lightfast.core.tenant.TenantStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The backfill store contract on PostgreSQL, in a schema of its own, under row-level security. */
class PostgresBackfillStoreTest extends BackfillStoreContract {
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
    protected BackfillStore backfills() {
        return storage.backfills();
    }

    @Override
    protected TenantStore tenants() {
        return storage.tenants();
    }
}
