package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.in.AddressInput;
import dev.enroll.application.port.in.CreateUserCommand;
import dev.enroll.application.port.in.UserInput;
import dev.enroll.application.port.out.UserChange;
import dev.enroll.application.port.out.UserFilter;
import dev.enroll.application.service.CreateUserService;
import dev.enroll.application.testing.TestIds;
import dev.enroll.application.testing.UserStore;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pages of one partner share the feed's bound (SettledChanges), but a page never takes a bound
 * read before it started: a client that wrote a user and then lists finds it, however many of
 * the partner's pages run at once.
 */
class SettledChangesTest {

    private static TestDatabase database;
    private static PostgresStore store;

    @BeforeAll
    static void open() {
        database = TestDatabase.create();
        store = PostgresStore.on(database.dataSource());
    }

    @AfterAll
    static void close() {
        store.close();
        database.close();
    }

    @Test
    void aClientListingRightAfterItsWriteFindsItWhileOtherPagesOfThePartnerRun() throws Exception {
        ContributorId acme = new UserStore(store.users()).newContributor();
        CreateUserService create = new CreateUserService(store.users(), TestIds::userId, TestIds::partnerCode,
                Clock.systemUTC());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> missed = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                missed.add(clients.submit(() -> {
                    int notFound = 0;
                    for (int i = 0; i < 40; i++) {
                        User user = create.create(new CreateUserCommand(acme, input(), false)).user();
                        List<UserChange> page = store.users().changes(acme,
                                new UserFilter(user.profile().email(), null, null, null, null, false), 0, 10);
                        if (page.stream().noneMatch(change -> change instanceof UserChange.Present present
                                && present.user().id().equals(user.id()))) {
                            notFound++;
                        }
                    }
                    return notFound;
                }));
            }
            for (Future<Integer> client : missed) {
                assertThat(client.get()).isZero();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static UserInput input() {
        return new UserInput("Ann", "Smith", TestIds.email(), TestIds.phone(), null, null, null, null, null, null,
                null, new AddressInput("1 Main St", null, "Springfield", "IL", "US", "62701"));
    }
}
