package io.sluice.api.job.submit.publish;

import java.util.UUID;

/**
 * A job was recorded but its chunks could not be published, so it was marked
 * {@code FAILED}. Answered with 503 and {@code Retry-After}: submitting again later may
 * succeed.
 */
public class JobNotQueuedException extends RuntimeException {

	private final UUID jobId;

	private final long retryAfterSeconds;

	JobNotQueuedException(UUID jobId, long retryAfterSeconds, Throwable cause) {
		super("Job " + jobId + " could not be queued: " + cause.getMessage(), cause);
		this.jobId = jobId;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	/**
	 * The job, now {@code FAILED} (or left {@code PENDING} for the reconciler).
	 * @return its id
	 */
	public UUID jobId() {
		return this.jobId;
	}

	/**
	 * When to submit the job again.
	 * @return seconds, the publish timeout's
	 */
	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
