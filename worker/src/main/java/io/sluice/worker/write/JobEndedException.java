package io.sluice.worker.write;

import java.util.UUID;

/**
 * A chunk's job failed or was cancelled after the chunk was claimed and before its counts
 * reached the job, by a statement that committed meanwhile (the reconciler's verdict, the
 * API giving up on a publish). The chunk's transaction must roll back: claimed again, the
 * chunk is skipped. {@link ChunkTransaction} does that by itself; do not catch it
 * elsewhere.
 */
class JobEndedException extends RuntimeException {

	JobEndedException(UUID jobId) {
		super("Job " + jobId + " ended while its chunk was being written");
	}

}
