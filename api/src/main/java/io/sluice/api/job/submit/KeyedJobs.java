package io.sluice.api.job.submit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.sluice.api.job.Callbacks;
import io.sluice.api.job.Job;
import io.sluice.api.job.JobRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The statements on the idempotency keys of {@code import_job} (ADR 0013): find the job
 * that holds a key, and take an expired key off its job. The insert that claims a key is
 * {@link JobRepository#insertPending}.
 */
@Repository
class KeyedJobs {

	private static final String FIND_BY_KEY = """
			SELECT id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			       cancelled, created_at, updated_at, finished_at, failure_reason, now() AS read_at, callback_url,
			       %s,
			       request_hash, created_at + ? * interval '1 millisecond' AS key_expires_at,
			       created_at + ? * interval '1 millisecond' <= now() AS key_expired
			FROM import_job j
			%s
			WHERE owner = ? AND idempotency_key = ?
			""".formatted(Callbacks.COLUMNS, Callbacks.LATEST_DELIVERY);

	private static final String RELEASE_KEY = """
			UPDATE import_job
			SET idempotency_key = NULL
			WHERE id = ? AND idempotency_key = ?
			""";

	private final JdbcTemplate jdbc;

	KeyedJobs(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Finds the job that holds an idempotency key of one owner, expired or not.
	 * @param owner the caller
	 * @param key the key
	 * @param ttl how long a key is held after its job was created
	 * @return the job with its request hash and when the key expires, if any job holds
	 * the key
	 */
	Optional<KeyedJob> findByKey(String owner, IdempotencyKey key, Duration ttl) {
		return this.jdbc
			.query(FIND_BY_KEY,
					(rs, row) -> new KeyedJob(JobRepository.job(rs, row), rs.getBytes("request_hash"),
							JobRepository.instant(rs, "key_expires_at"), rs.getBoolean("key_expired")),
					ttl.toMillis(), ttl.toMillis(), owner, key.value())
			.stream()
			.findFirst();
	}

	/**
	 * Takes an expired idempotency key off its job, so that a new job can hold it.
	 * @param id the job holding the key
	 * @param key the key
	 */
	void releaseKey(UUID id, IdempotencyKey key) {
		this.jdbc.update(RELEASE_KEY, id, key.value());
	}

	/**
	 * A job found by its idempotency key.
	 *
	 * @param job the job
	 * @param requestHash the {@link JobRequestHash} of the request that created it
	 * @param keyExpiresAt when the key stops naming the job
	 * @param keyExpired whether that time has passed (by the database's clock)
	 */
	record KeyedJob(Job job, byte[] requestHash, Instant keyExpiresAt, boolean keyExpired) {

	}

}
