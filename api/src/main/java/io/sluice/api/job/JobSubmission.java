package io.sluice.api.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.sluice.api.job.JobRequest.PhotoRequest;
import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Takes a job from request to queue: validate, record {@code PENDING} under the owner's
 * backlog cap ({@link BacklogCap}), publish every chunk in one Kafka transaction, mark
 * {@code QUEUED}. Four statements on {@code import_job} (the owner's lock, its backlog,
 * the insert, the status update) whatever the job's size, a few more with an idempotency
 * key (see {@link IdempotencyKeys}). If publishing fails the job is marked {@code FAILED}
 * and {@link JobNotQueuedException} is thrown. A database failure is thrown as the driver
 * reported it ({@link SubmitTransaction}), so that the API answers a transient one with
 * 503.
 */
@Component
class JobSubmission {

	private static final Logger log = LoggerFactory.getLogger(JobSubmission.class);

	private final JobRequestValidator validator;

	private final JobChunker chunker;

	private final JobRepository jobs;

	private final IdempotencyKeys keys;

	private final ChunkPublisher publisher;

	private final BacklogCap backlogCap;

	private final SubmitTransaction transaction;

	private final Duration publishTimeout;

	JobSubmission(JobRequestValidator validator, JobChunker chunker, JobRepository jobs, IdempotencyKeys keys,
			BacklogCap backlogCap, ChunkPublisher publisher, PublishProperties publish, DataSource dataSource) {
		this.validator = validator;
		this.chunker = chunker;
		this.jobs = jobs;
		this.keys = keys;
		this.backlogCap = backlogCap;
		this.publisher = publisher;
		this.publishTimeout = publish.timeout();
		this.transaction = SubmitTransaction.on(dataSource);
	}

	/**
	 * Submits a job.
	 * @param owner the caller, who will own the job
	 * @param request the request as read
	 * @param key the request's idempotency key, or {@code null}
	 * @return the job as it stands after publishing ({@code QUEUED}, or further along if
	 * a worker was quicker than the status update), or, if the key already named a job
	 * created from the same request, that job as it stands now
	 * @throws InvalidJobRequestException if the request breaks a rule (nothing stored)
	 * @throws IdempotencyKeyReusedException if the key names a job created from a
	 * different request (nothing stored)
	 * @throws BacklogFullException if the job would take the owner's unfinished jobs past
	 * the cap (nothing stored; never for a repeated request)
	 * @throws JobNotQueuedException if Kafka did not take the chunks (job {@code FAILED})
	 * @throws DataAccessException if a statement failed (nothing stored)
	 * @throws TransactionException if the transaction could not begin or commit (nothing
	 * stored: a commit that failed but happened is found and the job published)
	 */
	Submitted submit(String owner, JobRequest request, IdempotencyKey key) {
		Violations violations = this.validator.validate(request);
		if (!violations.isEmpty()) {
			throw new InvalidJobRequestException(violations);
		}
		UUID jobId = UUID.randomUUID();
		List<PhotoChunk> chunks = this.chunker.split(jobId, owner, request.albumId(), photos(request.photos()));
		byte[] requestHash = (key != null) ? JobRequestHash.of(request) : null;
		Submitted stored = this.transaction.run(() -> store(jobId, owner, request, chunks.size(), key, requestHash),
				(commitFailure) -> storedDespite(commitFailure, jobId, owner));
		if (stored.replayed()) {
			log.info("Job {} found by its idempotency key; not submitting it again", stored.job().id());
			return stored;
		}
		return new Submitted(publish(stored.job(), chunks), false);
	}

	/**
	 * Records the job as {@code PENDING}, in one short transaction that holds the owner's
	 * lock: a repeated request is answered with its job first, so the backlog cap never
	 * refuses it; then the cap is checked and the row inserted, with no other submit of
	 * the owner in between.
	 */
	private Submitted store(UUID jobId, String owner, JobRequest request, int chunkCount, IdempotencyKey key,
			byte[] requestHash) {
		this.jobs.lockOwner(owner);
		if (key != null) {
			Optional<Job> replayed = this.keys.replay(owner, key, requestHash);
			if (replayed.isPresent()) {
				return new Submitted(replayed.get(), true);
			}
		}
		this.backlogCap.check(owner, request.photos().size());
		if (key == null) {
			return new Submitted(this.jobs
				.insertPending(jobId, owner, request.albumId(), request.photos().size(), chunkCount, null, null)
				.orElseThrow(), false);
		}
		IdempotencyKeys.Claim claim = this.keys.claim(jobId, owner, request, chunkCount, key, requestHash);
		return new Submitted(claim.job(), !claim.created());
	}

	/**
	 * Finds out whether a job whose commit failed was stored all the same (the server may
	 * have committed before the connection broke): if so it goes on to be published like
	 * any other, since a retry would be answered with it and nothing else would ever
	 * queue it; if not, nothing was stored, and the client retries.
	 */
	private Submitted storedDespite(TransactionException commitFailure, UUID jobId, String owner) {
		Optional<Job> stored;
		try {
			stored = this.jobs.find(jobId, owner);
		}
		catch (DataAccessException ex) {
			commitFailure.addSuppressed(ex);
			log.warn(
					"Job {} of {}: its commit failed and the database cannot say whether it happened; if it did, "
							+ "the job stays PENDING until the reconciler fails it and releases its key: {}",
					jobId, owner, ex.getMessage());
			throw commitFailure;
		}
		if (stored.isEmpty()) {
			log.info("Job {} of {} not stored: its commit failed", jobId, owner);
			throw commitFailure;
		}
		log.info("Job {} of {} stored although its commit reported a failure; publishing it", jobId, owner);
		return new Submitted(stored.get(), false);
	}

	private Job publish(Job pending, List<PhotoChunk> chunks) {
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

	/**
	 * A submission's answer.
	 *
	 * @param job the job as it stands
	 * @param replayed whether an earlier request with the same idempotency key created it
	 */
	record Submitted(Job job, boolean replayed) {

	}

	private static List<ChunkPhoto> photos(List<PhotoRequest> requested) {
		List<ChunkPhoto> photos = new ArrayList<>(requested.size());
		for (PhotoRequest photo : requested) {
			photos.add(new ChunkPhoto(photo.url(), photo.caption()));
		}
		return photos;
	}

}
