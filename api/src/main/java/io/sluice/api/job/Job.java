package io.sluice.api.job;

import java.time.Instant;
import java.util.UUID;

import io.sluice.common.job.JobStatus;

/**
 * One row of {@code import_job}, as the API reads it.
 *
 * @param id the job's id
 * @param owner the JWT subject that submitted it
 * @param albumId the album the photos are added to
 * @param status where the job is in its life
 * @param totalPhotos photos submitted
 * @param chunkCount chunk records published for it
 * @param written photos inserted so far
 * @param duplicate photos already in the album so far
 * @param failed photos that could not be written so far
 * @param cancelled photos that never landed because the job was cancelled (set once, when
 * it is)
 * @param createdAt when the job was recorded
 * @param updatedAt when the row last changed
 * @param finishedAt when the job reached a terminal status, or {@code null}
 * @param failureReason why the job failed, or {@code null}
 * @param readAt when the database read the row, by the database's clock, so that every
 * API instance estimates the same {@linkplain JobEta time left}
 * @param callback the job's callback and its delivery, or {@code null} if it has none
 */
public record Job(UUID id, String owner, long albumId, JobStatus status, int totalPhotos, int chunkCount, int written,
		int duplicate, int failed, int cancelled, Instant createdAt, Instant updatedAt, Instant finishedAt,
		String failureReason, Instant readAt, JobCallback callback) {

	/**
	 * A job without a callback.
	 */
	public Job(UUID id, String owner, long albumId, JobStatus status, int totalPhotos, int chunkCount, int written,
			int duplicate, int failed, int cancelled, Instant createdAt, Instant updatedAt, Instant finishedAt,
			String failureReason, Instant readAt) {
		this(id, owner, albumId, status, totalPhotos, chunkCount, written, duplicate, failed, cancelled, createdAt,
				updatedAt, finishedAt, failureReason, readAt, null);
	}

	/**
	 * The job's version: {@code updated_at} in microseconds since the epoch (the column's
	 * precision). Every statement that changes the row sets {@code updated_at}, so a
	 * newer version is a changed view; it is the {@code id} of the job's server-sent
	 * events (ADR 0022).
	 * @return the version
	 */
	public long version() {
		return micros(this.updatedAt);
	}

	/**
	 * The version of the job's whole view, its {@code ETag}: {@link #version()}, or the
	 * time its callback's delivery last changed if that is later, so that a view whose
	 * callback moved after the job ended is a new view.
	 * @return the view's version
	 */
	public long viewVersion() {
		if (this.callback == null || this.callback.updatedAt() == null) {
			return version();
		}
		return Math.max(version(), micros(this.callback.updatedAt()));
	}

	private static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
	}

	/**
	 * Photos the workers have accounted for so far.
	 * @return {@code written + duplicate + failed}
	 */
	int processed() {
		return this.written + this.duplicate + this.failed;
	}

}
