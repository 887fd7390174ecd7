package io.sluice.api.job;

import java.util.UUID;

/**
 * A job was recorded but its chunks could not be published, so it was marked
 * {@code FAILED}. Answered with 503 and {@code Retry-After}: submitting again later may
 * succeed.
 */
class JobNotQueuedException extends RuntimeException {

	private final UUID jobId;

	private final long retryAfterSeconds;

	JobNotQueuedException(UUID jobId, long retryAfterSeconds, Throwable cause) {
		super("Job " + jobId + " could not be queued: " + cause.getMessage(), cause);
		this.jobId = jobId;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	UUID jobId() {
		return this.jobId;
	}

	long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
