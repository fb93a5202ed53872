package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.adapter.http.client.ImportClient;
import dev.enroll.adapter.http.client.ImportClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The command line's import client against a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportClientTest {

    private TestApi api;
    private ImportClient client;

    @BeforeAll
    void start() {
        api = TestApi.start();
        client = new ImportClient(URI.create("http://localhost:" + api.port));
    }

    @AfterAll
    void stop() {
        client.close();
        api.close();
    }

    @Test
    void reads_the_answer_while_the_file_is_still_being_sent() throws IOException {
        PartnerKeys partner = api.newPartner();
        String token = client.token(partner.partnerId(), partner.clientId(), partner.clientSecret());
        CountDownLatch firstAnswer = new CountDownLatch(1);
        // The file's end is held back until an answer has come: a client that reads the answer only
        // after sending everything never gets one, and this fails after the latch's deadline.
        InputStream heldBack = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    if (!firstAnswer.await(30, TimeUnit.SECONDS)) {
                        throw new IOException("no answer came while the file was being sent");
                    }
                    return -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        };
        InputStream file = new SequenceInputStream(new ByteArrayInputStream(rows(2_500)), heldBack);
        List<String> statuses = new ArrayList<>();

        ImportClient.Outcome outcome = client.importFile(token, file, ImportClient.Format.NDJSON, "", (line, status) -> {
            statuses.add(status);
            firstAnswer.countDown();
        });

        assertThat(statuses).hasSize(2_500).containsOnly("created");
        assertThat(outcome.summary().created()).isEqualTo(2_500);
    }

    @Test
    void a_refused_token_or_import_says_what_the_server_said() throws IOException {
        PartnerKeys partner = api.newPartner();
        String token = client.token(partner.partnerId(), partner.clientId(), partner.clientSecret());

        assertThatThrownBy(() -> client.token(partner.partnerId(), partner.clientId(), "wrong"))
                .isInstanceOf(ImportClientException.class).hasMessageContaining("401");
        assertThatThrownBy(() -> client.importFile(token, new ByteArrayInputStream(rows(1)), ImportClient.Format.CSV, "",
                (line, status) -> { }))
                .isInstanceOf(ImportClientException.class).hasMessageContaining("400");
    }

    private static byte[] rows(int count) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < count; i++) {
            body.append(TestApi.newUser()).append('\n');
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
