package dev.lightfast.store.postgres;

import dev.lightfast.core.pattern.PatternStore;
import dev.lightfast.core.pattern.PatternStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The pattern store contract on PostgreSQL, in a schema of its own, as the application role under row-level security. */
class PostgresPatternStoreTest extends PatternStoreContract {
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
    protected PatternStore patterns() {
        return storage.patterns();
    }
}
