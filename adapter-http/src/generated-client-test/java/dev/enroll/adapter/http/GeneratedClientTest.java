package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.client.ApiClient;
import dev.enroll.client.ApiException;
import dev.enroll.client.api.AuthenticationApi;
import dev.enroll.client.api.DocumentationApi;
import dev.enroll.client.api.OperationsApi;
import dev.enroll.client.api.UsersApi;
import dev.enroll.client.model.AddressInput;
import dev.enroll.client.model.PolicyInput;
import dev.enroll.client.model.PolicyUpdate;
import dev.enroll.client.model.Token;
import dev.enroll.client.model.TokenRequest;
import dev.enroll.client.model.User;
import dev.enroll.client.model.ImportUsersRequest;
import dev.enroll.client.model.UserCreate;
import dev.enroll.client.model.UserPage;
import dev.enroll.client.model.UserCreateWithPolicy;
import dev.enroll.client.model.UserUpdate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Java client generated from the OpenAPI document by openapi-generator (profile
 * {@code generated-client}) calls every route of a real server. The documentation routes answer
 * YAML, HTML, JavaScript and CSS, which the generated Java client can only try to read as JSON:
 * for those the call is made and its 200 seen, and the client's failure to parse the text is expected.
 */
class GeneratedClientTest {

    @Test
    void a_generated_client_calls_every_route() throws Exception {
        try (TestApi api = TestApi.start()) {
            PartnerKeys partner = api.newPartner();
            List<Integer> statuses = new ArrayList<>();
            ApiClient client = new ApiClient().setHost("localhost").setPort(api.port)
                    .setResponseInterceptor(response -> statuses.add(response.statusCode()));

            Token token = new AuthenticationApi(client).issueToken(new TokenRequest().clientId(partner.clientId())
                    .clientSecret(partner.clientSecret()).partnerId(partner.partnerId()));
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token.getAccessToken()));
            UsersApi users = new UsersApi(client);

            User created = users.createUser(new UserCreate().firstName("Ada").lastName("Lovelace")
                    .phone("+15550100001").email("ada.generated@example.com")
                    .address(new AddressInput().state("CA").zip("90210")), false, null);
            User withPolicy = users.createUserWithPolicy(new UserCreateWithPolicy().firstName("Ada")
                    .lastName("Lovelace").phone("+15550100002").address(new AddressInput().state("NY"))
                    .policyInfo(new PolicyInput().policyNumber("POL-G1")
                            .startDate(OffsetDateTime.parse("2024-01-01T00:00:00Z"))
                            .endDate(OffsetDateTime.parse("2025-01-01T00:00:00Z"))), null, null);
            User read = users.getUser(created.getId().toString(), null);
            User updated = users.updateUser(created.getId().toString(), new UserUpdate().address(new AddressInput().city("Oakland")),
                    null, null, null);
            User patched = users.patchUser(created.getId().toString(), new UserUpdate().address(new AddressInput().zip("94601")),
                    null, null, null);
            User newPolicy = users.updatePolicy(withPolicy.getId().toString(), new PolicyUpdate().policyNumber("POL-G2")
                    .startDate(OffsetDateTime.parse("2024-02-01T00:00:00Z"))
                    .endDate(OffsetDateTime.parse("2025-02-01T00:00:00Z")), null, null, null);
            // A page of nobody: the generated Java client cannot tell a page's entries (User or
            // DeletedUser, a oneOf) apart, since its models check neither required fields nor extra ones.
            UserPage nobody = users.listUsers(10, null, "nobody.generated@example.com", null, null, null, null, null);
            users.deleteUser(withPolicy.getId().toString(), null, null, null);
            OperationsApi operations = new OperationsApi(client);
            DocumentationApi documentation = new DocumentationApi(client);

            assertThat(token.getTokenType()).hasToString("Bearer");
            assertThat(read.getPhone()).isEqualTo("+15550100001");
            assertThat(updated.getAddress().getCity()).isEqualTo("Oakland");
            assertThat(patched.getAddress().getZip()).isEqualTo("94601");
            assertThat(newPolicy.getPolicyInfo().getPolicyNumber()).isEqualTo("POL-G2");
            assertThat(nobody.getUsers()).isEmpty();
            assertThat(nobody.getNextCursor()).isNull();
            assertThat(operations.live().getStatus()).hasToString("UP");
            assertThat(operations.ready().getStatus()).hasToString("UP");
            assertThat(documentation.openApiJson()).isNotNull();
            statuses.clear();
            assertThatThrownBy(documentation::openApiYaml).isInstanceOf(ApiException.class);
            assertThatThrownBy(documentation::docsPage).isInstanceOf(ApiException.class);
            assertThatThrownBy(() -> documentation.docsAsset("init.js")).isInstanceOf(ApiException.class);
            assertThat(statuses).as("the text routes answered").containsExactly(200, 200, 200);
            // The import answers NDJSON, a line per row and a summary, which the client reads as one JSON value at most.
            statuses.clear();
            try {
                users.importUsers(new ImportUsersRequest(new UserCreate().firstName("Alan").lastName("Turing")
                        .phone("+15550100003").address(new AddressInput().state("TX"))), false, false);
            } catch (ApiException notOneJsonValue) {
                // Expected for a client that reads one JSON value; the status below is what counts.
            }
            assertThat(statuses).as("the import answered").containsExactly(200);
        }
    }
}
