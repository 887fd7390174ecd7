package io.sluice.api.job.submit;

import io.sluice.api.job.JobRepository;
import io.sluice.api.job.OwnerBacklog;
import io.sluice.api.limit.LimitsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Refuses a job that would take its owner's unfinished jobs past
 * {@code sluice.api.limits.max-pending-photos} (ADR 0025). The backlog is read from the
 * database, so every API instance agrees; {@link JobSubmission} holds the owner's lock
 * ({@link JobRepository#lockOwner}) from this check to the insert, so concurrent submits
 * of one owner cannot both pass on the same backlog.
 */
@Component
class BacklogCap {

	private static final Logger log = LoggerFactory.getLogger(BacklogCap.class);

	private final JobRepository jobs;

	private final long maxPendingPhotos;

	private final int expectedPhotosPerSecond;

	BacklogCap(JobRepository jobs, JobsProperties jobsProperties, LimitsProperties limits) {
		if (limits.maxPendingPhotos() < jobsProperties.maxPhotos()) {
			throw new IllegalStateException("sluice.api.limits.max-pending-photos (" + limits.maxPendingPhotos()
					+ ") must be at least sluice.api.jobs.max-photos (" + jobsProperties.maxPhotos()
					+ "), or a job of the largest size could never be accepted");
		}
		this.jobs = jobs;
		this.maxPendingPhotos = limits.maxPendingPhotos();
		this.expectedPhotosPerSecond = limits.expectedPhotosPerSecond();
	}

	/**
	 * Checks that a new job fits. Call it inside the insert's transaction, with the
	 * owner's lock held.
	 * @param owner the caller
	 * @param photos the new job's size
	 * @throws BacklogFullException if it does not fit
	 */
	void check(String owner, int photos) {
		OwnerBacklog backlog = this.jobs.backlog(owner);
		if (backlog.admits(photos, this.maxPendingPhotos)) {
			return;
		}
		long retryAfter = backlog.secondsUntilRoomFor(photos, this.maxPendingPhotos, this.expectedPhotosPerSecond);
		log.info("Job of {} photos refused: owner {} has {} photos in unfinished jobs (cap {}); retry after {} s",
				photos, owner, backlog.pendingPhotos(), this.maxPendingPhotos, retryAfter);
		throw new BacklogFullException(owner, backlog.pendingPhotos(), photos, this.maxPendingPhotos, retryAfter);
	}

}
