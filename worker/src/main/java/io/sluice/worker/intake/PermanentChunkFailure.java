package io.sluice.worker.intake;

import java.sql.SQLException;

import io.sluice.common.chunk.PhotoChunk;

/**
 * A chunk can never be written: the database rejects it for a reason retrying cannot
 * change and that is not about one photo's data (for example {@code 42P01}, a missing
 * table; data errors are bisected by the writer). The message names the job, the chunk
 * and the SQLState.
 */
class PermanentChunkFailure extends RuntimeException {

	PermanentChunkFailure(PhotoChunk chunk, Throwable cause) {
		super("Chunk " + chunk.chunkIndex() + " of job " + chunk.jobId() + " cannot be written: " + describe(cause),
				cause);
	}

	/**
	 * The driver's own words where there are some: Spring's wrappers repeat the whole SQL
	 * statement.
	 */
	static String describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql) {
				return "SQLState " + sql.getSQLState() + ": " + sql.getMessage();
			}
		}
		return failure.toString();
	}

}
