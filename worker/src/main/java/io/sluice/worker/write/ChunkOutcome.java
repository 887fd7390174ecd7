package io.sluice.worker.write;

import io.sluice.common.job.JobStatus;

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
	 * The job had ended without this chunk, cancelled or failed: the chunk was recorded
	 * {@code SKIPPED_CANCELLED} or {@code SKIPPED_FAILED}, no photo was written and the
	 * job's counters did not move.
	 *
	 * @param jobStatus the job's status, {@link JobStatus#CANCELLED} or
	 * {@link JobStatus#FAILED}
	 */
	record Skipped(JobStatus jobStatus) implements ChunkOutcome {

	}

}
