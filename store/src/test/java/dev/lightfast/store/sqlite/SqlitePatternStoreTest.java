package dev.lightfast.store.sqlite;

import dev.lightfast.core.pattern.PatternStore;
import dev.lightfast.core.pattern.PatternStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqlitePatternStoreTest extends PatternStoreContract {
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
    protected PatternStore patterns() {
        return storage.patterns();
    }
}
