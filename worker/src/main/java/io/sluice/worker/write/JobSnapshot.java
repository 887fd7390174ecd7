package io.sluice.worker.write;

import java.util.UUID;

import io.sluice.common.job.JobStatus;

/**
 * A job's status and counters as one chunk transaction left them.
 *
 * @param id the job id
 * @param status the status after the chunk
 * @param chunksDone chunks recorded so far
 * @param chunkCount chunks in the job
 * @param written photos written so far
 * @param duplicate photos found already present so far
 * @param failed photos failed so far
 */
public record JobSnapshot(UUID id, JobStatus status, int chunksDone, int chunkCount, int written, int duplicate,
		int failed) {

	/**
	 * Whether this chunk was the job's last one.
	 * @return {@code true} once every chunk is recorded
	 */
	public boolean allChunksDone() {
		return this.chunksDone >= this.chunkCount;
	}

}
