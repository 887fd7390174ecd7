package io.sluice.worker.write;

import java.sql.SQLException;
import java.util.Optional;

import io.sluice.common.db.DatabaseFailure;

/**
 * The database refused some of the values offered, for good: SQLState class {@code 22}
 * (data exception, such as {@code 22021}, a caption holding U+0000) or class {@code 23}
 * (integrity constraint) other than {@code 23505}, the unique violation that means a
 * photo is already in its album and that the insert skips. Only these are worth bisecting
 * a chunk for: they belong to some of its photos, not to the chunk, the job or the
 * database. What counts as one is {@link DatabaseFailure#DATA}, decided by the one table
 * of SQLStates ({@link io.sluice.common.db.SqlStateTable}).
 *
 * @param sqlState the driver's SQLState
 * @param message the driver's message
 */
record DataError(String sqlState, String message) {

	/**
	 * The data error behind a failure, if that is what it is.
	 * @param failure any exception from the database
	 * @return the SQLState and message of the first SQL exception in the cause chain, if
	 * the failure is a data error; empty otherwise
	 */
	static Optional<DataError> of(Throwable failure) {
		if (DatabaseFailure.classify(failure) != DatabaseFailure.DATA) {
			return Optional.empty();
		}
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return Optional.of(new DataError(sql.getSQLState(), sql.getMessage()));
			}
		}
		return Optional.empty();
	}

	/** For people and machines: the SQLState, then the driver's message. */
	String reason() {
		return "SQLState " + this.sqlState + ": " + this.message;
	}

}
