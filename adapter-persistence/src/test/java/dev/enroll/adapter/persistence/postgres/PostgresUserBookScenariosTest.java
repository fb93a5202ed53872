package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.service.UserBookScenarios;
import dev.enroll.application.testing.UserStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A partner's whole book on PostgreSQL: the change feed's sync guarantee here runs through real transactions. */
class PostgresUserBookScenariosTest extends UserBookScenarios {

    @RegisterExtension
    static final ThrowawayStore STORE = new ThrowawayStore();

    @Override
    protected UserStore newStore() {
        return new UserStore(STORE.store().users());
    }
}
