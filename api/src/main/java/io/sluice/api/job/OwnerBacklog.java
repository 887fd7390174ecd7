package io.sluice.api.job;

/**
 * What an owner's unfinished ({@code PENDING}, {@code QUEUED}, {@code RUNNING}) jobs
 * still hold, and how fast they have been draining, as the database sees it now.
 *
 * @param pendingPhotos photos of those jobs not yet written, duplicate, failed or
 * cancelled
 * @param processedPhotos photos of those jobs already processed
 * @param elapsedSeconds seconds since the oldest of them was created (0 without any)
 */
public record OwnerBacklog(long pendingPhotos, long processedPhotos, double elapsedSeconds) {

	/** The shortest Retry-After of a refused submit, in seconds. */
	public static final long MIN_RETRY_AFTER_SECONDS = 1;

	/** The longest Retry-After of a refused submit, in seconds. */
	public static final long MAX_RETRY_AFTER_SECONDS = 3_600;

	/**
	 * Whether a new job fits under the cap.
	 * @param photos the new job's size
	 * @param maxPendingPhotos the cap
	 * @return whether the backlog and the job together stay within the cap
	 */
	public boolean admits(int photos, long maxPendingPhotos) {
		return this.pendingPhotos + photos <= maxPendingPhotos;
	}

	/**
	 * The owner's drain rate: photos processed in its open jobs over the time since the
	 * oldest was created, or {@code fallback} while none has been processed.
	 * @param fallbackPhotosPerSecond the rate assumed without a measurement
	 * @return photos per second
	 */
	public double drainRate(double fallbackPhotosPerSecond) {
		if (this.processedPhotos <= 0 || this.elapsedSeconds <= 0) {
			return fallbackPhotosPerSecond;
		}
		return this.processedPhotos / this.elapsedSeconds;
	}

	/**
	 * Seconds until enough of the backlog has drained, at {@link #drainRate}, for a new
	 * job to fit: at least {@value #MIN_RETRY_AFTER_SECONDS}, at most
	 * {@value #MAX_RETRY_AFTER_SECONDS}.
	 * @param photos the new job's size
	 * @param maxPendingPhotos the cap
	 * @param fallbackPhotosPerSecond the rate assumed without a measurement
	 * @return seconds
	 */
	public long secondsUntilRoomFor(int photos, long maxPendingPhotos, double fallbackPhotosPerSecond) {
		long excess = this.pendingPhotos + photos - maxPendingPhotos;
		double seconds = Math.ceil(excess / drainRate(fallbackPhotosPerSecond));
		return (long) Math.max(MIN_RETRY_AFTER_SECONDS, Math.min(MAX_RETRY_AFTER_SECONDS, seconds));
	}

}
