package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.UserImportStoreContract;
import dev.enroll.application.testing.UserStore;

class InMemoryUserImportTest extends UserImportStoreContract {

    @Override
    protected Stores newStores() {
        InMemoryPartnerRepository partners = new InMemoryPartnerRepository();
        InMemoryUserRepository users = new InMemoryUserRepository(partners);
        return new Stores(new UserStore(users, partners), new InMemoryUserImport(users));
    }
}
