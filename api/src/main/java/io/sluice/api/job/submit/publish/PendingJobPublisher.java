package io.sluice.api.job.submit.publish;

import java.time.Duration;
import java.util.List;

import io.sluice.api.job.Job;
import io.sluice.api.job.JobRepository;
import io.sluice.common.chunk.PhotoChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Queues a job that has been recorded {@code PENDING}: publishes its chunks in one Kafka
 * transaction, then marks it {@code QUEUED}; if Kafka did not take them, marks it
 * {@code FAILED} and throws {@link JobNotQueuedException}. Once the chunks are committed
 * it never answers an error: workers move the job on whether or not the status update
 * landed.
 */
@Component
public class PendingJobPublisher {

	private static final Logger log = LoggerFactory.getLogger(PendingJobPublisher.class);

	private final ChunkPublisher publisher;

	private final JobRepository jobs;

	private final Duration publishTimeout;

	PendingJobPublisher(ChunkPublisher publisher, JobRepository jobs, PublishProperties publish) {
		this.publisher = publisher;
		this.jobs = jobs;
		this.publishTimeout = publish.timeout();
	}

	/**
	 * Publishes a recorded job's chunks and moves it on.
	 * @param pending the job as recorded
	 * @param chunks its chunks, in order
	 * @return the job as it stands after publishing: {@code QUEUED}, or further along if
	 * a worker was quicker than the status update, or as it was recorded if the update
	 * failed
	 * @throws JobNotQueuedException if Kafka did not take the chunks (the job is marked
	 * {@code FAILED} if it can be)
	 */
	public Job publish(Job pending, List<PhotoChunk> chunks) {
		try {
			this.publisher.publish(chunks);
		}
		catch (ChunkPublishException ex) {
			return failed(pending, ex);
		}
		log.info("Job {} queued: {} photos in {} chunks for album {}", pending.id(), pending.totalPhotos(),
				chunks.size(), pending.albumId());
		return queued(pending);
	}

	private Job queued(Job pending) {
		try {
			return this.jobs.markQueued(pending.id())
				.or(() -> this.jobs.find(pending.id(), pending.owner()))
				.orElse(pending);
		}
		catch (DataAccessException ex) {
			// The chunks are committed and workers will move the job on from PENDING:
			// answering an error now would only make the client submit it twice.
			log.warn("Job {} published but not marked QUEUED: {}", pending.id(), ex.getMessage());
			return pending;
		}
	}

	private Job failed(Job pending, ChunkPublishException failure) {
		log.warn("Job {} not queued, marking it FAILED: {}", pending.id(), failure.getMessage());
		try {
			if (this.jobs.markFailed(pending.id(), failure.getMessage()).isEmpty()) {
				// No longer PENDING: a worker saw the chunks, so the commit did go
				// through, or the owner cancelled the job meanwhile.
				log.info("Job {} is no longer PENDING (committed after all, or cancelled); answering with it",
						pending.id());
				return this.jobs.find(pending.id(), pending.owner()).orElse(pending);
			}
		}
		catch (DataAccessException ex) {
			log.warn("Job {} could not be marked FAILED (left PENDING for the reconciler): {}", pending.id(),
					ex.getMessage());
		}
		throw new JobNotQueuedException(pending.id(), Math.max(1, this.publishTimeout.toSeconds()), failure);
	}

}
