package io.sluice.worker.intake;

import io.sluice.common.chunk.PhotoChunk;

/**
 * A chunk's retry budget ran out on transient database failures: the database is
 * unavailable. The record must be redelivered later, never dead-lettered, and its job
 * must not fail: the listener hands it to the error handler, which redelivers it.
 */
class TransientChunkFailure extends RuntimeException {

	TransientChunkFailure(PhotoChunk chunk, Throwable cause) {
		super("Chunk " + chunk.chunkIndex() + " of job " + chunk.jobId()
				+ " could not be written, the database is unavailable: " + cause, cause);
	}

}
