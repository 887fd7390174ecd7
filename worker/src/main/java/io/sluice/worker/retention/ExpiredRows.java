package io.sluice.worker.retention;

import java.time.Duration;

import io.sluice.common.job.JobStatus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention's statements: the lock that lets one worker act at a time, the deletion of
 * jobs that ended long ago, and the release of expired idempotency keys, each a bounded
 * batch, oldest first, read through the partial indexes of V14.
 */
class ExpiredRows {

	/**
	 * The advisory lock key every worker's cleanup takes: {@code "sluice.d"} as eight
	 * ASCII bytes. Held until the batch's transaction ends.
	 */
	static final long LOCK_KEY = 0x736c_7569_6365_2e64L;

	/**
	 * Bounds for a batch's statements, so that it holds its borrowed connection briefly
	 * and never queues behind a row lock: a job being reopened (a re-drive) or a key
	 * being claimed is skipped, not waited for.
	 */
	private static final String BOUND_BATCH = """
			SELECT set_config('lock_timeout', '1s', true), set_config('statement_timeout', '20s', true)
			""";

	private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(:key)";

	/**
	 * Deletes a batch of the jobs that ended before the cut-off, oldest first. Their
	 * chunk ledger, failed photos, and any other row that references a job, go with them
	 * by {@code ON DELETE CASCADE}; the photos, which reference no job, stay. A row
	 * locked by anyone else is skipped, and the outer conditions are checked again on the
	 * locked row, so a job reopened meanwhile is never deleted.
	 */
	private static final String DELETE_ENDED_JOBS = """
			DELETE FROM import_job
			WHERE id IN (SELECT id FROM import_job
			             WHERE finished_at < now() - :retentionMs * interval '1 millisecond'
			             ORDER BY finished_at
			             LIMIT :batchSize
			             FOR UPDATE SKIP LOCKED)
			  AND finished_at IS NOT NULL AND status NOT IN (%s)
			""".formatted(JobStatus.OPEN_SQL);

	/**
	 * Takes a batch of expired idempotency keys off their jobs, oldest first, as the API
	 * does when such a key is used again (ADR 0013): the job stays, and the key is free
	 * for a new one. Expired means {@code created_at + ttl <= now()}, the API's own test.
	 */
	private static final String RELEASE_EXPIRED_KEYS = """
			UPDATE import_job
			SET idempotency_key = NULL
			WHERE id IN (SELECT id FROM import_job
			             WHERE idempotency_key IS NOT NULL AND created_at <= now() - :ttlMs * interval '1 millisecond'
			             ORDER BY created_at
			             LIMIT :batchSize
			             FOR UPDATE SKIP LOCKED)
			""";

	private final JdbcClient jdbc;

	ExpiredRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Bounds this transaction's statements and takes retention's lock if no other worker
	 * holds it. Call first in the batch's transaction.
	 * @return whether this worker may act in this transaction
	 */
	boolean tryLock() {
		this.jdbc.sql(BOUND_BATCH).query().singleRow();
		return Boolean.TRUE.equals(this.jdbc.sql(TRY_LOCK).param("key", LOCK_KEY).query(Boolean.class).single());
	}

	/**
	 * Deletes up to {@code batchSize} jobs that ended more than {@code retention} ago.
	 * @return how many jobs were deleted
	 */
	int deleteEndedJobs(Duration retention, int batchSize) {
		return this.jdbc.sql(DELETE_ENDED_JOBS)
			.param("retentionMs", retention.toMillis())
			.param("batchSize", batchSize)
			.update();
	}

	/**
	 * Releases up to {@code batchSize} idempotency keys of jobs created more than
	 * {@code ttl} ago.
	 * @return how many keys were released
	 */
	int releaseExpiredKeys(Duration ttl, int batchSize) {
		return this.jdbc.sql(RELEASE_EXPIRED_KEYS)
			.param("ttlMs", ttl.toMillis())
			.param("batchSize", batchSize)
			.update();
	}

}
