package dev.lightfast.store.sqlite;

import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.GraphStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteGraphStoreTest extends GraphStoreContract {
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
    protected GraphStore graph() {
        return storage.graph();
    }
}
