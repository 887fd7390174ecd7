package io.sluice.api.job.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.sluice.api.album.AlbumOwners;
import io.sluice.api.job.Job;
import io.sluice.api.job.JobRepository;
import io.sluice.api.job.submit.JobRequest.PhotoRequest;
import io.sluice.api.job.submit.publish.JobChunker;
import io.sluice.api.job.submit.publish.JobNotQueuedException;
import io.sluice.api.job.submit.publish.PendingJobPublisher;
import io.sluice.api.web.FieldProblem;
import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Takes a job from request to queue: validate, record {@code PENDING} under the owner's
 * backlog cap ({@link BacklogCap}) in an album the owner may import into
 * ({@link AlbumOwners}), publish every chunk in one Kafka transaction and mark
 * {@code QUEUED} ({@link PendingJobPublisher}). Four statements on {@code import_job}
 * (the owner's lock, its backlog, the insert, the status update) whatever the job's size,
 * a few more with an idempotency key (see {@link IdempotencyKeys}). If publishing fails
 * the job is marked {@code FAILED} and {@link JobNotQueuedException} is thrown. A
 * database failure is thrown as the driver reported it ({@link SubmitTransaction}), so
 * that the API answers a transient one with 503.
 */
@Component
class JobSubmission {

	private static final Logger log = LoggerFactory.getLogger(JobSubmission.class);

	private final JobRequestValidator validator;

	private final JobChunker chunker;

	private final JobRepository jobs;

	private final IdempotencyKeys keys;

	private final PendingJobPublisher publisher;

	private final BacklogCap backlogCap;

	private final AlbumOwners albums;

	private final SubmitTransaction transaction;

	private final CallbackHosts callbackHosts;

	JobSubmission(JobRequestValidator validator, JobChunker chunker, JobRepository jobs, IdempotencyKeys keys,
			BacklogCap backlogCap, AlbumOwners albums, PendingJobPublisher publisher, DataSource dataSource,
			CallbackHosts callbackHosts) {
		this.validator = validator;
		this.callbackHosts = callbackHosts;
		this.chunker = chunker;
		this.jobs = jobs;
		this.keys = keys;
		this.backlogCap = backlogCap;
		this.albums = albums;
		this.publisher = publisher;
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
	 * @throws AlbumForbiddenException if the album belongs to another owner who has not
	 * shared it with the caller (nothing stored; never for a repeated request)
	 * @throws JobNotQueuedException if Kafka did not take the chunks (job {@code FAILED})
	 * @throws DataAccessException if a statement failed (nothing stored)
	 * @throws TransactionException if the transaction could not begin or commit (nothing
	 * stored: a commit that failed but happened is found and the job published, unless
	 * the database cannot be asked, when the job may be left to the reconciler)
	 */
	Submitted submit(String owner, JobRequest request, IdempotencyKey key) {
		Violations violations = this.validator.validate(request);
		if (!violations.isEmpty()) {
			throw new InvalidJobRequestException(violations);
		}
		checkCallbackHost(request.callbackUrl());
		UUID jobId = UUID.randomUUID();
		List<PhotoChunk> chunks = this.chunker.split(jobId, owner, request.albumId(), photos(request.photos()));
		byte[] requestHash = (key != null) ? JobRequestHash.of(request) : null;
		Submitted stored = this.transaction.run(() -> store(jobId, owner, request, chunks.size(), key, requestHash),
				(commitFailure) -> storedDespite(commitFailure, jobId, owner));
		if (stored.replayed()) {
			log.info("Job {} found by its idempotency key; not submitting it again", stored.job().id());
			return stored;
		}
		return new Submitted(this.publisher.publish(stored.job(), chunks), false);
	}

	/**
	 * Records the job as {@code PENDING}, in one short transaction that holds the owner's
	 * lock: a repeated request is answered with its job first, so neither the backlog cap
	 * nor the album's owner refuses it; then the cap is checked, the album claimed or its
	 * owner checked (ADR 0032), and the row inserted, with no other submit of the owner
	 * in between. A refusal rolls back everything before it, the album's claim included,
	 * and leaves no idempotency key behind.
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
		if (!this.albums.mayImport(request.albumId(), owner)) {
			log.info("Job of {} refused: album {} belongs to another owner", owner, request.albumId());
			throw new AlbumForbiddenException(request.albumId(), owner);
		}
		if (key == null) {
			return new Submitted(this.jobs
				.insertPending(jobId, owner, request.albumId(), request.photos().size(), chunkCount, null, null,
						request.callbackUrl())
				.orElseThrow(), false);
		}
		IdempotencyKeys.Claim claim = this.keys.claim(jobId, owner, request, chunkCount, key, requestHash);
		return new Submitted(claim.job(), !claim.created());
	}

	/**
	 * Refuses a callback URL whose host resolves to an address it may not point at (ADR
	 * 0041), as one more violation of the request: nothing is stored.
	 */
	private void checkCallbackHost(String callbackUrl) {
		if (callbackUrl == null) {
			return;
		}
		String problem = this.callbackHosts.problem(callbackUrl);
		if (problem != null) {
			Violations violations = new Violations();
			violations.add(FieldProblem.ofField(JobRequestValidator.CALLBACK_URL, problem));
			throw new InvalidJobRequestException(violations);
		}
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
