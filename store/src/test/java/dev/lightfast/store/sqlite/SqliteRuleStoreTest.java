package dev.lightfast.store.sqlite;

import dev.lightfast.core.rule.RuleStore;
import dev.lightfast.core.rule.RuleStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteRuleStoreTest extends RuleStoreContract {
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
    protected RuleStore rules() {
        return storage.rules();
    }
}
