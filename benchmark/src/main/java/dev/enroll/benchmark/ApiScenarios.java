package dev.enroll.benchmark;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API scenarios as operations, one per client. Creates always send a user no one has sent
 * before. Updates give each client its own slice of the seeded users, so no two clients ever
 * update one user at the same time (that would be a 409 by design, not a load problem); each
 * update changes something, so the server really writes. In the mix, one create in ten re-sends
 * a seeded user's exact phone and policy with {@code returnExistingUserIfExists=true}, so the
 * "already there, here it is" path carries load too.
 */
final class ApiScenarios {

    static final double MIX_CREATE_SHARE = 0.70;
    static final double MIX_UPDATE_SHARE = 0.20;
    static final double MIX_RESEND_SHARE_OF_CREATES = 0.10;

    private final ApiClient api;
    private final SyntheticUsers users;
    private final SeededUsers seeded;
    private final UserBook book;
    private final AtomicLong revisions = new AtomicLong();

    /** {@code book} is {@code null} when none was loaded; then no book scenario may run. */
    ApiScenarios(ApiClient api, SyntheticUsers users, SeededUsers seeded, UserBook book) {
        this.api = api;
        this.users = users;
        this.seeded = seeded;
        this.book = book;
    }

    /** One operation per client for {@code scenario} with {@code clients} clients. */
    List<Operation> clients(Scenario scenario, int clients) throws SQLException {
        if (clients > seeded.size()) {
            throw new IllegalArgumentException("more clients than seeded users to give them");
        }
        if (scenario == Scenario.RAW_INSERT) {
            throw new IllegalArgumentException("the raw insert is not an API scenario");
        }
        if (scenario.readsTheBook() && book == null) {
            throw new IllegalArgumentException(scenario.label() + " needs --book-users");
        }
        // Once per step, shared by its clients: updatedSince lookups read their instants from the database.
        UserBook.Lookups lookups = scenario.readsTheBook() && scenario != Scenario.LIST_DEEP
                ? book.lookups(scenario.filter()) : null;
        List<Operation> operations = new ArrayList<>(clients);
        for (int client = 0; client < clients; client++) {
            operations.add(operation(scenario, client, clients, lookups));
        }
        return operations;
    }

    private Operation operation(Scenario scenario, int client, int clients, UserBook.Lookups lookups) {
        ApiConnection connection = api.connection();
        SplittableRandom draws = new SplittableRandom(2000L + client);
        return Operation.on(connection, switch (scenario) {
            case LIST_DEEP -> () -> connection.get("GET /api/users?cursor", "/api/users?limit=50&cursor="
                    + book.deepCursor());
            case FIND_EMAIL, FIND_PHONE, FIND_EXTERNAL_ID, FIND_POLICY, FIND_UPDATED_SINCE ->
                    () -> connection.get("GET /api/users?" + scenario.filter(), "/api/users?" + lookups.next(draws));
            case CREATE -> () -> connection.create(users.next());
            case CREATE_WITH_POLICY -> () -> connection.createWithPolicy(users.next(), false);
            case UPDATE -> {
                OwnSlice slice = new OwnSlice(client, clients, seeded.size());
                yield () -> connection.update(seeded.id(slice.next()),
                        SyntheticUser.updateJson(revisions.incrementAndGet()));
            }
            case READ -> {
                SplittableRandom random = new SplittableRandom(client);
                yield () -> connection.read(seeded.id(random.nextInt(seeded.size())));
            }
            case MIX -> mix(connection, client, clients);
            case RAW_INSERT -> throw new AssertionError("refused above");
        });
    }

    private Operation mix(ApiConnection api, int client, int clients) {
        SplittableRandom random = new SplittableRandom(1000L + client);
        OwnSlice slice = new OwnSlice(client, clients, seeded.size());
        return () -> {
            double draw = random.nextDouble();
            if (draw < MIX_CREATE_SHARE) {
                boolean resend = random.nextDouble() < MIX_RESEND_SHARE_OF_CREATES;
                SyntheticUser user = resend ? users.again(seeded.serial(random.nextInt(seeded.size()))) : users.next();
                api.createWithPolicy(user, true);
            } else if (draw < MIX_CREATE_SHARE + MIX_UPDATE_SHARE) {
                api.update(seeded.id(slice.next()), SyntheticUser.updateJson(revisions.incrementAndGet()));
            } else {
                api.read(seeded.id(random.nextInt(seeded.size())));
            }
        };
    }

    /** Seeded-user indexes {@code client, client + clients, ...}, round and round: one client's alone. */
    private static final class OwnSlice {
        private final int first;
        private final int stride;
        private final int size;
        private int current;

        OwnSlice(int client, int clients, int size) {
            this.first = client;
            this.stride = clients;
            this.size = size;
            this.current = client;
        }

        int next() {
            int index = current;
            current += stride;
            if (current >= size) {
                current = first;
            }
            return index;
        }
    }
}
