package dev.enroll.bootstrap;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady stream of creates from a few client threads, for fault tests: it remembers the id of
 * every create that was acknowledged (200), counts every answer by status, and notes the slowest
 * answer. Bounded: each client stops after {@code maxPerClient} creates or when stopped.
 */
final class CreateLoad implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("^\\{\"id\":\"([^\"]+)\"");
    private static final AtomicInteger PHONES = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

    private final String api;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService clients;
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicLong slowestMillis = new AtomicLong();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean stopped;

    private CreateLoad(String api, String token, int clientCount, int maxPerClient) {
        this.api = api;
        this.token = token;
        this.clients = Executors.newFixedThreadPool(clientCount);
        for (int i = 0; i < clientCount; i++) {
            clients.submit(() -> {
                for (int n = 0; n < maxPerClient && !stopped; n++) {
                    createOne();
                }
            });
        }
    }

    static CreateLoad start(String api, String token, int clients, int maxPerClient) {
        return new CreateLoad(api, token, clients, maxPerClient);
    }

    private void createOne() {
        String phone = String.format("+1555%07d", PHONES.incrementAndGet() % 10_000_000);
        String body = "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"phone\":\"" + phone
                + "\",\"address\":{\"state\":\"CA\"}}";
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/api/users"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.computeIfAbsent(response.statusCode(), unused -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() == 200) {
                Matcher id = ID.matcher(response.body());
                if (id.find()) {
                    acknowledged.add(id.group(1));
                }
            }
        } catch (Exception e) {
            // The server went away (killed, stopping): no answer, so nothing acknowledged.
            failures.incrementAndGet();
        } finally {
            slowestMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
        }
    }

    List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    int count(int status) {
        AtomicInteger count = statuses.get(status);
        return count == null ? 0 : count.get();
    }

    Map<Integer, AtomicInteger> statuses() {
        return statuses;
    }

    /** Creates that got no answer at all (the connection broke or was refused). */
    int unanswered() {
        return failures.get();
    }

    long slowestMillis() {
        return slowestMillis.get();
    }

    /** Stops sending and waits for the clients' last answers. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        clients.shutdown();
        if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
            clients.shutdownNow();
        }
    }
}
