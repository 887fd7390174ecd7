package io.sluice.api.job;

import java.time.Duration;

/**
 * How long a job has left, and when a client should look at it again. Both are derived
 * from the job's row alone, timed by the database's clock ({@link Job#readAt()}), so that
 * every API instance gives the same answer for the same row.
 * <p>
 * The estimate assumes the job keeps the average pace it has had since it was created:
 * {@code elapsed x remaining / processed}, where {@code processed} counts the photos
 * written, found duplicate or failed. It counts time spent queued behind other jobs as
 * time spent working, so it errs long while a job waits and settles as the job runs.
 */
public final class JobEta {

	/**
	 * Photos a job is assumed to write per second when nothing of it has been processed
	 * yet.
	 */
	static final int EXPECTED_PHOTOS_PER_SECOND = 5_000;

	/** Shortest poll delay suggested to clients, in seconds. */
	static final int MIN_RETRY_AFTER_SECONDS = 1;

	/** Longest poll delay suggested to clients, in seconds. */
	static final int MAX_RETRY_AFTER_SECONDS = 60;

	private JobEta() {
	}

	/**
	 * Seconds until the job is expected to end.
	 * @param job the job as read
	 * @return 0 when the job has ended (or every photo is accounted for), {@code null}
	 * while no photo has been processed (there is no pace to go by), else the remaining
	 * photos at the job's average pace so far, rounded up
	 */
	static Long seconds(Job job) {
		int processed = job.processed();
		int remaining = job.totalPhotos() - processed;
		if (job.status().isTerminal() || remaining <= 0) {
			return 0L;
		}
		if (processed <= 0) {
			return null;
		}
		long elapsedMillis = Math.max(0, Duration.between(job.createdAt(), job.readAt()).toMillis());
		long remainingMillis = Math.multiplyExact(elapsedMillis, (long) remaining) / processed;
		return (remainingMillis + 999) / 1_000;
	}

	/**
	 * When a client should look at the job again, for the {@code Retry-After} header: the
	 * {@linkplain #seconds(Job) estimate} when there is one, else a second plus the time
	 * the job's photos take at {@link #EXPECTED_PHOTOS_PER_SECOND}; always between
	 * {@link #MIN_RETRY_AFTER_SECONDS} and {@link #MAX_RETRY_AFTER_SECONDS}.
	 * @param job the job as read
	 * @return seconds
	 */
	public static long retryAfterSeconds(Job job) {
		Long eta = seconds(job);
		long seconds = (eta != null) ? eta : 1 + job.totalPhotos() / EXPECTED_PHOTOS_PER_SECOND;
		return Math.max(MIN_RETRY_AFTER_SECONDS, Math.min(MAX_RETRY_AFTER_SECONDS, seconds));
	}

}
