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
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Imports in PostgreSQL, a chunk per transaction on one connection held for the import, in three
 * round trips when no row of the chunk meets an identity already taken:
 * <ol>
 *   <li>{@code COPY} of the chunk into a temporary staging table;</li>
 *   <li>one statement batch: the advisory locks of every row,
 *       the keys single creates take ({@link IdentityLocks}), sorted ascending in one statement, so
 *       imports and single creates on any instance queue on the same locks and never in a cycle;
 *       then one {@code INSERT ... SELECT} of every row that is the first of the chunk with its
 *       phone, email and externalUserId (marked so when staged: {@link InFileHolders}) and whose
 *       claimed keys no stored user holds. It takes its snapshot after the locks were granted, so
 *       it sees every row their earlier holders committed;</li>
 *   <li>commit.</li>
 * </ol>
 * The rows left out (a key held, shared with an earlier row of the chunk, or a partner code
 * taken) are then settled one after the other, in file order: one query finds the stored holders
 * of their keys (the rows just inserted among them), the earlier of them that go in hold their
 * keys for the later ones, and the winners go in with a second {@code INSERT ... SELECT}. Earlier
 * chunks are committed already, so the whole file is settled in order.
 *
 * <p>The store decides identity only: whether the partner may import was decided when its request
 * was let in. The columns staged and inserted are the users table's, as {@link UserColumn} declares
 * them.
 *
 * <p>A chunk runs under its own deadlines ({@link #CHUNK_TIMEOUT}), not the pool's
 * request-sized ones (docs/persistence.md, "Deadlines").
 *
 * <p>A dry run takes no locks (it writes nothing a race could duplicate) and inserts its winners
 * into a second temporary table, which it checks along with {@code users}.
 */
final class PostgresUserImport implements UserImportStore {

    private static final String STAGING = "pg_temp.enroll_import_rows";
    private static final String DRY = "pg_temp.enroll_import_dry";
    private static final String IDENTITY_COLUMNS = "id, contributor_id, phone, email_normalized, policy_number, external_user_id";
    /**
     * The users table's columns without its constraints (CREATE TABLE AS copies none): columns the
     * database fills in itself, such as the change number its trigger stamps, stay empty here.
     */
    private static final String CREATE_STAGING = "CREATE TEMP TABLE IF NOT EXISTS enroll_import_rows"
            + " ON COMMIT DELETE ROWS AS SELECT 0 AS ord, false AS first_in_chunk, false AS claims_phone,"
            + " false AS claims_email, false AS claims_policy, false AS claims_external, users.* FROM users WITH NO DATA";
    private static final String CREATE_DRY = "CREATE TEMP TABLE enroll_import_dry AS SELECT " + IDENTITY_COLUMNS
            + " FROM users WITH NO DATA; CREATE INDEX ON " + DRY + " (phone); CREATE INDEX ON " + DRY
            + " (email_normalized); CREATE INDEX ON " + DRY + " (external_user_id)";
    private static final String COPY = "COPY " + STAGING + " (ord, first_in_chunk, claims_phone, claims_email, claims_policy, claims_external, "
            + UserColumn.LIST + ") FROM STDIN";
    private static final String LOCK = "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(CAST(? AS bigint[])) AS k";
    private static final String INSERT = "INSERT INTO users (" + UserColumn.LIST + ") SELECT " + UserColumn.LIST
            + " FROM " + STAGING + " WHERE ord = ANY(?) ORDER BY ord"
            + " ON CONFLICT ON CONSTRAINT " + PostgresUserRepository.PARTNER_CODE_KEY + " DO NOTHING RETURNING id";
    private static final String INSERT_DRY = "INSERT INTO " + DRY + " (" + IDENTITY_COLUMNS + ") SELECT "
            + IDENTITY_COLUMNS + " FROM " + STAGING + " WHERE ord = ANY(?)";
    private static final String NEW_PARTNER_CODE = "UPDATE " + STAGING + " SET partner_code = ? WHERE ord = ?";
    /** Partner codes are 40 random bits; three clashes in a row would mean a broken generator. */
    private static final int PARTNER_CODE_ATTEMPTS = 3;

    /**
     * How long one chunk's statements (its COPY, its locks, its merge) may run, and wait for a
     * lock, before PostgreSQL cancels them. The pool's limits (two seconds, for statements that
     * take milliseconds) are sized for single requests; a chunk of up to 1,000 rows on a busy
     * server may take seconds, and an import must not die of a request's deadline. A minute is
     * far beyond any chunk measured (tens of milliseconds at the benchmark's pace), yet a chunk
     * stuck on a broken server or behind a lock never released still fails, as 503, within it.
     * Set per chunk transaction with {@code SET LOCAL} (and the driver's network timeout for the
     * chunk), so the connection goes back to the pool with the pool's limits.
     */
    static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(60);
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
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_STAGING);
                if (dryRun) {
                    statement.execute("DROP TABLE IF EXISTS " + DRY);
                    statement.execute(CREATE_DRY);
                }
                return new Session(connection, dryRun);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        });
    }

    /**
     * The stored holders of a chunk's claimed keys, per row: at most one per kind of key, the
     * lowest id when several hold it, as single creates report. The inner SELECTs are fenced
     * with OFFSET 0 so that "lowest id" is not planned as a walk of the primary key in id order.
     */
    private static String holdersQuery(String users) {
        return "SELECT s.ord,\n"
                + " CASE WHEN s.claims_phone THEN (SELECT h.id FROM (SELECT u.id FROM " + users
                + " u WHERE u.contributor_id = s.contributor_id AND u.phone = s.phone OFFSET 0) h ORDER BY h.id LIMIT 1) END,\n"
                + " CASE WHEN s.claims_email THEN (SELECT h.id FROM (SELECT u.id FROM " + users
                + " u WHERE u.contributor_id = s.contributor_id AND u.email_normalized = s.email_normalized OFFSET 0) h ORDER BY h.id LIMIT 1) END,\n"
                + " CASE WHEN s.claims_policy THEN (SELECT h.id FROM (SELECT u.id FROM " + users
                + " u WHERE u.contributor_id = s.contributor_id AND u.phone = s.phone"
                + " AND u.policy_number = s.policy_number OFFSET 0) h ORDER BY h.id LIMIT 1) END,\n"
                + " CASE WHEN s.claims_external THEN (SELECT u.id FROM " + users
                + " u WHERE u.contributor_id = s.contributor_id AND u.external_user_id = s.external_user_id LIMIT 1) END\n"
                + "FROM " + STAGING + " s WHERE s.ord = ANY(?)";
    }

    private static final String HOLDERS = holdersQuery("users");
    /** What a dry run checks against: the stored users and those it would have created. */
    private static final String HOLDER_SOURCE_DRY = "(SELECT " + IDENTITY_COLUMNS + " FROM users UNION ALL SELECT "
            + IDENTITY_COLUMNS + " FROM " + DRY + ")";
    private static final String HOLDERS_DRY = holdersQuery(HOLDER_SOURCE_DRY);

    /**
     * Inserts the rows that are the first of the chunk with their identities and whose claimed keys
     * no stored user holds, and answers their ids. Each check is one equality probe of its index,
     * written as a scalar subquery rather than NOT EXISTS: PostgreSQL may plan a correlated NOT
     * EXISTS as one hashed scan of the contributor's users, which a plan made while the table was
     * small keeps doing per chunk as it grows (a 1,000,000-row import slowed down chunk after chunk).
     */
    private static String clearRows(String target, String columns, String users, String onConflict) {
        String held = " u WHERE u.contributor_id = s.contributor_id AND ";
        return "INSERT INTO " + target + " (" + columns + ") SELECT " + columns + " FROM " + STAGING + " s"
                + " WHERE s.first_in_chunk"
                + " AND CASE WHEN s.claims_phone THEN (SELECT 1 FROM " + users + held
                + "u.phone = s.phone LIMIT 1) IS NULL ELSE true END"
                + " AND CASE WHEN s.claims_email THEN (SELECT 1 FROM " + users + held
                + "u.email_normalized = s.email_normalized LIMIT 1) IS NULL ELSE true END"
                + " AND CASE WHEN s.claims_policy THEN (SELECT 1 FROM " + users + held
                + "u.phone = s.phone AND u.policy_number = s.policy_number LIMIT 1) IS NULL ELSE true END"
                + " AND CASE WHEN s.claims_external THEN (SELECT 1 FROM " + users + held
                + "u.external_user_id = s.external_user_id LIMIT 1) IS NULL ELSE true END"
                + " ORDER BY s.ord" + onConflict + " RETURNING id";
    }

    /** Locks and the clear rows' insert: two statements, one round trip, in this order. */
    private static final String CLEAR = LOCK + ";\n" + clearRows("users", UserColumn.LIST,
            "users", " ON CONFLICT ON CONSTRAINT " + PostgresUserRepository.PARTNER_CODE_KEY + " DO NOTHING");
    /** A dry run takes no locks: it writes nothing a race could duplicate. */
    private static final String CLEAR_DRY = clearRows(DRY, IDENTITY_COLUMNS, HOLDER_SOURCE_DRY, "");

    /** The stored holders of one row's keys, by kind; {@code null} where none or not claimed. */
    private record Holders(UUID phone, UUID email, UUID policy, UUID external) {
        static final Holders NONE = new Holders(null, null, null, null);
    }

    private static final class Session implements ImportSession {
        private final Connection connection;
        private final boolean dryRun;

        Session(Connection connection, boolean dryRun) {
            this.connection = connection;
            this.dryRun = dryRun;
        }

        @Override
        public ChunkOutcome write(List<ImportCandidate> candidates, PartnerCodeGenerator partnerCodes) {
            return StoreFailures.guard(() -> {
                int poolNetworkTimeout = connection.getNetworkTimeout();
                connection.setAutoCommit(false);
                try {
                    // The executor is unused by pgjdbc; the pool restores its own timeout on return as well.
                    connection.setNetworkTimeout(Runnable::run, (int) CHUNK_SOCKET_TIMEOUT.toMillis());
                    try (Statement deadlines = connection.createStatement()) {
                        deadlines.execute(CHUNK_DEADLINES);
                    }
                    ChunkOutcome outcome = writeInTransaction(candidates, partnerCodes);
                    connection.commit();
                    return outcome;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                    connection.setNetworkTimeout(Runnable::run, poolNetworkTimeout);
                }
            });
        }

        private ChunkOutcome writeInTransaction(List<ImportCandidate> candidates, PartnerCodeGenerator partnerCodes)
                throws SQLException {
            copy(candidates);
            Set<UUID> inserted = new HashSet<>();
            insertTheClearRows(candidates, inserted);
            List<Integer> rest = new ArrayList<>();
            for (int ord = 0; ord < candidates.size(); ord++) {
                if (!inserted.contains(candidates.get(ord).user().id().value())) {
                    rest.add(ord);
                }
            }
            ChunkOutcome.RowOutcome[] outcomes = new ChunkOutcome.RowOutcome[candidates.size()];
            for (int ord = 0; ord < candidates.size(); ord++) {
                outcomes[ord] = new ChunkOutcome.Inserted(candidates.get(ord).user().id());
            }
            if (!rest.isEmpty()) {
                settleOneByOne(candidates, rest, outcomes, partnerCodes);
            }
            return new ChunkOutcome.Written(List.of(outcomes));
        }

        /**
         * The common case in one round trip: the chunk's locks, then every row that is the first
         * of the chunk with its phone, email and externalUserId and whose keys no stored user holds goes in.
         */
        private void insertTheClearRows(List<ImportCandidate> candidates, Set<UUID> inserted) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(dryRun ? CLEAR_DRY : CLEAR)) {
                if (!dryRun) {
                    statement.setArray(1, connection.createArrayOf("bigint", lockKeys(candidates)));
                }
                statement.execute();
                if (!dryRun) {
                    // Past the locks' result, to the insert's.
                    statement.getMoreResults();
                }
                try (ResultSet ids = statement.getResultSet()) {
                    while (ids.next()) {
                        inserted.add(ids.getObject(1, UUID.class));
                    }
                }
            }
        }

        /**
         * The rows the common case left out (an identity held, or shared with an earlier row, or a
         * partner code taken), in file order, against the stored users (the rows just inserted
         * among them) and the earlier of these rows that go in.
         */
        private void settleOneByOne(List<ImportCandidate> candidates, List<Integer> rest,
                                    ChunkOutcome.RowOutcome[] outcomes, PartnerCodeGenerator partnerCodes)
                throws SQLException {
            Map<Integer, Holders> stored = holders(rest);
            List<Integer> winners = new ArrayList<>();
            InFileHolders inFile = new InFileHolders();
            for (int ord : rest) {
                ImportCandidate candidate = candidates.get(ord);
                ChunkOutcome.Taken taken = firstTaken(candidate, stored.getOrDefault(ord, Holders.NONE), inFile);
                if (taken != null) {
                    outcomes[ord] = taken;
                } else {
                    inFile.claim(candidate.user());
                    winners.add(ord);
                }
            }
            insert(candidates, winners, partnerCodes);
        }

        /** The advisory lock keys of every row, distinct and ascending: the order every writer takes them in. */
        private static Object[] lockKeys(List<ImportCandidate> candidates) {
            long[] keys = new long[0];
            int count = 0;
            for (ImportCandidate candidate : candidates) {
                long[] own = IdentityLocks.forWrite(candidate.user(), candidate.keys());
                if (count + own.length > keys.length) {
                    keys = Arrays.copyOf(keys, Math.max(keys.length * 2, count + own.length));
                }
                System.arraycopy(own, 0, keys, count, own.length);
                count += own.length;
            }
            return Arrays.stream(keys, 0, count).sorted().distinct().boxed().toArray();
        }

        private void copy(List<ImportCandidate> candidates) throws SQLException {
            CopyText text = new CopyText();
            InFileHolders firsts = new InFileHolders();
            for (int ord = 0; ord < candidates.size(); ord++) {
                ImportCandidate candidate = candidates.get(ord);
                text.value(ord).value(firsts.claim(candidate.user()))
                        .value(claims(candidate, IdentityKey.Phone.class))
                        .value(claims(candidate, IdentityKey.Email.class))
                        .value(claims(candidate, IdentityKey.PhoneAndPolicy.class))
                        .value(claims(candidate, IdentityKey.External.class));
                for (UserColumn column : UserColumn.ALL) {
                    text.value(column.of(candidate.user()));
                }
                text.endRow();
            }
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(text.text()));
            } catch (java.io.IOException e) {
                throw new SQLException("COPY into the staging table failed", "08006", e);
            }
        }

        private Map<Integer, Holders> holders(List<Integer> ords) throws SQLException {
            Map<Integer, Holders> holders = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(dryRun ? HOLDERS_DRY : HOLDERS)) {
                statement.setArray(1, connection.createArrayOf("integer", ords.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Holders found = new Holders(rows.getObject(2, UUID.class), rows.getObject(3, UUID.class),
                                rows.getObject(4, UUID.class), rows.getObject(5, UUID.class));
                        if (!found.equals(Holders.NONE)) {
                            holders.put(rows.getInt(1), found);
                        }
                    }
                }
            }
            return holders;
        }

        /** Inserts the winners; a partner code someone already has is drawn again, and the row tried again. */
        private void insert(List<ImportCandidate> candidates, List<Integer> winners, PartnerCodeGenerator partnerCodes)
                throws SQLException {
            List<Integer> pending = winners;
            for (int attempt = 1; attempt <= PARTNER_CODE_ATTEMPTS && !pending.isEmpty(); attempt++) {
                Set<UUID> inserted = new HashSet<>();
                try (PreparedStatement statement = connection.prepareStatement(dryRun ? INSERT_DRY : INSERT)) {
                    statement.setArray(1, connection.createArrayOf("integer", pending.toArray()));
                    if (dryRun) {
                        statement.executeUpdate();
                        return;
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            inserted.add(rows.getObject(1, UUID.class));
                        }
                    }
                }
                List<Integer> clashed = pending.stream()
                        .filter(ord -> !inserted.contains(candidates.get(ord).user().id().value())).toList();
                if (!clashed.isEmpty()) {
                    redraw(clashed, partnerCodes);
                }
                pending = clashed;
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException("no free partner code after " + PARTNER_CODE_ATTEMPTS + " attempts");
            }
        }

        private void redraw(List<Integer> ords, PartnerCodeGenerator partnerCodes) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(NEW_PARTNER_CODE)) {
                for (int ord : ords) {
                    statement.setString(1, partnerCodes.next().value());
                    statement.setInt(2, ord);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }

        @Override
        public void close() {
            StoreFailures.guard(() -> {
                try (Connection closing = connection; Statement statement = closing.createStatement()) {
                    // The pool hands the connection on: leave no session tables behind.
                    statement.execute("DROP TABLE IF EXISTS " + STAGING + ", " + DRY);
                }
                return null;
            });
        }
    }

    /**
     * The first of the candidate's keys, in order, held by a stored user or an earlier row of the
     * chunk, and a later one held by someone else, if any.
     */
    private static ChunkOutcome.Taken firstTaken(ImportCandidate candidate, Holders stored, InFileHolders inFile) {
        return ChunkOutcome.Taken.of(candidate.keys(), key -> {
            UUID holder = storedHolder(key, stored);
            return holder != null ? new UserId(holder) : inFile.holder(key);
        });
    }

    private static UUID storedHolder(IdentityKey key, Holders stored) {
        if (key instanceof IdentityKey.Phone) {
            return stored.phone();
        }
        if (key instanceof IdentityKey.Email) {
            return stored.email();
        }
        if (key instanceof IdentityKey.External) {
            return stored.external();
        }
        return stored.policy();
    }

    /**
     * Whether the candidate claims a key of this kind. The staging row carries the user's own
     * values, so a claim must name them: the keys a create claims always do.
     */
    private static boolean claims(ImportCandidate candidate, Class<? extends IdentityKey> kind) {
        boolean claimed = false;
        for (IdentityKey key : candidate.keys()) {
            if (kind.isInstance(key)) {
                if (!key.heldBy(candidate.user())) {
                    throw new IllegalArgumentException("an import claims only the identity of its own row");
                }
                claimed = true;
            }
        }
        return claimed;
    }

    /**
     * Rows of a chunk by the identities they hold: the first holder of each. The settle path
     * claims only the rows that win. Staging claims every row, in chunk order, to mark the rows
     * that are the first of the chunk with their phone, email and externalUserId: only those may
     * take the one-statement path, and the others are settled one by one, in file order. (Marked
     * here rather than by window functions over the staging table, whose rows PostgreSQL has no
     * statistics for: it matched them back to the chunk by a nested loop, half a million
     * comparisons a chunk; docs/benchmark.md, "Import beside a raw COPY".)
     */
    private static final class InFileHolders {
        private final Map<String, UserId> phones = new HashMap<>();
        private final Map<String, UserId> emails = new HashMap<>();
        private final Map<List<String>, UserId> policies = new HashMap<>();
        private final Map<String, UserId> externals = new HashMap<>();

        /**
         * Records {@code user} as the holder of each of its identities nobody holds yet; answers
         * whether nobody held its phone, email or externalUserId before (phone + policy follows
         * from the phone). Every identity is recorded, whatever the answer.
         */
        boolean claim(User user) {
            boolean first = phones.putIfAbsent(user.profile().phone().value(), user.id()) == null;
            if (user.profile().email() != null) {
                first &= emails.putIfAbsent(user.profile().email().normalized(), user.id()) == null;
            }
            if (user.policy() != null) {
                policies.putIfAbsent(List.of(user.profile().phone().value(), user.policy().number().value()),
                        user.id());
            }
            if (user.profile().externalUserId() != null) {
                first &= externals.putIfAbsent(user.profile().externalUserId().value(), user.id()) == null;
            }
            return first;
        }

        UserId holder(IdentityKey key) {
            if (key instanceof IdentityKey.Phone phone) {
                return phones.get(phone.phone().value());
            }
            if (key instanceof IdentityKey.Email email) {
                return emails.get(email.email().normalized());
            }
            if (key instanceof IdentityKey.External external) {
                return externals.get(external.externalUserId().value());
            }
            IdentityKey.PhoneAndPolicy pair = (IdentityKey.PhoneAndPolicy) key;
            return policies.get(List.of(pair.phone().value(), pair.policyNumber().value()));
        }
    }
}
