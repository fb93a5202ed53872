package dev.enroll.adapter.http;

/** The store contract of the API on the in-memory stores. */
class InMemoryStoreApiTest extends StoreBackedApiContract {

    @Override
    Stores stores() {
        return Stores.inMemory();
    }
}
