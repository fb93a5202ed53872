package dev.enroll.adapter.persistence.postgres;

import com.zaxxer.hikari.pool.HikariPool;
import dev.enroll.application.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns what PostgreSQL, JDBC and HikariCP throw into what the application understands:
 * {@link StoreUnavailableException} when the server cannot be reached or is overloaded, and an
 * {@link IllegalStateException} naming only the SQLState otherwise. No raw SQL exception
 * leaves the adapter, and no message carries statement parameters (personal data).
 */
final class StoreFailures {

    static final String UNIQUE_VIOLATION = "23505";
    static final String DEADLOCK_DETECTED = "40P01";
    static final String INVALID_CATALOG_NAME = "3D000";
    static final String DUPLICATE_DATABASE = "42P04";
    static final String LOCK_NOT_AVAILABLE = "55P03";
    static final String IDLE_IN_TRANSACTION_TIMEOUT = "25P03";

    /** Work against the store that may fail the JDBC way. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private StoreFailures() {
    }

    /** Runs {@code work}, translating whatever it throws. */
    static <T> T guard(Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw translate((Throwable) e);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * What to throw instead of {@code failure}: HikariCP and JDBC failures are translated;
     * exceptions the adapter raised itself, and the domain's, pass unchanged.
     */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof StoreUnavailableException) {
            return failure;
        }
        boolean foreign = failure instanceof HikariPool.PoolInitializationException
                || sqlCause(failure).isPresent();
        return foreign ? translate((Throwable) failure) : failure;
    }

    /** What to throw instead of a checked JDBC failure. */
    static RuntimeException translate(Throwable failure) {
        Optional<SQLException> sql = sqlCause(failure);
        Throwable cause = sql.<Throwable>map(e -> e).orElse(failure);
        String state = sql.map(SQLException::getSQLState).map(code -> " (SQLState " + code + ")").orElse("");
        if (isUnavailable(failure)) {
            return new StoreUnavailableException("PostgreSQL cannot be reached or is overloaded" + state, cause);
        }
        return new IllegalStateException("PostgreSQL store failed" + state, cause);
    }

    /**
     * Whether the failure means "try again later": no connection could be had (refused, pool
     * timeout, server starting or shutting down, too many connections, the login refused: no
     * such role, a wrong password), it broke or stopped
     * answering, the server cancelled the statement (statement timeout) or gave up waiting for a
     * lock (lock timeout, a locked table), it ended an idle transaction, or ran out of resources.
     */
    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("28") || state.startsWith("53") || state.startsWith("57P")
                        || state.equals("57014") || state.equals(LOCK_NOT_AVAILABLE)
                        || state.equals(IDLE_IN_TRANSACTION_TIMEOUT)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The unique constraint (or index) a failure violated, if it is a unique violation. */
    static Optional<String> violatedUniqueConstraint(Throwable failure) {
        return sqlCause(failure)
                .filter(e -> UNIQUE_VIOLATION.equals(e.getSQLState()))
                .filter(PSQLException.class::isInstance)
                .map(e -> ((PSQLException) e).getServerErrorMessage())
                .map(ServerErrorMessage::getConstraint);
    }

    static boolean hasState(Throwable failure, String state) {
        return sqlCause(failure).map(SQLException::getSQLState).filter(state::equals).isPresent();
    }

    /** The SQLException closest to the root that carries a SQLState, else the first one found. */
    static Optional<SQLException> sqlCause(Throwable failure) {
        SQLException found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                if (found == null || sql.getSQLState() != null) {
                    found = sql;
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
