package io.sluice.worker.write;

import java.util.UUID;

import io.sluice.common.job.JobStatus;

/**
 * A job's status and counters as a roll-up of its chunk ledger left them (ADR 0036).
 *
 * @param id the job id
 * @param status the status after the roll-up
 * @param chunksDone chunks landed so far
 * @param chunkCount chunks in the job
 * @param written photos written so far
 * @param duplicate photos found already present so far
 * @param failed photos failed so far
 */
public record JobSnapshot(UUID id, JobStatus status, int chunksDone, int chunkCount, int written, int duplicate,
		int failed) {

	/**
	 * Whether the roll-up that took this snapshot ended the job. A roll-up moves only a
	 * job that has not ended, so exactly one roll-up sees this for a job that completes.
	 * @return {@code true} if the job is now complete
	 */
	public boolean finished() {
		return this.status.isTerminal();
	}

	/**
	 * The line that reports the job's end, for logs.
	 * @return for example
	 * {@code Job 1b4e... finished COMPLETED: 500 written, 0 duplicate,
	 * 0 failed}
	 */
	public String describeEnd() {
		return "Job " + this.id + " finished " + this.status + ": " + this.written + " written, " + this.duplicate
				+ " duplicate, " + this.failed + " failed";
	}

}
