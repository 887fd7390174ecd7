package io.sluice.api.job.submit;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.sluice.api.job.Job;
import io.sluice.api.job.JobRepository;
import io.sluice.api.job.submit.KeyedJobs.KeyedJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Records a new job under an {@link IdempotencyKey}, or finds the job that already holds
 * the key. The unique constraint on {@code (owner, idempotency_key)} decides between
 * concurrent requests: exactly one inserts, the others find its row. A key is held for
 * {@code sluice.api.jobs.idempotency-key-ttl} from its job's creation; an expired key is
 * taken off its old job when it is next used. At most three rounds of two statements
 * (three with a release), whatever the job's size.
 */
@Component
class IdempotencyKeys {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

	/**
	 * Rounds of insert-then-find before giving up: a second round is needed only when the
	 * key's holder expired or failed between our statements, a third almost never.
	 */
	private static final int MAX_ROUNDS = 3;

	private final JobRepository jobs;

	private final KeyedJobs keyed;

	private final Duration ttl;

	IdempotencyKeys(JobRepository jobs, KeyedJobs keyed, JobsProperties properties) {
		this.jobs = jobs;
		this.keyed = keyed;
		this.ttl = properties.idempotencyKeyTtl();
	}

	/**
	 * Records a new {@code PENDING} job under the key, unless a job of the same owner
	 * holds it.
	 * @param id the new job's id
	 * @param owner the caller
	 * @param request the validated request
	 * @param chunkCount how many chunks the new job will be published in
	 * @param key the request's key
	 * @param requestHash the request's {@link JobRequestHash}
	 * @return the new job ({@link Claim#created()}), or the job that holds the key
	 * @throws IdempotencyKeyReusedException if the key's job was created from a different
	 * request
	 * @throws IdempotencyKeyBusyException if the key changed hands in every round
	 */
	Claim claim(UUID id, String owner, JobRequest request, int chunkCount, IdempotencyKey key, byte[] requestHash) {
		for (int round = 1; round <= MAX_ROUNDS; round++) {
			Optional<Job> created = this.jobs.insertPending(id, owner, request.albumId(), request.photos().size(),
					chunkCount, key.value(), requestHash, request.callbackUrl());
			if (created.isPresent()) {
				return new Claim(created.get(), true);
			}
			Optional<KeyedJob> holder = this.keyed.findByKey(owner, key, this.ttl);
			if (holder.isEmpty()) {
				continue; // released between the two statements
			}
			KeyedJob held = holder.get();
			if (held.keyExpired()) {
				log.info("Idempotency key of job {} expired at {}; releasing it for a new job", held.job().id(),
						held.keyExpiresAt());
				this.keyed.releaseKey(held.job().id(), key);
			}
			else {
				return new Claim(sameRequest(held, key, requestHash), false);
			}
		}
		log.info("Idempotency key of owner {} changed hands {} times while job {} tried to claim it; answering 409",
				owner, MAX_ROUNDS, id);
		throw new IdempotencyKeyBusyException(key, MAX_ROUNDS);
	}

	/**
	 * Finds the job a repeated request names, without recording anything: the job that
	 * holds the key, unexpired, if it was created from the same request.
	 * @param owner the caller
	 * @param key the request's key
	 * @param requestHash the request's {@link JobRequestHash}
	 * @return the job to answer with, or empty if no job holds the key (or its key has
	 * expired), so that the request would create one
	 * @throws IdempotencyKeyReusedException if the key's job was created from a different
	 * request
	 */
	Optional<Job> replay(String owner, IdempotencyKey key, byte[] requestHash) {
		Optional<KeyedJob> holder = this.keyed.findByKey(owner, key, this.ttl);
		if (holder.isEmpty() || holder.get().keyExpired()) {
			return Optional.empty();
		}
		return Optional.of(sameRequest(holder.get(), key, requestHash));
	}

	private static Job sameRequest(KeyedJob held, IdempotencyKey key, byte[] requestHash) {
		if (!MessageDigest.isEqual(held.requestHash(), requestHash)) {
			throw new IdempotencyKeyReusedException(key, held.job().id(), held.keyExpiresAt());
		}
		return held.job();
	}

	/**
	 * The outcome of {@link #claim}.
	 *
	 * @param job the new job, or the job that already held the key
	 * @param created whether the job is new and has yet to be published
	 */
	record Claim(Job job, boolean created) {

	}

}
