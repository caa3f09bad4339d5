package dev.lightfast.store.sqlite;

import dev.lightfast.core.tenant.TenantStore;
import dev.lightfast.core.tenant.TenantStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteTenantStoreTest extends TenantStoreContract {
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
    protected TenantStore tenants() {
        return storage.tenants();
    }
}
