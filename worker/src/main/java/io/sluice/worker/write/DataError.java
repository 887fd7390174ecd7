package io.sluice.worker.write;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The database refused some of the values offered, for good: SQLState class {@code 22}
 * (data exception, such as {@code 22021}, a caption holding U+0000) or class {@code 23}
 * (integrity constraint) other than {@code 23505}, the unique violation that means a
 * photo is already in its album and that the insert skips. Only these are worth bisecting
 * a chunk for: they belong to some of its photos, not to the chunk, the job or the
 * database.
 *
 * @param sqlState the driver's SQLState
 * @param message the driver's message
 */
record DataError(String sqlState, String message) {

	private static final String UNIQUE_VIOLATION = "23505";

	/**
	 * The data error behind a failure, if that is what it is.
	 * @param failure any exception from the database
	 * @return the first SQL exception in the cause chain, if its SQLState is a data
	 * error; empty otherwise
	 */
	static Optional<DataError> of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql) {
				return isDataError(sql.getSQLState()) ? Optional.of(new DataError(sql.getSQLState(), sql.getMessage()))
						: Optional.empty();
			}
		}
		return Optional.empty();
	}

	static boolean isDataError(String sqlState) {
		return sqlState != null
				&& (sqlState.startsWith("22") || (sqlState.startsWith("23") && !sqlState.equals(UNIQUE_VIOLATION)));
	}

	/** For people and machines: the SQLState, then the driver's message. */
	String reason() {
		return "SQLState " + this.sqlState + ": " + this.message;
	}

}
