package io.sluice.api.job.submit;

/**
 * A new job would take its owner's unfinished jobs past
 * {@code sluice.api.limits.max-pending-photos}. Answered with 429 and
 * {@code Retry-After}; nothing was stored.
 */
class BacklogFullException extends RuntimeException {

	private final long pendingPhotos;

	private final int jobPhotos;

	private final long maxPendingPhotos;

	private final long retryAfterSeconds;

	BacklogFullException(String owner, long pendingPhotos, int jobPhotos, long maxPendingPhotos,
			long retryAfterSeconds) {
		super("Owner " + owner + " has " + pendingPhotos + " photos in unfinished jobs; a job of " + jobPhotos
				+ " would pass the cap of " + maxPendingPhotos);
		this.pendingPhotos = pendingPhotos;
		this.jobPhotos = jobPhotos;
		this.maxPendingPhotos = maxPendingPhotos;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	long pendingPhotos() {
		return this.pendingPhotos;
	}

	int jobPhotos() {
		return this.jobPhotos;
	}

	long maxPendingPhotos() {
		return this.maxPendingPhotos;
	}

	long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
