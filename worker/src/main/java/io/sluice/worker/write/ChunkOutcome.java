package io.sluice.worker.write;

/**
 * What {@link ChunkWriter#write} did with one chunk.
 */
public sealed interface ChunkOutcome {

	/**
	 * The chunk's photos were inserted and its job's counters moved.
	 *
	 * @param counts the chunk's counts
	 * @param job the job right after this chunk
	 */
	record Written(ChunkCounts counts, JobSnapshot job) implements ChunkOutcome {

	}

	/**
	 * The chunk's ledger row already existed: it was written (or failed) before, and
	 * nothing changed now.
	 */
	record AlreadyDone() implements ChunkOutcome {

	}

	/**
	 * The job was cancelled: the chunk was recorded {@code SKIPPED_CANCELLED} and no
	 * photo was written.
	 */
	record SkippedCancelled() implements ChunkOutcome {

	}

}
