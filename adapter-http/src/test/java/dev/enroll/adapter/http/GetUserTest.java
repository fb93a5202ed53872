package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GET /api/users/{userId}. */
class GetUserTest extends PartnerApiTest {

    @Test
    void answers_the_user_exactly_as_it_was_created() {
        Reply created = api.createUser(TestApi.newUser(), token);

        Reply read = api.get("/api/users/" + created.id(), token);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());
    }

    @Test
    void accepts_the_id_in_upper_case() {
        Reply created = api.createUser(TestApi.newUser(), token);

        Reply read = api.get("/api/users/" + created.id().toUpperCase(), token);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.id()).isEqualTo(created.id());
    }

    @Test
    void answers_404_user_not_found_for_unknown_and_malformed_ids() {
        // ("with-policy" and "import" name resources of their own: 405, ProtocolErrorTest.)
        for (String id : new String[] {"01890a5d-ac96-774b-bcce-b302099a8057", "nope", "with-policies",
                "00000000-0000-0000-0000-000000000000"}) {
            Reply reply = api.get("/api/users/" + id, token);
            assertThat(reply.status()).as(id).isEqualTo(404);
            assertThat(reply.errorCode()).as(id).isEqualTo("ERROR_USER_NOT_FOUND");
        }
    }
}
