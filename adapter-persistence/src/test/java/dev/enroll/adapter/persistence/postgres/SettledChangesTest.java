package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.enroll.application.port.in.AddressInput;
import dev.enroll.application.port.in.CreateUserCommand;
import dev.enroll.application.port.in.UserInput;
import dev.enroll.application.service.CreateUserService;
import dev.enroll.application.testing.TestIds;
import dev.enroll.application.testing.UserStore;
import dev.enroll.domain.user.ContributorId;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pages of one partner share the feed's bound, but never one read before the page arrived: a
 * client that wrote and then lists must find its write (docs/persistence.md, "SettledChanges").
 */
class SettledChangesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    static final ThrowawayStore STORE = new ThrowawayStore();

    /**
     * A call has read the bound and not yet answered; a client writes, then its page arrives and
     * waits for that call. The page must not take that call's answer, which misses the write.
     */
    @Test
    void aPageThatArrivesWhileACallRunsWaitsForTheNextCallNotThatOne() throws Exception {
        ContributorId acme = new UserStore(STORE.store().users()).newContributor();
        HeldAfterReading dataSource = new HeldAfterReading(STORE.database().dataSource());
        SettledChanges settled = new SettledChanges(dataSource, PATIENCE);

        CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> bound(settled, acme));
        assertThat(dataSource.read.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the first call read").isTrue();
        new CreateUserService(STORE.store().users(), TestIds::userId, TestIds::partnerCode, Clock.systemUTC())
                .create(new CreateUserCommand(acme, input(), false));
        long written = Queries.list(STORE.database().dataSource(), "SELECT settled_user_change(?)",
                row -> row.getLong(1), acme.value()).get(0);
        CompletableFuture<Long> afterTheWrite = pageWaitingForTheRunningCall(settled, acme);
        dataSource.release.countDown();

        assertThat(running.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the call read before the write")
                .isLessThan(written);
        assertThat(afterTheWrite.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isGreaterThanOrEqualTo(written);
    }

    /**
     * The call a page waits for fails (the database stopped answering): the page fails with it, as
     * unavailable, rather than run a call of its own, which would take it past its deadline.
     */
    @Test
    void aPageWaitingForACallThatFailsFailsWithItAtOnce() throws Exception {
        ContributorId acme = new UserStore(STORE.store().users()).newContributor();
        FirstConnectionFails dataSource = new FirstConnectionFails(STORE.database().dataSource());
        SettledChanges settled = new SettledChanges(dataSource, PATIENCE);
        CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> bound(settled, acme));
        assertThat(dataSource.asked.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the first call runs").isTrue();
        CompletableFuture<Long> waiting = pageWaitingForTheRunningCall(settled, acme);

        dataSource.fail.countDown();

        assertThat(running).failsWithin(PATIENCE);
        assertThat(waiting).failsWithin(PATIENCE).withThrowableOfType(ExecutionException.class)
                .havingRootCause().isInstanceOf(SQLTransientConnectionException.class);
        assertThat(dataSource.connections.get()).as("no second call").isEqualTo(1);
    }

    /** A page of {@code contributor}'s, once it waits for the running call (with a deadline: parked, timed). */
    private static CompletableFuture<Long> pageWaitingForTheRunningCall(SettledChanges settled,
                                                                        ContributorId contributor) {
        AtomicReference<Thread> page = new AtomicReference<>();
        CompletableFuture<Long> bound = CompletableFuture.supplyAsync(() -> {
            page.set(Thread.currentThread());
            return bound(settled, contributor);
        });
        await().atMost(PATIENCE).until(() -> page.get() != null && page.get().getState() == Thread.State.TIMED_WAITING);
        return bound;
    }

    private static long bound(SettledChanges settled, ContributorId contributor) {
        try {
            return settled.bound(contributor);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UserInput input() {
        return new UserInput("Ann", "Smith", null, TestIds.phone(), null, null, null, null, null, null, null,
                new AddressInput("1 Main St", null, "Springfield", "IL", "US", "62701"));
    }

    /** The first connection asked for fails once {@code fail} is counted down; later ones are real. */
    private static final class FirstConnectionFails extends HeldAfterReading {

        final CountDownLatch asked = new CountDownLatch(1);
        final CountDownLatch fail = new CountDownLatch(1);
        final AtomicInteger connections = new AtomicInteger();

        FirstConnectionFails(DataSource delegate) {
            super(delegate);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (connections.incrementAndGet() > 1) {
                return delegate.getConnection();
            }
            asked.countDown();
            try {
                fail.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("the database stopped answering", "08006");
        }
    }

    /**
     * Hands out connections whose first one, once its query has run, is held open until
     * {@code release}: a call that has read its bound and not yet answered.
     */
    private static class HeldAfterReading implements DataSource {

        final CountDownLatch read = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final DataSource delegate;
        private final AtomicBoolean first = new AtomicBoolean(true);

        HeldAfterReading(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = delegate.getConnection();
            if (!first.getAndSet(false)) {
                return connection;
            }
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            read.countDown();
                            release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
