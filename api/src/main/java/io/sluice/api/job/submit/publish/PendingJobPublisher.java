package io.sluice.api.job.submit.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sluice.api.job.Job;
import io.sluice.api.job.JobRepository;
import io.sluice.common.chunk.PhotoChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Queues a job that has been recorded {@code PENDING}: hands it to the
 * {@link PublishLanes}, which publish its chunks in one Kafka transaction (shared with
 * other jobs waiting at the same time) and mark it {@code QUEUED}; if Kafka did not take
 * them, marks it {@code FAILED} and throws {@link JobNotQueuedException}. Once the chunks
 * are committed it never answers an error: workers move the job on whether or not the
 * status update landed.
 */
@Component
public class PendingJobPublisher {

	private static final Logger log = LoggerFactory.getLogger(PendingJobPublisher.class);

	private final PublishLanes lanes;

	private final JobRepository jobs;

	private final Duration publishTimeout;

	private final Duration sendPhase;

	PendingJobPublisher(PublishLanes lanes, ChunkPublisher publisher, JobRepository jobs, PublishProperties publish) {
		this.lanes = lanes;
		this.jobs = jobs;
		this.publishTimeout = publish.timeout();
		this.sendPhase = publisher.sendPhase();
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
		Publication publication = new Publication(pending, chunks, System.nanoTime() + this.sendPhase.toNanos());
		this.lanes.offer(publication);
		Job queued;
		try {
			queued = await(publication);
		}
		catch (ChunkPublishException ex) {
			return failed(pending, ex);
		}
		log.info("Job {} queued: {} photos in {} chunks for album {}", pending.id(), pending.totalPhotos(),
				chunks.size(), pending.albumId());
		return queued;
	}

	/**
	 * Waits for the lane's outcome. A lane completes every job within about the publish
	 * timeout (a job still waiting when its send phase is over is failed, and a
	 * transaction's sends and commit are bounded by the producer's timeouts), so waiting
	 * twice as long only guards against a lane that died.
	 */
	private Job await(Publication publication) {
		try {
			return publication.outcome().get(2 * this.publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof ChunkPublishException failure) {
				throw failure;
			}
			throw new ChunkPublishException("Publishing failed: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new ChunkPublishException(
					"No publish lane answered within " + 2 * this.publishTimeout.toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ChunkPublishException("Interrupted while waiting for a publish lane", ex);
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
