package io.sluice.common.db;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import org.springframework.transaction.TransactionSystemException;

/**
 * What a database failure means for the chunk that met it, decided by the driver's
 * SQLState through {@link SqlStateTable} rather than by Spring's exception hierarchy
 * (which calls a lost connection non-transient).
 *
 * <p>
 * Only {@link #DATA} is the chunk's own fault. {@link #TRANSIENT} and
 * {@link #PROGRAMMING} are the database's or Sluice's: the same chunk will be written
 * once they are over, so neither may ever send a chunk to the dead-letter topic.
 */
public enum DatabaseFailure {

	/**
	 * The database is unwell or busy (a lost connection, a full disk, a failover, a
	 * cancelled statement, a lock timeout): retry, then pause intake until a write
	 * succeeds. Costs time, never data.
	 */
	TRANSIENT,

	/**
	 * The database rejects some of the values offered (class {@code 22}, class {@code 23}
	 * but {@code 23505}): only this belongs to the chunk. Bisect it to the photos at
	 * fault and record them failed.
	 */
	DATA,

	/**
	 * The schema or Sluice is wrong (a missing column, a revoked privilege, a bug): no
	 * retry helps until someone fixes it, and no chunk is to blame. Pause intake, say so
	 * loudly, and resume once a write succeeds again.
	 */
	PROGRAMMING;

	/**
	 * Classifies a failure by walking its cause chain to the driver's exceptions.
	 *
	 * <p>
	 * A failed rollback is classified by the failure that caused it. Otherwise the
	 * failure is transient if anything in the chain is: a transient SQLState (chained
	 * {@link SQLException#getNextException() next exceptions} included), an SQL exception
	 * with no SQLState, an I/O or socket failure, or a pool timeout. If nothing is, the
	 * first SQLState decides between {@link #DATA} and {@link #PROGRAMMING}; a failure
	 * with no SQL exception at all is {@link #PROGRAMMING}: it is a bug, not the
	 * database.
	 * @param failure any exception thrown while talking to the database
	 * @return what the failure means
	 */
	public static DatabaseFailure classify(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
				// a rollback that failed (on a connection already closed, with no
				// SQLState) after the failure that caused it: that failure is what
				// happened (ADR 0005)
				return classify(rollback.getApplicationException());
			}
		}
		if (isTransient(failure)) {
			return TRANSIENT;
		}
		return sqlState(failure).map(SqlStateTable::classify).orElse(PROGRAMMING);
	}

	/**
	 * The SQLState of the first SQL exception in a failure's cause chain that has one.
	 * @param failure any exception
	 * @return its SQLState, or empty if no SQL exception in the chain carries one
	 */
	public static Optional<String> sqlState(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return Optional.of(sql.getSQLState());
			}
		}
		return Optional.empty();
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

	private static boolean isTransient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof IOException) {
				return true;
			}
			if (cause instanceof SQLException sql) {
				for (SQLException each = sql; each != null; each = each.getNextException()) {
					if (each.getSQLState() == null || SqlStateTable.classify(each.getSQLState()) == TRANSIENT) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static Throwable next(Throwable cause) {
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

}
