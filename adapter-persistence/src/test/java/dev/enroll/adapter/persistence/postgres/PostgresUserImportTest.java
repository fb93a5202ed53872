package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.UserImportStoreContract;
import dev.enroll.application.testing.UserStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The import store contract on PostgreSQL: locks, probes and COPY on a real database. */
class PostgresUserImportTest extends UserImportStoreContract {

    @RegisterExtension
    static final ThrowawayStore STORE = new ThrowawayStore();

    @Override
    protected Stores newStores() {
        PostgresStore store = STORE.store();
        return new Stores(new UserStore(store.users()), store.imports());
    }
}
