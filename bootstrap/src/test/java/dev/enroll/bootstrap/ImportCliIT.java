package dev.enroll.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code enroll.jar import} against {@code enroll.jar serve}: files in, results out, exit codes. */
class ImportCliIT {

    @Test
    void imports_a_csv_then_an_ndjson_file_through_the_running_jar(@TempDir Path workDir) throws Exception {
        try (TestDatabase database = TestDatabase.create()) {
            Map<String, String> environment = new HashMap<>(JarProcess.environmentFor(database));
            environment.put("ENROLL_HTTP_PORT", "0");
            try (JarProcess server = JarProcess.start(environment, "serve")) {
                String url = "http://localhost:" + server.awaitListeningPort();
                JarProcess created = JarProcess.run(environment, "partner", "create", "--partner-id", "books");
                String credentials = created.stdout();
                String clientId = field(credentials, "clientId");
                String secret = field(credentials, "clientSecret");
                Map<String, String> client = Map.of("ENROLL_CLIENT_SECRET", secret);

                Path csv = workDir.resolve("book.csv");
                StringBuilder rows = new StringBuilder("firstName,lastName,phone,email,address.state,"
                        + "policyInfo.policyNumber,policyInfo.startDate,policyInfo.endDate\r\n");
                for (int i = 0; i < 2_500; i++) {
                    rows.append("Ann,\"Smith, Jr\",").append(phone(i)).append(",ann").append(i)
                            .append("@example.com,TX,,,\r\n");
                }
                rows.append("Bo,Li,not-a-phone,,TX,,,\r\n");
                Files.writeString(csv, rows, StandardCharsets.UTF_8);

                JarProcess first = JarProcess.run(client, "import", "--url", url, "--partner-id", "books",
                        "--client-id", clientId, csv.toString());

                assertThat(first.awaitExit()).as(first.stderr()).isEqualTo(1);
                assertThat(first.stdout()).contains("2501 rows, 2500 created, 0 existing, 1 rejected");
                List<String> results = Files.readAllLines(workDir.resolve("book.csv.results.ndjson"));
                assertThat(results).hasSize(2_501);
                assertThat(results.get(2_500)).contains("\"line\":2502", "\"status\":\"rejected\"", "\"field\":\"phone\"");
                assertThat(first.stderr()).contains("Import", "rows");

                Path ndjson = workDir.resolve("more.data");
                Files.writeString(ndjson, "{\"firstName\":\"Ann\",\"lastName\":\"Smith\",\"phone\":\"" + phone(7)
                        + "\",\"address\":{\"state\":\"TX\"}}\n{\"firstName\":\"Cy\",\"lastName\":\"Ng\",\"phone\":\""
                        + phone(9_999) + "\",\"address\":{\"state\":\"NY\"},\"policyInfo\":{\"policyNumber\":\"P-1\","
                        + "\"startDate\":\"2026-01-01T00:00:00Z\",\"endDate\":\"2027-01-01T00:00:00Z\"}}\n");
                Path results2 = workDir.resolve("answers.ndjson");

                JarProcess second = JarProcess.run(client, "import", "--url", url, "--partner-id", "books",
                        "--client-id", clientId, "--format", "ndjson", "--return-existing", "--results",
                        results2.toString(), ndjson.toString());

                assertThat(second.awaitExit()).as(second.stderr()).isZero();
                assertThat(second.stdout()).contains("2 rows, 1 created, 1 existing, 0 rejected");
                assertThat(Files.readAllLines(results2)).hasSize(2);
                assertThat(first.stdout() + first.stderr() + second.stdout() + second.stderr())
                        .as("the secret is never printed").doesNotContain(secret);

                JarProcess noSecret = JarProcess.run(Map.of(), "import", "--url", url, "--partner-id", "books",
                        "--client-id", clientId, csv.toString());
                assertThat(noSecret.awaitExit()).isEqualTo(2);
                assertThat(noSecret.stderr()).contains("ENROLL_CLIENT_SECRET");

                // Bad usage, like a missing secret: exit 2, before anything is written.
                for (String badUrl : new String[] {"ftp://enroll.example.com", "localhost:8080"}) {
                    Path untouched = workDir.resolve("untouched.ndjson");
                    JarProcess badlyAddressed = JarProcess.run(client, "import", "--url", badUrl, "--partner-id", "books",
                            "--client-id", clientId, "--results", untouched.toString(), csv.toString());
                    assertThat(badlyAddressed.awaitExit()).as(badUrl + ": " + badlyAddressed.stderr()).isEqualTo(2);
                    assertThat(badlyAddressed.stderr()).contains("--url must be an http or https URL");
                    assertThat(untouched).doesNotExist();
                }
                JarProcess nowhere = JarProcess.run(client, "import", "--url", url, "--partner-id", "books",
                        "--client-id", clientId, "--results", workDir.resolve("no/such/dir/r.ndjson").toString(),
                        csv.toString());
                assertThat(nowhere.awaitExit()).isEqualTo(2);
                assertThat(nowhere.stderr()).contains("No such directory for the results: " + workDir.resolve("no/such/dir"));
            }
        }
    }

    private static String phone(int i) {
        return String.format("+1555%07d", 1_000_000 + i);
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name).isTrue();
        return matcher.group(1);
    }
}
