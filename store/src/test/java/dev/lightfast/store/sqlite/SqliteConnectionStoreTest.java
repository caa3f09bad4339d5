package dev.lightfast.store.sqlite;

import dev.lightfast.core.connection.ConnectionStore;
import dev.lightfast.core.connection.ConnectionStoreContract;
import dev.lightfast.core.tenant.TenantStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteConnectionStoreTest extends ConnectionStoreContract {
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
    protected ConnectionStore connections() {
        return storage.connections();
    }

    @Override
    protected TenantStore tenants() {
        return storage.tenants();
    }
}
