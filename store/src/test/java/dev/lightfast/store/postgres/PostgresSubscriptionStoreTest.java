package dev.lightfast.store.postgres;

import dev.lightfast.core.storage.Storage;
import dev.lightfast.core.subscription.SubscriptionStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PostgresSubscriptionStoreTest extends SubscriptionStoreContract {
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
