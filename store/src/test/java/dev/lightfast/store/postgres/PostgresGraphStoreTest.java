package dev.lightfast.store.postgres;

import dev.lightfast.core.graph.GraphStore;
import dev.lightfast.core.graph.GraphStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PostgresGraphStoreTest extends GraphStoreContract {
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
    protected GraphStore graph() {
        return storage.graph();
    }
}
