package io.sluice.worker.intake;

import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.db.DatabaseFailure;

/**
 * A chunk could not be written, and not for its own data: the database stayed unavailable
 * for the whole retry budget ({@link DatabaseFailure#TRANSIENT}), or it refuses the write
 * because the schema or Sluice is wrong ({@link DatabaseFailure#PROGRAMMING}). The record
 * must be redelivered once intake resumes, never dead-lettered, and its job must not
 * fail: the listener pauses intake and hands it to the error handler, which redelivers
 * it.
 */
class DeferredChunkFailure extends RuntimeException {

	DeferredChunkFailure(PhotoChunk chunk, DatabaseFailure kind, Throwable cause) {
		super("Chunk " + chunk.chunkIndex() + " of job " + chunk.jobId() + " could not be written, "
				+ ((kind == DatabaseFailure.PROGRAMMING) ? "the schema or Sluice is wrong"
						: "the database cannot take writes")
				+ ", and waits for it: " + cause, cause);
	}

}
