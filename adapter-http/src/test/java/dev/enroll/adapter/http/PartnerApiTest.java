package dev.enroll.adapter.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class with a server of its own on a random port, in which every test calls as a new
 * partner of its own (its admin token in {@link #token}), so no test sees another's users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PartnerApiTest {

    final TestApi api = TestApi.start();
    String token;

    @BeforeEach
    void newPartner() {
        token = api.adminToken(api.newPartner());
    }

    @AfterAll
    void stop() {
        api.close();
    }
}
