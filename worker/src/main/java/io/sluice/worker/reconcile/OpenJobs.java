package io.sluice.worker.reconcile;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import io.sluice.common.job.JobLedger;
import io.sluice.common.job.JobStatus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reconciler's statements: the lock that lets one worker act per tick, the roll-up of
 * every open job, the open jobs, a job's missing chunks, and the conditional updates that
 * fail a job only if it is still exactly as the reconciler watched it.
 */
class OpenJobs {

	/**
	 * The advisory lock key every worker's reconciler takes: {@code "sluice.r"} as eight
	 * ASCII bytes. Held until the tick's transaction ends.
	 */
	static final long LOCK_KEY = 0x736c_7569_6365_2e72L;

	/**
	 * Bounds for the tick's own statements, so that it holds its borrowed connection for
	 * moments: a chunk transaction holding a job's row lock makes the update give up
	 * (55P03) rather than wait, and the next tick tries again.
	 */
	private static final String BOUND_TICK = """
			SELECT set_config('lock_timeout', '1s', true), set_config('statement_timeout', '5s', true)
			""";

	private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(:key)";

	/**
	 * Served by {@code import_job_open} (V4), which holds only jobs that have not ended.
	 */
	private static final String OPEN = """
			SELECT j.id, j.status, j.chunk_count, j.chunks_done, j.updated_at,
			       EXISTS (SELECT 1 FROM import_chunk c WHERE c.job_id = j.id) AS has_ledger_rows
			FROM import_job j
			WHERE j.status IN (%s)
			ORDER BY j.created_at, j.id
			""".formatted(JobStatus.OPEN_SQL);

	private static final String MISSING = """
			SELECT i FROM generate_series(0, :chunkCount - 1) AS i
			WHERE NOT EXISTS (SELECT 1 FROM import_chunk c WHERE c.job_id = :jobId AND c.chunk_index = i)
			ORDER BY i
			""";

	/**
	 * Rolls every open job up from its ledger, ending those whose chunks have all landed:
	 * the finisher of a chunk whose worker died between its commit and its roll-up (ADR
	 * 0036).
	 */
	private static final String ROLL_UP = JobLedger.rollUp("true");

	/**
	 * Counts every photo not yet accounted for as failed, so that the failed job's
	 * {@code written + duplicate + failed = total} (ADR 0019); for a job with no chunk
	 * that is all of them. Also releases the job's idempotency key, as the API does when
	 * a publish fails (ADR 0013): the client's retry with the same key then makes a new
	 * job. Run with the job's gate closed.
	 */
	private static final String FAIL_PENDING = """
			UPDATE import_job
			SET status = %s, failure_reason = :reason, finished_at = clock_timestamp(), updated_at = clock_timestamp(),
			    failed = total_photos - written - duplicate, idempotency_key = NULL
			WHERE id = :jobId AND status = %s AND chunks_done = 0 AND updated_at = :updatedAt
			  AND NOT EXISTS (SELECT 1 FROM import_chunk c WHERE c.job_id = :jobId)
			""".formatted(JobStatus.FAILED.sql(), JobStatus.PENDING.sql());

	/**
	 * Counts the photos of the chunks that never arrived as failed, beside those of
	 * chunks recorded failed, so that {@code written + duplicate + failed = total} (ADR
	 * 0019), all from the ledger, which must hold no chunk the job's row has not counted
	 * yet: a chunk that landed is progress. Run with the job's gate closed.
	 */
	private static final String FAIL_STALLED = """
			WITH ledger AS (
			    %s
			)
			UPDATE import_job j
			SET status = %s, failure_reason = :reason, finished_at = clock_timestamp(), updated_at = clock_timestamp(),
			    written = s.written, duplicate = s.duplicate, failed = j.total_photos - s.written - s.duplicate
			FROM ledger s
			WHERE j.id = :jobId AND s.job_id = j.id AND j.status IN (%s) AND j.chunks_done = :chunksDone
			  AND j.updated_at = :updatedAt AND s.chunks = j.chunks_done
			""".formatted(JobLedger.figures("j.id = :jobId"), JobStatus.FAILED.sql(),
			JobStatus.sqlIn(EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING)));

	private final JdbcClient jdbc;

	OpenJobs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Bounds this transaction's statements and takes the reconciler's lock if no other
	 * worker holds it. Call first in the tick's transaction.
	 * @return whether this worker may act in this transaction
	 */
	boolean tryLock() {
		this.jdbc.sql(BOUND_TICK).query().singleRow();
		return Boolean.TRUE.equals(this.jdbc.sql(TRY_LOCK).param("key", LOCK_KEY).query(Boolean.class).single());
	}

	List<OpenJob> list() {
		return this.jdbc.sql(OPEN)
			.query((row, number) -> new OpenJob(row.getObject("id", UUID.class),
					JobStatus.valueOf(row.getString("status")), row.getInt("chunk_count"), row.getInt("chunks_done"),
					row.getObject("updated_at", OffsetDateTime.class).toInstant(), row.getBoolean("has_ledger_rows")))
			.list();
	}

	/** The job's chunk indexes without a ledger row, ascending. */
	List<Integer> missingChunks(OpenJob job) {
		return this.jdbc.sql(MISSING)
			.param("chunkCount", job.chunkCount())
			.param("jobId", job.id())
			.query(Integer.class)
			.list();
	}

	/**
	 * Rolls every open job up from its ledger.
	 * @return the jobs that ended now, with their figures
	 */
	List<FinishedJob> rollUp() {
		return this.jdbc.sql(ROLL_UP)
			.query((row, number) -> new FinishedJob(row.getObject("id", UUID.class),
					JobStatus.valueOf(row.getString("status")), row.getInt("written"), row.getInt("duplicate"),
					row.getInt("failed")))
			.list()
			.stream()
			.filter((job) -> job.status().isTerminal())
			.toList();
	}

	/**
	 * Fails a never-published job, unless it moved since it was read or is being written.
	 */
	boolean failPending(OpenJob job, String reason) {
		return closeGate(job) && this.jdbc.sql(FAIL_PENDING)
			.param("reason", reason)
			.param("jobId", job.id())
			.param("updatedAt", job.updatedAt().atOffset(ZoneOffset.UTC))
			.update() == 1;
	}

	/** Fails a stalled job, unless it moved since it was read or is being written. */
	boolean failStalled(OpenJob job, String reason) {
		return closeGate(job) && this.jdbc.sql(FAIL_STALLED)
			.param("reason", reason)
			.param("jobId", job.id())
			.param("chunksDone", job.chunksDone())
			.param("updatedAt", job.updatedAt().atOffset(ZoneOffset.UTC))
			.update() == 1;
	}

	private boolean closeGate(OpenJob job) {
		// A job being written is not stalled, and the tick must not wait: try, do not
		// wait. A statement of its own, so the failing statement's snapshot sees every
		// ledger row (ADR 0036).
		return Boolean.TRUE
			.equals(this.jdbc.sql(JobLedger.TRY_CLOSE_GATE).param(job.id()).query(Boolean.class).single());
	}

	/**
	 * A job a roll-up ended.
	 *
	 * @param id the job
	 * @param status {@code COMPLETED} or {@code COMPLETED_WITH_ERRORS}
	 * @param written photos written
	 * @param duplicate photos already there
	 * @param failed photos failed
	 */
	record FinishedJob(UUID id, JobStatus status, int written, int duplicate, int failed) {

	}

}
