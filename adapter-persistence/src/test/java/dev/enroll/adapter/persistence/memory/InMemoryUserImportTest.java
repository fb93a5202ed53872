package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.UserImportStoreContract;
import dev.enroll.application.testing.UserStore;

class InMemoryUserImportTest extends UserImportStoreContract {

    @Override
    protected Stores newStores() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        return new Stores(new UserStore(users), new InMemoryUserImport(users));
    }
}
