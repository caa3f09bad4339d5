package dev.lightfast.store.sqlite;

import dev.lightfast.core.backfill.BackfillStore;
import dev.lightfast.core.backfill.BackfillStoreContract;
import dev.lightfast.core.tenant.TenantStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackfillStoreTest extends BackfillStoreContract {
    @TempDir
    Path dir;

    private SqliteStorage storage;

    @BeforeEach
    void open() {
        storage = SqliteStorage.open(dir);
    }

    @AfterEach
    void close() {
        storage.close();
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
