package dev.enroll.adapter.http;

import static dev.enroll.adapter.http.ImportBodies.importNdjson;
import static dev.enroll.adapter.http.ImportBodies.ndjson;
import static dev.enroll.adapter.http.ImportBodies.rows;
import static dev.enroll.adapter.http.ImportBodies.summary;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enroll.adapter.persistence.postgres.PostgresStore;
import dev.enroll.adapter.persistence.testing.TestDatabase;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Imports on PostgreSQL through two server instances sharing one database, each with its own
 * pool: identities across chunks, against single creates on the other instance, and a client
 * that goes away mid-stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresImportTest {

    private TestDatabase database;
    private PostgresStore storeOne;
    private PostgresStore storeTwo;
    private TestApi one;
    private TestApi two;

    @BeforeAll
    void start() {
        database = TestDatabase.create();
        storeOne = PostgresStore.open(database.settings().withPoolSize(4));
        storeTwo = PostgresStore.open(database.settings().withPoolSize(4));
        // The race sends its single creates as fast as it can: the partner's rate is not what it tests.
        HttpLimits unthrottled = HttpLimits.defaults().withPartnerRate(1_000_000, 1_000_000);
        one = TestApi.start(Stores.of(storeOne), unthrottled);
        two = TestApi.start(Stores.of(storeTwo), unthrottled);
    }

    @AfterAll
    void stop() {
        one.close();
        two.close();
        storeOne.close();
        storeTwo.close();
        database.close();
    }


    @Test
    void a_row_repeating_a_row_of_an_earlier_chunk_is_answered_with_that_user() throws SQLException {
        PartnerKeys partner = one.newPartner();
        String token = one.adminToken(partner);
        List<ObjectNode> users = newUsers(2_500);
        users.set(2_200, TestApi.newUser().put("phone", users.get(4).path("phone").asText()));

        List<JsonNode> lines = importNdjson(one, "?returnExistingUserIfExists=true", ndjson(users.toArray()), token);

        assertThat(rows(lines)).hasSize(2_500);
        assertThat(lines.get(2_200).path("status").asText()).isEqualTo("existing");
        assertThat(lines.get(2_200).path("id").asText()).isEqualTo(lines.get(4).path("id").asText());
        assertThat(summary(lines).path("created").asLong()).isEqualTo(2_499);
        assertThat(storedUsers(partner)).isEqualTo(new long[] {2_499, 2_499});
    }

    @Test
    void single_creates_on_another_instance_racing_an_import_leave_exactly_one_user_per_phone() throws Exception {
        PartnerKeys partner = one.newPartner();
        String token = one.adminToken(partner);
        List<ObjectNode> users = newUsers(1_200);
        CountDownLatch go = new CountDownLatch(1);

        CompletableFuture<List<JsonNode>> imported = CompletableFuture.supplyAsync(() -> {
            await(go);
            return importNdjson(one, "", ndjson(users.toArray()), token);
        });
        CompletableFuture<List<Integer>> single = CompletableFuture.supplyAsync(() -> {
            await(go);
            List<Integer> statuses = new ArrayList<>();
            for (int i = users.size() - 1; i >= 0; i--) {
                statuses.add(0, two.post("/api/users", users.get(i), token).status());
            }
            return statuses;
        });
        go.countDown();

        List<JsonNode> lines = imported.get(120, TimeUnit.SECONDS);
        List<Integer> statuses = single.get(120, TimeUnit.SECONDS);
        for (int i = 0; i < users.size(); i++) {
            boolean importWon = lines.get(i).path("status").asText().equals("created");
            assertThat(statuses.get(i)).as("the single create of row %d", i).isEqualTo(importWon ? 409 : 200);
            if (!importWon) {
                assertThat(lines.get(i).path("error_code").asText()).isEqualTo("ERROR_USER_ALREADY_EXISTS");
            }
        }
        assertThat(storedUsers(partner)).isEqualTo(new long[] {1_200, 1_200});
    }

    @Test
    void rows_reported_before_the_connection_dropped_stay_and_a_resend_completes_without_duplicates()
            throws Exception {
        PartnerKeys partner = one.newPartner();
        String token = one.adminToken(partner);
        List<ObjectNode> users = newUsers(3_000);
        Map<Long, String> reportedBeforeTheDrop = new HashMap<>();

        try (Socket socket = new Socket("localhost", one.port)) {
            OutputStream out = socket.getOutputStream();
            String head = "POST " + ImportBodies.PATH + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] part = ndjson(users.subList(0, 2_500).toArray()).getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The answer streams while the body is still coming: the first chunk's lines arrive now.
            RawHttp.Lines answer = RawHttp.linesOf(socket, head);
            assertThat(answer.status()).isEqualTo(200);
            while (reportedBeforeTheDrop.size() < 1_000) {
                JsonNode line = ImportBodies.parse(answer.nextLine()).get(0);
                assertThat(line.path("status").asText()).isEqualTo("created");
                reportedBeforeTheDrop.put(line.path("line").asLong(), line.path("id").asText());
            }
            answer.judge();
            socket.setSoLinger(true, 0);
        }

        assertThat(reportedBeforeTheDrop).hasSize(1_000);
        List<JsonNode> resent = importNdjson(two, "?returnExistingUserIfExists=true", ndjson(users.toArray()), token);
        assertThat(summary(resent).path("rows").asLong()).isEqualTo(3_000);
        assertThat(summary(resent).path("rejected").asLong()).isZero();
        for (Map.Entry<Long, String> row : reportedBeforeTheDrop.entrySet()) {
            JsonNode again = resent.get((int) (row.getKey() - 1));
            assertThat(again.path("status").asText()).isEqualTo("existing");
            assertThat(again.path("id").asText()).isEqualTo(row.getValue());
        }
        assertThat(storedUsers(partner)).isEqualTo(new long[] {3_000, 3_000});
    }

    private static List<ObjectNode> newUsers(int count) {
        List<ObjectNode> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(TestApi.newUser());
        }
        return users;
    }

    /** The partner's users in the database, and how many distinct phones they hold. */
    private long[] storedUsers(PartnerKeys partner) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*), count(DISTINCT phone) FROM users WHERE contributor_id = ?")) {
            query.setString(1, partner.partnerId());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
