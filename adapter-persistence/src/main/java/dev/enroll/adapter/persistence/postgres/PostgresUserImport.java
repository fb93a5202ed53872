package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.ChunkOutcome;
import dev.enroll.application.port.out.ImportCandidate;
import dev.enroll.application.port.out.ImportSession;
import dev.enroll.application.port.out.PartnerCodeGenerator;
import dev.enroll.application.port.out.UserImportStore;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Imports in PostgreSQL, a chunk per transaction on one connection held for the import, in three
 * round trips:
 * <ol>
 *   <li>one statement batch: the advisory locks of every row, the keys single creates take
 *       ({@link IdentityLocks}), sorted ascending in one statement, so imports and single creates
 *       on any instance queue on the same locks and never in a cycle; then the stored holders of
 *       every row's claimed keys, one index probe per key. Its snapshot is taken after the locks
 *       were granted, so it sees every row their earlier holders committed;</li>
 *   <li>the rows are settled in Java, in file order, against those holders and the earlier rows of
 *       the chunk that go in; the winners go into {@code users} with one {@code COPY}, in file
 *       order (so are their change numbers), through the table's own indexes and trigger;</li>
 *   <li>commit.</li>
 * </ol>
 * A unique index that refuses the COPY (a partner code another user has, drawn again for every
 * row of the chunk; or a row the locks should have kept out) rolls the chunk back, and it is
 * written again from the start. Earlier chunks are committed already, so the whole file is
 * settled in order. (Staging the rows in a temporary table and merging them with
 * {@code INSERT ... SELECT} cost PostgreSQL more CPU per row: docs/persistence.md, "Imports".)
 *
 * <p>The store decides identity only: whether the partner may import was decided when its request
 * was let in. The columns copied are the users table's, as {@link UserColumn} declares them.
 *
 * <p>A chunk runs under its own deadlines ({@link #CHUNK_TIMEOUT}), not the pool's
 * request-sized ones (docs/persistence.md, "Deadlines").
 *
 * <p>A dry run takes no locks (it writes nothing a race could duplicate) and copies its winners'
 * identities into a temporary table, which it checks along with {@code users}.
 */
final class PostgresUserImport implements UserImportStore {

    private static final String DRY = "pg_temp.enroll_import_dry";
    /** What a dry run keeps of the rows it would have created: what the holders query reads. */
    private static final List<UserColumn> IDENTITY = List.of(UserColumn.ID, UserColumn.CONTRIBUTOR_ID,
            UserColumn.PHONE, UserColumn.EMAIL_NORMALIZED, UserColumn.POLICY_NUMBER, UserColumn.EXTERNAL_USER_ID);
    private static final String IDENTITY_COLUMNS = UserColumn.list(IDENTITY);
    private static final String CREATE_DRY = "CREATE TEMP TABLE enroll_import_dry AS SELECT " + IDENTITY_COLUMNS
            + " FROM users WITH NO DATA; CREATE INDEX ON " + DRY + " (phone); CREATE INDEX ON " + DRY
            + " (email_normalized); CREATE INDEX ON " + DRY + " (external_user_id)";
    private static final String COPY = "COPY users (" + UserColumn.LIST + ") FROM STDIN";
    private static final String COPY_DRY = "COPY " + DRY + " (" + IDENTITY_COLUMNS + ") FROM STDIN";
    /** The contributor's change lock and the chunk's identity locks, in every writer's order. */
    private static final String LOCK = "SELECT " + IdentityLocks.TAKE;
    /**
     * Writes of a chunk a unique index may refuse before the import fails: a partner code is 40
     * random bits, so three clashes in a row would mean a broken generator, and a key the locks
     * guard would mean a writer that takes none.
     */
    private static final int ATTEMPTS = 3;
    /** The unique indexes a chunk's write is tried again for; any other refusal is a fault. */
    private static final List<String> RETRIED = List.of(PostgresUserRepository.PARTNER_CODE_KEY,
            PostgresUserRepository.PHONE_POLICY_KEY, PostgresUserRepository.EXTERNAL_USER_ID_KEY);

    /**
     * How long one chunk's statements (its locks, its probes, its COPY) may run, and wait for a
     * lock, before PostgreSQL cancels them. The pool's limits (two seconds, for statements that
     * take milliseconds) are sized for single requests; a chunk of up to 1,000 rows on a busy
     * server may take seconds, and an import must not die of a request's deadline. Ten seconds
     * is far beyond any chunk measured (tens of milliseconds at the benchmark's pace), yet a chunk
     * stuck on a broken server or behind a lock never released fails, as 503, within it; and
     * within a stop's grace (20 s), so a stop that finds a chunk stuck still answers the import's
     * last line rather than cutting it off. Set per chunk transaction with {@code SET LOCAL} (and
     * the driver's network timeout for the chunk), so the connection goes back to the pool with
     * the pool's limits.
     */
    static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(10);
    /** As the pool does: the driver gives up a second after the server would have cancelled. */
    static final Duration CHUNK_SOCKET_TIMEOUT = CHUNK_TIMEOUT.plusSeconds(1);
    private static final String CHUNK_DEADLINES = "SET LOCAL statement_timeout = " + CHUNK_TIMEOUT.toMillis()
            + "; SET LOCAL lock_timeout = " + CHUNK_TIMEOUT.toMillis();

    private final DataSource dataSource;

    PostgresUserImport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public ImportSession open(ContributorId contributor, boolean dryRun) {
        return StoreFailures.guard(() -> {
            Connection connection = dataSource.getConnection();
            try {
                if (dryRun) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("DROP TABLE IF EXISTS " + DRY);
                        statement.execute(CREATE_DRY);
                    }
                }
                return new Session(connection, contributor, dryRun);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        });
    }

    /**
     * The stored holders of a chunk's claimed keys, by row (numbered from 1 in chunk order), one
     * column per kind of key in {@link IdentityClaims#kind} order: at most one per kind, the lowest
     * id when several hold it, as single creates report; only rows with a holder come back. A key
     * not claimed is NULL and matches nobody. The inner SELECTs
     * are fenced with OFFSET 0 so that "lowest id" is not planned as a walk of the primary key in
     * id order; each is one equality probe of its index. (The outer OFFSET 0 keeps the filter on
     * the probes' results from running the probes a second time.)
     */
    private static String holdersQuery(String users) {
        String held = " u WHERE u.contributor_id = c.contributor AND ";
        return "SELECT * FROM (SELECT r.ord,\n"
                + " (SELECT h.id FROM (SELECT u.id FROM " + users + held
                + "u.phone = r.phone OFFSET 0) h ORDER BY h.id LIMIT 1) AS phone,\n"
                + " (SELECT h.id FROM (SELECT u.id FROM " + users + held
                + "u.email_normalized = r.email OFFSET 0) h ORDER BY h.id LIMIT 1) AS email,\n"
                + " (SELECT h.id FROM (SELECT u.id FROM " + users + held
                + "u.phone = r.policy_phone AND u.policy_number = r.policy OFFSET 0) h ORDER BY h.id LIMIT 1) AS policy,\n"
                + " (SELECT u.id FROM " + users + held + "u.external_user_id = r.external LIMIT 1) AS external\n"
                + " FROM (SELECT CAST(? AS text) AS contributor) c,"
                + " unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))"
                + " WITH ORDINALITY AS r(phone, email, policy_phone, policy, external, ord) OFFSET 0) found\n"
                + "WHERE phone IS NOT NULL OR email IS NOT NULL OR policy IS NOT NULL OR external IS NOT NULL";
    }

    /** Locks and the holders query: two statements, one round trip, in this order. */
    private static final String LOCKED_HOLDERS = LOCK + ";\n" + holdersQuery("users");
    /** A dry run takes no locks, and checks the stored users and those it would have created. */
    private static final String HOLDERS_DRY = holdersQuery("(SELECT " + IDENTITY_COLUMNS + " FROM users UNION ALL SELECT "
            + IDENTITY_COLUMNS + " FROM " + DRY + ")");

    /** A row whose keys no stored user holds: no holder of any kind (indexed by kind, 1 to 4). */
    private static final UUID[] NO_HOLDERS = new UUID[5];

    /**
     * A chunk ready to write: its rows encoded, its lock keys ({@code null} for a dry run, which
     * takes none) and its claimed keys gathered, before the transaction that needs them.
     */
    private record Prepared(List<ImportCandidate> users, byte[][] rows, long[] lockKeys, String[][] claimed)
            implements ImportSession.Chunk {
    }

    /** COPY data goes to the server in messages of up to this size, a chunk's winners in a few. */
    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    private static final class Session implements ImportSession {
        private final Connection connection;
        private final ContributorId contributor;
        private final boolean dryRun;

        Session(Connection connection, ContributorId contributor, boolean dryRun) {
            this.connection = connection;
            this.contributor = contributor;
            this.dryRun = dryRun;
        }

        /** Encodes the rows and gathers their lock keys and claimed keys: the chunk's work outside the database. */
        @Override
        public Chunk prepare(List<ImportCandidate> candidates) {
            for (ImportCandidate candidate : candidates) {
                if (!candidate.user().contributor().equals(contributor)) {
                    throw new IllegalArgumentException("an import writes only its own partner's users");
                }
            }
            return new Prepared(List.copyOf(candidates), encoded(candidates, new String[candidates.size()]),
                    dryRun ? null : lockKeys(candidates), claimedKeys(candidates));
        }

        @Override
        public ChunkOutcome write(Chunk chunk, PartnerCodeGenerator partnerCodes) {
            Prepared prepared = (Prepared) chunk;
            return StoreFailures.guard(() -> {
                byte[][] rows = prepared.rows();
                for (int attempt = 1; ; attempt++) {
                    byte[][] copied = rows;
                    try {
                        return inTransaction(() -> writeInTransaction(prepared, copied));
                    } catch (SQLException e) {
                        String constraint = StoreFailures.violatedUniqueConstraint(e)
                                .filter(RETRIED::contains).orElseThrow(() -> e);
                        if (attempt == ATTEMPTS) {
                            // No SQL cause: the message is what the log shows.
                            throw new IllegalStateException("an import chunk kept clashing with " + constraint
                                    + "; gave up after " + ATTEMPTS + " attempts");
                        }
                        if (PostgresUserRepository.PARTNER_CODE_KEY.equals(constraint)) {
                            String[] drawn = new String[rows.length];
                            for (int ord = 0; ord < drawn.length; ord++) {
                                drawn[ord] = partnerCodes.next().value();
                            }
                            rows = encoded(prepared.users(), drawn);
                        }
                        // Otherwise a row the locks did not keep out (a writer that takes none)
                        // holds one of the keys the chunk claims: settled again, the probes see it.
                    }
                }
            });
        }

        /**
         * Each row in COPY's text format, UTF-8 encoded: every column, or a dry run's identity
         * columns; with the partner code drawn for it instead of its own where there is one.
         */
        private byte[][] encoded(List<ImportCandidate> candidates, String[] partnerCodesDrawn) {
            byte[][] rows = new byte[candidates.size()][];
            for (int ord = 0; ord < rows.length; ord++) {
                CopyText row = new CopyText();
                for (UserColumn column : dryRun ? IDENTITY : UserColumn.ALL) {
                    row.value(column == UserColumn.PARTNER_CODE && partnerCodesDrawn[ord] != null
                            ? partnerCodesDrawn[ord] : column.of(candidates.get(ord).user()));
                }
                rows[ord] = row.endRow().text().getBytes(StandardCharsets.UTF_8);
            }
            return rows;
        }

        private <T> T inTransaction(StoreFailures.Work<T> work) throws SQLException {
            int poolNetworkTimeout = connection.getNetworkTimeout();
            return Queries.inTransaction(connection, () -> {
                // The executor is unused by pgjdbc; the pool restores its own timeout on return as well.
                connection.setNetworkTimeout(Runnable::run, (int) CHUNK_SOCKET_TIMEOUT.toMillis());
                try (Statement deadlines = connection.createStatement()) {
                    deadlines.execute(CHUNK_DEADLINES);
                }
                return work.run();
            }, () -> connection.setNetworkTimeout(Runnable::run, poolNetworkTimeout));
        }

        /**
         * Settles every row, in file order, against the stored holders of its keys and the
         * earlier rows of the chunk that go in, and copies the winners.
         */
        private ChunkOutcome writeInTransaction(Prepared chunk, byte[][] rows) throws SQLException {
            List<ImportCandidate> candidates = chunk.users();
            UUID[][] stored = lockAndFindHolders(chunk);
            ChunkOutcome.RowOutcome[] outcomes = new ChunkOutcome.RowOutcome[candidates.size()];
            ByteArrayOutputStream winners = new ByteArrayOutputStream(COPY_BUFFER_BYTES);
            InFileHolders inFile = new InFileHolders();
            for (int ord = 0; ord < candidates.size(); ord++) {
                ImportCandidate candidate = candidates.get(ord);
                ChunkOutcome.Taken taken = firstTaken(candidate, stored[ord] != null ? stored[ord] : NO_HOLDERS, inFile);
                if (taken != null) {
                    outcomes[ord] = taken;
                    continue;
                }
                inFile.claim(candidate.user());
                outcomes[ord] = new ChunkOutcome.Inserted(candidate.user().id());
                winners.write(rows[ord], 0, rows[ord].length);
            }
            if (winners.size() > 0) {
                copy(dryRun ? COPY_DRY : COPY, winners);
            }
            return new ChunkOutcome.Written(List.of(outcomes));
        }

        /**
         * The chunk's locks (none for a dry run), then the stored holders of its rows' keys: by row
         * (null where a row's keys have none), and by {@link IdentityClaims#kind} (the query's
         * columns are in that order).
         */
        private UUID[][] lockAndFindHolders(Prepared chunk) throws SQLException {
            UUID[][] holders = new UUID[chunk.users().size()][];
            try (PreparedStatement statement = connection.prepareStatement(dryRun ? HOLDERS_DRY : LOCKED_HOLDERS)) {
                int parameter = 1;
                if (!dryRun) {
                    parameter = IdentityLocks.bind(statement, parameter, contributor, chunk.lockKeys());
                }
                statement.setString(parameter++, contributor.value());
                for (String[] claimed : chunk.claimed()) {
                    statement.setArray(parameter++, connection.createArrayOf("text", claimed));
                }
                statement.execute();
                if (!dryRun) {
                    // Past the locks' result, to the holders'.
                    statement.getMoreResults();
                }
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        UUID[] byKind = new UUID[NO_HOLDERS.length];
                        for (int kind = 1; kind < byKind.length; kind++) {
                            byKind[kind] = rows.getObject(1 + kind, UUID.class);
                        }
                        holders[(int) rows.getLong(1) - 1] = byKind;
                    }
                }
            }
            return holders;
        }

        /** The advisory lock keys of every row, distinct and ascending: the order every writer takes them in. */
        private static long[] lockKeys(List<ImportCandidate> candidates) {
            return candidates.stream()
                    .flatMapToLong(candidate -> LongStream.of(IdentityLocks.forWrite(candidate.user(), candidate.keys())))
                    .sorted().distinct().toArray();
        }

        private void copy(String sql, ByteArrayOutputStream rows) throws SQLException {
            try {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn(sql, new ByteArrayInputStream(rows.toByteArray()), COPY_BUFFER_BYTES);
            } catch (java.io.IOException e) {
                throw new SQLException("COPY of an import chunk failed", "08006", e);
            }
        }

        @Override
        public void close() {
            StoreFailures.guard(() -> {
                try (Connection closing = connection) {
                    if (dryRun) {
                        try (Statement statement = closing.createStatement()) {
                            // The pool hands the connection on: leave no session tables behind.
                            statement.execute("DROP TABLE IF EXISTS " + DRY);
                        }
                    }
                }
                return null;
            });
        }
    }

    /**
     * Each row's claimed keys, as the holders query's five arrays (phone, email, phone and policy
     * number of the policy key, externalUserId), {@code null} where the row does not claim the key.
     * The query probes the row's own values, so a claim must name them: the keys a create claims
     * always do.
     */
    private static String[][] claimedKeys(List<ImportCandidate> candidates) {
        String[][] claimed = new String[5][candidates.size()];
        for (int ord = 0; ord < candidates.size(); ord++) {
            ImportCandidate candidate = candidates.get(ord);
            for (IdentityKey key : candidate.keys()) {
                if (!key.heldBy(candidate.user())) {
                    throw new IllegalArgumentException("an import claims only the identity of its own row");
                }
                List<String> values = IdentityClaims.values(key);
                for (int i = 0; i < values.size(); i++) {
                    claimed[FIRST_ARRAY[IdentityClaims.kind(key)] + i][ord] = values.get(i);
                }
            }
        }
        return claimed;
    }

    /** Where each kind of key ({@link IdentityClaims#kind}) puts its values among the five arrays. */
    private static final int[] FIRST_ARRAY = {-1, 0, 1, 2, 4};

    /**
     * The first of the candidate's keys, in order, held by a stored user or an earlier row of the
     * chunk, and a later one held by someone else, if any.
     */
    private static ChunkOutcome.Taken firstTaken(ImportCandidate candidate, UUID[] stored, InFileHolders inFile) {
        return ChunkOutcome.Taken.of(candidate.keys(), key -> {
            UUID holder = stored[IdentityClaims.kind(key)];
            return holder != null ? new UserId(holder) : inFile.holder(key);
        });
    }

    /** The rows of a chunk that go in, by the identities they hold: the first holder of each. */
    private static final class InFileHolders {
        private record Held(int kind, List<String> values) {
            Held(IdentityKey key) {
                this(IdentityClaims.kind(key), IdentityClaims.values(key));
            }
        }

        private final Map<Held, UserId> holders = new HashMap<>();

        /** Records {@code user} as the holder of each of its identities nobody holds yet. */
        void claim(User user) {
            IdentityKey.heldKeys(user).forEach(key -> holders.putIfAbsent(new Held(key), user.id()));
        }

        UserId holder(IdentityKey key) {
            return holders.get(new Held(key));
        }
    }
}
