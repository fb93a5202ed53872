package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.enroll.adapter.persistence.testing.TcpProxy;
import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.ContributorId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A serving store's partners come from a cache that changes made elsewhere evict (NOTIFY), and
 * that is emptied whenever listening starts (the first time, and after the listening connection
 * was lost): changes made while nobody listened are seen well before the cache's TTL would have
 * let them through.
 */
class CachedPartnersTest {

    /** Well inside {@link CachedPartners#TTL}: what is seen this fast was not seen by expiry. */
    private static final Duration SOON = Duration.ofSeconds(2);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static TestDatabase database;
    private static PostgresStore serving;
    private static PostgresStore elsewhere;

    @BeforeAll
    static void openTwoStores() {
        database = TestDatabase.create();
        serving = PostgresStore.open(database.settings());
        elsewhere = PostgresStore.on(database.dataSource());
    }

    @AfterAll
    static void close() {
        serving.close();
        database.close();
    }

    @Test
    void a_change_made_by_another_instance_evicts_the_cached_partner() {
        PartnerRepository partners = serving.partners();
        Partner partner = newPartner();
        assertThat(partners.findById(partner.id())).contains(partner);

        elsewhere.partners().setEnabled(partner.id(), false);

        await().atMost(SOON).until(() -> !partners.findById(partner.id()).orElseThrow().enabled());
    }

    @Test
    void losing_the_listening_connection_empties_the_cache_once_listening_resumes() throws SQLException {
        PartnerRepository partners = serving.partners();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            // Changes nobody hears about: the trigger is off while they are made.
            statement.execute("ALTER TABLE partners DISABLE TRIGGER partners_changed");
            Partner partner = newPartner();
            assertThat(partners.findById(partner.id())).contains(partner);
            statement.execute("UPDATE partners SET enabled = false WHERE contributor_id = '" + partner.id().value() + "'");
            statement.execute("ALTER TABLE partners ENABLE TRIGGER partners_changed");
            assertThat(partners.findById(partner.id())).as("the stale copy").contains(partner);

            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'enroll-partner-changes' AND datname = current_database()");

            await().atMost(SOON).until(() -> !partners.findById(partner.id()).orElseThrow().enabled());
        }
    }

    /**
     * A store does not wait for its listener to be listening: a partner read before the first
     * LISTEN lands, and changed meanwhile (a notice nobody heard), is read afresh once it lands.
     */
    @Test
    void what_was_cached_before_the_first_listen_is_read_afresh_once_it_lands() throws Exception {
        CountDownLatch connect = new CountDownLatch(1);
        CachedPartners partners = new CachedPartners(new PostgresPartnerRepository(database.dataSource()));
        try (PartnerChanges changes = new PartnerChanges(held(database.settings().unpooled(), connect), partners)) {
            Partner partner = newPartner();
            assertThat(partners.findById(partner.id())).contains(partner);
            elsewhere.partners().setEnabled(partner.id(), false);
            assertThat(partners.findById(partner.id())).as("the copy, while nobody listens").contains(partner);

            connect.countDown();

            await().atMost(SOON).until(() -> !partners.findById(partner.id()).orElseThrow().enabled());
        }
    }

    /**
     * A database that stops answering (a network black hole) while the listener waits for its
     * probe: the probe's wait has a deadline, so the listener reconnects once the database answers
     * again, rather than waiting for an answer that was lost, leaving changes to the cache's TTL.
     */
    @Test
    void a_listener_whose_database_stopped_answering_listens_again_once_it_answers() throws Exception {
        CachedPartners partners = new CachedPartners(new PostgresPartnerRepository(database.dataSource()));
        PostgresSettings settings = database.settings();
        try (TcpProxy proxy = TcpProxy.inFrontOf(settings.jdbcUrl())) {
            PGSimpleDataSource listenerConnections = PostgresSettings.of(proxy.rewrite(settings.jdbcUrl()),
                    settings.user(), settings.password(), 1).unpooled();
            listenerConnections.setApplicationName("black-holed-listener");
            try (PartnerChanges changes = new PartnerChanges(listenerConnections, partners)) {
                int first = await().atMost(Duration.ofSeconds(10)).until(CachedPartnersTest::blackHoledListener, pid -> pid > 0);

                proxy.mode(TcpProxy.Mode.BLACK_HOLE);
                await().atMost(Duration.ofSeconds(15)).until(() -> proxy.swallowedBytes() > 0); // a probe is lost
                proxy.mode(TcpProxy.Mode.PASS);

                await().atMost(Duration.ofSeconds(15)).until(CachedPartnersTest::blackHoledListener,
                        pid -> pid > 0 && pid != first);
                Partner partner = newPartner();
                assertThat(partners.findById(partner.id())).contains(partner);
                elsewhere.partners().setEnabled(partner.id(), false);
                await().atMost(SOON).until(() -> !partners.findById(partner.id()).orElseThrow().enabled());
            }
        }
    }

    /**
     * A stop while the database does not answer: the listener is opening a connection, which
     * pgjdbc lets take its login timeout (5 s); closing does not wait that out.
     */
    @Test
    void closing_does_not_wait_for_a_connection_the_listener_is_still_opening() throws Exception {
        CachedPartners partners = new CachedPartners(new PostgresPartnerRepository(database.dataSource()));
        PostgresSettings settings = database.settings();
        try (TcpProxy proxy = TcpProxy.inFrontOf(settings.jdbcUrl())) {
            proxy.mode(TcpProxy.Mode.BLACK_HOLE);
            PartnerChanges changes = new PartnerChanges(PostgresSettings.of(proxy.rewrite(settings.jdbcUrl()),
                    settings.user(), settings.password(), 1).unpooled(), partners);
            await().atMost(Duration.ofSeconds(10)).until(() -> proxy.swallowedBytes() > 0); // logging in

            assertTimeoutPreemptively(Duration.ofSeconds(3), changes::close, "close waited out the login timeout");
        }
    }

    /** The backend of the listener the test above runs, once it listens; 0 when there is none. */
    private static int blackHoledListener() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pid FROM pg_stat_activity"
                     + " WHERE application_name = 'black-holed-listener' AND query LIKE 'LISTEN%'"
                     + " ORDER BY backend_start DESC LIMIT 1")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    /** {@code connections}, whose connections are handed out only once {@code open} is counted down. */
    private static DataSource held(DataSource connections, CountDownLatch open) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection") && !open.await(30, TimeUnit.SECONDS)) {
                        throw new SQLException("the test never let the listener connect");
                    }
                    try {
                        return method.invoke(connections, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Partner newPartner() {
        int n = SEQUENCE.incrementAndGet();
        Partner partner = new Partner(new ContributorId("cached-" + n), null, new ClientId("ck_cached_" + n + "_0123"),
                new SecretHash(new byte[SecretHash.LENGTH]), true, Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(elsewhere.partners().insert(partner)).isTrue();
        return partner;
    }
}
