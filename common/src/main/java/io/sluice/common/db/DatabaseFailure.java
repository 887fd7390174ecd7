package io.sluice.common.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a database failure is worth retrying, decided by the driver's SQLState rather
 * than by Spring's exception hierarchy (which calls a lost connection non-transient).
 *
 * <p>
 * Transient: class {@code 08} (connection exceptions), {@code 53300} (too many
 * connections), {@code 57P01}-{@code 57P03} (shutdown, cannot connect now), {@code 40001}
 * (serialization), {@code 40P01} (deadlock), {@code 55P03} (lock not available), and a
 * connection-pool timeout, and a failed rollback whose cause was transient. Everything
 * else is permanent: retrying the same statement gives the same answer.
 */
public enum DatabaseFailure {

	/** Retrying later may succeed: costs time, never data. */
	TRANSIENT,
	/** Retrying gives the same answer: record the failure and move on. */
	PERMANENT;

	private static final Set<String> TRANSIENT_STATES = Set.of("53300", "57P01", "57P02", "57P03", "40001", "40P01",
			"55P03");

	/**
	 * Classifies a failure by walking its cause chain to the driver's exceptions.
	 * @param failure any exception thrown while talking to the database
	 * @return {@link #TRANSIENT} if any SQL exception in the chain is transient
	 */
	public static DatabaseFailure classify(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLTransientConnectionException) {
				return TRANSIENT;
			}
			if (cause instanceof SQLException sql) {
				for (SQLException next = sql; next != null; next = next.getNextException()) {
					if (isTransient(next.getSQLState())) {
						return TRANSIENT;
					}
				}
			}
			if (cause instanceof java.net.SocketException || cause instanceof java.net.SocketTimeoutException) {
				return TRANSIENT;
			}
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
					&& classify(rollback.getApplicationException()) == TRANSIENT) {
				// a rollback that failed on a connection already closed (no SQLState)
				// after
				// the failure that caused it: that failure is what happened (ADR 0005)
				return TRANSIENT;
			}
		}
		return PERMANENT;
	}

	/**
	 * Names a failure for a log line: the failure itself and, when it wraps others, its
	 * root cause, which is where the database's own words are (for example
	 * {@code FATAL: sorry, too many clients already} under a pool timeout).
	 * @param failure any exception thrown while talking to the database
	 * @return a one-line description
	 */
	public static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root == failure) ? failure.toString() : failure + "; root cause: " + root;
	}

	/**
	 * Whether one SQLState is transient.
	 * @param sqlState a five-character SQLState, or {@code null}
	 * @return {@code true} for connection, resource and concurrency states worth retrying
	 */
	public static boolean isTransient(String sqlState) {
		if (sqlState == null) {
			return false;
		}
		return sqlState.startsWith("08") || TRANSIENT_STATES.contains(sqlState);
	}

}
