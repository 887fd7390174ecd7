package io.sluice.worker.write;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.job.JobLedger;
import io.sluice.common.job.LedgerOutcome;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The chunk ledger, {@code import_chunk}: one row per chunk whose transaction committed,
 * with the chunk's counts; the job's counters are their sums (ADR 0036). Claiming a chunk
 * inserts its row first, so a redelivered chunk finds it and stops, and a concurrent
 * duplicate waits on the primary key until the first one commits.
 */
class ChunkLedger {

	/**
	 * The outcome a chunk of a job in status {@code %1$s} is recorded with: skipped if
	 * the job has ended without it ({@code CANCELLED} or {@code FAILED}), else
	 * {@code %2$s}.
	 */
	private static final String OUTCOME = "CASE %1$s " + skips() + "ELSE %2$s END";

	/**
	 * One row when the job exists: {@code claimed} is the outcome just inserted, or null
	 * if the chunk's row already existed. No row when the job does not exist. A chunk
	 * whose job has ended without it ({@code CANCELLED} or {@code FAILED}) is claimed
	 * {@code SKIPPED_CANCELLED} or {@code SKIPPED_FAILED}: nothing of it is to be
	 * written. The job's gate is passed first and held until the transaction ends, so the
	 * status read is the one the job's end, if under way, left (ADR 0036).
	 */
	private static final String CLAIM = """
			WITH job AS MATERIALIZED (
			    SELECT id, %s AS outcome FROM (%s) AS gated
			), claimed AS (
			    INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count)
			    SELECT id, :chunkIndex, outcome, :photoCount FROM job
			    ON CONFLICT (job_id, chunk_index) DO NOTHING
			    RETURNING outcome
			)
			SELECT (SELECT outcome FROM claimed) AS claimed FROM job
			""".formatted(OUTCOME.formatted("status", LedgerOutcome.WRITTEN.sql()),
			JobLedger.passGates("SELECT :jobId::uuid"));

	/**
	 * {@link #CLAIM} for many chunks at once, one row per offered chunk in the order
	 * offered: {@code job_exists}, and {@code claimed} as in {@link #CLAIM}. A chunk
	 * claimed {@code WRITTEN} is recorded with all its photos written, so the caller must
	 * write them all in the same transaction. Rows are inserted in key order, so two
	 * concurrent claims that overlap wait for each other instead of deadlocking.
	 */
	private static final String CLAIM_ALL = """
			WITH offered AS (
			    SELECT * FROM unnest(:jobIds::uuid[], :chunkIndexes::int[], :photoCounts::int[])
			        WITH ORDINALITY AS o (job_id, chunk_index, photo_count, position)
			), jobs AS MATERIALIZED (
			    %1$s
			), claimed AS (
			    INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, written)
			    SELECT o.job_id, o.chunk_index, s.outcome, o.photo_count,
			           CASE WHEN s.outcome = %2$s THEN o.photo_count ELSE 0 END
			    FROM offered o
			    JOIN jobs j ON j.id = o.job_id
			    CROSS JOIN LATERAL (SELECT %3$s AS outcome) s
			    ORDER BY o.job_id, o.chunk_index
			    ON CONFLICT (job_id, chunk_index) DO NOTHING
			    RETURNING job_id, chunk_index, outcome
			)
			SELECT j.id IS NOT NULL AS job_exists, c.outcome AS claimed
			FROM offered o
			LEFT JOIN jobs j ON j.id = o.job_id
			LEFT JOIN claimed c ON c.job_id = o.job_id AND c.chunk_index = o.chunk_index
			ORDER BY o.position
			""".formatted(JobLedger.passGates("SELECT job_id FROM offered"), LedgerOutcome.WRITTEN.sql(),
			OUTCOME.formatted("j.status", LedgerOutcome.WRITTEN.sql()));

	private static final String RECORD_COUNTS = """
			UPDATE import_chunk SET written = :written, duplicate = :duplicate, failed = :failed
			WHERE job_id = :jobId AND chunk_index = :chunkIndex
			""";

	/**
	 * Records a chunk that can never be written: {@code FAILED} with all its photos
	 * failed, or, if its job has ended without it, skipped as {@link #CLAIM} would, with
	 * no photo counted. Returns the outcome recorded; no row if the job does not exist or
	 * the chunk has a row already.
	 */
	private static final String RECORD_FAILED = """
			WITH job AS MATERIALIZED (
			    %1$s
			)
			INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, failed, error)
			SELECT j.id, :chunkIndex, s.outcome, :photoCount, CASE WHEN s.outcome = %2$s THEN :photoCount ELSE 0 END,
			       :error
			FROM job j
			CROSS JOIN LATERAL (SELECT %3$s AS outcome) s
			ON CONFLICT (job_id, chunk_index) DO NOTHING
			RETURNING outcome
			""".formatted(JobLedger.passGates("SELECT :jobId::uuid"), LedgerOutcome.FAILED.sql(),
			OUTCOME.formatted("j.status", LedgerOutcome.FAILED.sql()));

	private final JdbcClient jdbc;

	ChunkLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One {@code WHEN <job status> THEN <outcome> } arm per outcome that skips the chunks
	 * of a job cut short.
	 */
	private static String skips() {
		StringBuilder arms = new StringBuilder();
		for (LedgerOutcome outcome : LedgerOutcome.values()) {
			if (outcome.skippedFor() != null) {
				arms.append("WHEN ")
					.append(outcome.skippedFor().sql())
					.append(" THEN ")
					.append(outcome.sql())
					.append(' ');
			}
		}
		return arms.toString();
	}

	Claim claim(PhotoChunk chunk) {
		return this.jdbc.sql(CLAIM)
			.param("jobId", chunk.jobId())
			.param("chunkIndex", chunk.chunkIndex())
			.param("photoCount", chunk.photos().size())
			.query((row, number) -> Claim.of(row.getString("claimed")))
			.optional()
			.orElse(Claim.UNKNOWN_JOB);
	}

	/**
	 * Claims distinct chunks in one statement, each as if by {@link #claim}; a claimed
	 * chunk is recorded with all its photos written.
	 * @param chunks chunks with distinct keys
	 * @return each chunk's claim, in the order given
	 */
	List<Claim> claimAllWritten(List<PhotoChunk> chunks) {
		UUID[] jobIds = new UUID[chunks.size()];
		Integer[] chunkIndexes = new Integer[chunks.size()];
		Integer[] photoCounts = new Integer[chunks.size()];
		for (int i = 0; i < chunks.size(); i++) {
			PhotoChunk chunk = chunks.get(i);
			jobIds[i] = chunk.jobId();
			chunkIndexes[i] = chunk.chunkIndex();
			photoCounts[i] = chunk.photos().size();
		}
		return this.jdbc.sql(CLAIM_ALL)
			.param("jobIds", new SqlArrayValue("uuid", (Object[]) jobIds))
			.param("chunkIndexes", new SqlArrayValue("int4", (Object[]) chunkIndexes))
			.param("photoCounts", new SqlArrayValue("int4", (Object[]) photoCounts))
			.query((row, number) -> row.getBoolean("job_exists") ? Claim.of(row.getString("claimed"))
					: Claim.UNKNOWN_JOB)
			.list();
	}

	void recordCounts(PhotoChunk chunk, ChunkCounts counts) {
		this.jdbc.sql(RECORD_COUNTS)
			.param("written", counts.written())
			.param("duplicate", counts.duplicate())
			.param("failed", counts.failed())
			.param("jobId", chunk.jobId())
			.param("chunkIndex", chunk.chunkIndex())
			.update();
	}

	/**
	 * Records a chunk that can never be written.
	 * @return {@link Claim#CLAIMED} if recorded {@code FAILED} now (its photos are to be
	 * counted failed), {@link Claim#SKIPPED_CANCELLED} or {@link Claim#SKIPPED_FAILED} if
	 * recorded skipped now because its job has ended; empty if the job does not exist or
	 * the chunk was recorded before
	 */
	Optional<Claim> recordFailed(PhotoChunk chunk, String error) {
		return this.jdbc.sql(RECORD_FAILED)
			.param("chunkIndex", chunk.chunkIndex())
			.param("photoCount", chunk.photos().size())
			.param("error", error)
			.param("jobId", chunk.jobId())
			.query((row, number) -> Claim.of(row.getString("outcome")))
			.optional();
	}

	enum Claim {

		/** The ledger row was inserted now: write the photos (or count them failed). */
		CLAIMED,
		/** The ledger row already existed: the chunk was done before. */
		ALREADY_DONE,
		/** The job is cancelled; the row now says so. */
		SKIPPED_CANCELLED,
		/** The job has failed; the row now says so. */
		SKIPPED_FAILED,
		/** The job does not exist; nothing was inserted. */
		UNKNOWN_JOB;

		static Claim of(String claimedOutcome) {
			if (claimedOutcome == null) {
				return ALREADY_DONE;
			}
			return switch (LedgerOutcome.valueOf(claimedOutcome)) {
				case SKIPPED_CANCELLED -> SKIPPED_CANCELLED;
				case SKIPPED_FAILED -> SKIPPED_FAILED;
				case WRITTEN, FAILED -> CLAIMED;
			};
		}

	}

}
