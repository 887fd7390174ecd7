package io.sluice.worker.reconcile;

import java.time.Instant;
import java.util.UUID;

import io.sluice.common.job.JobStatus;

/**
 * A job that has not ended, as one tick of the reconciler read it.
 *
 * @param id the job
 * @param status {@code PENDING}, {@code QUEUED} or {@code RUNNING}
 * @param chunkCount chunks the job was published in
 * @param chunksDone chunks landed so far
 * @param updatedAt when a chunk last moved it (or it was created or queued)
 * @param hasLedgerRows whether any of its chunks has a ledger row
 */
record OpenJob(UUID id, JobStatus status, int chunkCount, int chunksDone, Instant updatedAt, boolean hasLedgerRows) {

	/** Publishing never finished: no chunk is known to have reached a worker. */
	boolean neverPublished() {
		return this.status == JobStatus.PENDING && !this.hasLedgerRows;
	}

	/** Published, and waiting for (more of) its chunks. */
	boolean awaitingChunks() {
		return this.status == JobStatus.QUEUED || this.status == JobStatus.RUNNING;
	}

	/** What must stay equal for the job to count as not moving. */
	Object progressMark() {
		return new ProgressMark(this.status, this.chunksDone, this.updatedAt, this.hasLedgerRows);
	}

	private record ProgressMark(JobStatus status, int chunksDone, Instant updatedAt, boolean hasLedgerRows) {

	}

}
