package dev.lightfast.store.sqlite;

import dev.lightfast.core.act.IntentStoreContract;
import dev.lightfast.core.storage.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteIntentStoreTest extends IntentStoreContract {
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
    protected Storage storage() {
        return storage;
    }
}
