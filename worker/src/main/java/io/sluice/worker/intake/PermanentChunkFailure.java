package io.sluice.worker.intake;

import java.sql.SQLException;

import io.sluice.common.chunk.PhotoChunk;

/**
 * A chunk can never be written for its own data: the database rejects it with a data
 * error ({@link io.sluice.common.db.DatabaseFailure#DATA}) that bisection could not pin
 * on any of its photos (say a value of the chunk itself, such as its index, breaks a rule
 * of the chunk ledger). Only such a chunk goes to the dead-letter topic; a database that
 * is unwell or a schema that is wrong pauses intake instead. The message names the job,
 * the chunk and the SQLState.
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
