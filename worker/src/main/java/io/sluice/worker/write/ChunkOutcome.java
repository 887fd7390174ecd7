package io.sluice.worker.write;

import java.util.Optional;

import io.sluice.common.job.JobStatus;

/**
 * What {@link ChunkWriter#write} did with one chunk.
 */
public sealed interface ChunkOutcome {

	/**
	 * The chunk's photos were inserted and its counts recorded in its ledger row.
	 *
	 * @param counts the chunk's counts
	 * @param job the job as the roll-up after this chunk's commit left it, or empty if
	 * that roll-up did not move it (another one had counted this chunk already, or the
	 * roll-up failed and a later one will)
	 */
	record Written(ChunkCounts counts, Optional<JobSnapshot> job) implements ChunkOutcome {

		/**
		 * This outcome, with the job as a roll-up left it.
		 * @param job the job, or {@code null} if the roll-up did not move it
		 * @return the outcome
		 */
		Written after(JobSnapshot job) {
			return new Written(this.counts, Optional.ofNullable(job));
		}

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
