package dev.lightfast.store.postgres;

import dev.lightfast.core.act.IntentStoreContract;
import dev.lightfast.core.storage.Storage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PostgresIntentStoreTest extends IntentStoreContract {
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
    protected Storage storage() {
        return storage;
    }
}
