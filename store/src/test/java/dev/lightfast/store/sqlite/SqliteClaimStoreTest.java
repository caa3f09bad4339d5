package dev.lightfast.store.sqlite;

import dev.lightfast.core.claim.ClaimStore;
import dev.lightfast.core.claim.ClaimStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteClaimStoreTest extends ClaimStoreContract {
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
    protected ClaimStore claims() {
        return storage.claims();
    }
}
