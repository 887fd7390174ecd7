package io.sluice.worker.write;

import io.sluice.common.chunk.PhotoChunk;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The chunk ledger, {@code import_chunk}: one row per chunk whose transaction committed.
 * Claiming a chunk inserts its row first, so a redelivered chunk finds it and stops, and
 * a concurrent duplicate waits on the primary key until the first one commits.
 */
class ChunkLedger {

	/**
	 * One row when the job exists: {@code claimed} is the outcome just inserted, or null
	 * if the chunk's row already existed. No row when the job does not exist.
	 */
	private static final String CLAIM = """
			WITH job AS (
			    SELECT id, status FROM import_job WHERE id = :jobId
			), claimed AS (
			    INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count)
			    SELECT id, :chunkIndex, CASE WHEN status = 'CANCELLED' THEN 'SKIPPED_CANCELLED' ELSE 'WRITTEN' END,
			           :photoCount
			    FROM job
			    ON CONFLICT (job_id, chunk_index) DO NOTHING
			    RETURNING outcome
			)
			SELECT (SELECT outcome FROM claimed) AS claimed FROM job
			""";

	private static final String RECORD_COUNTS = """
			UPDATE import_chunk SET written = :written, duplicate = :duplicate
			WHERE job_id = :jobId AND chunk_index = :chunkIndex
			""";

	private static final String RECORD_FAILED = """
			INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, failed, error)
			SELECT id, :chunkIndex, 'FAILED', :photoCount, :photoCount, :error FROM import_job WHERE id = :jobId
			ON CONFLICT (job_id, chunk_index) DO NOTHING
			""";

	private final JdbcClient jdbc;

	ChunkLedger(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

	void recordCounts(PhotoChunk chunk, ChunkCounts counts) {
		this.jdbc.sql(RECORD_COUNTS)
			.param("written", counts.written())
			.param("duplicate", counts.duplicate())
			.param("jobId", chunk.jobId())
			.param("chunkIndex", chunk.chunkIndex())
			.update();
	}

	/**
	 * Records a chunk that can never be written.
	 * @return {@code true} if recorded now; {@code false} if the job does not exist or
	 * the chunk was recorded before
	 */
	boolean recordFailed(PhotoChunk chunk, String error) {
		return this.jdbc.sql(RECORD_FAILED)
			.param("chunkIndex", chunk.chunkIndex())
			.param("photoCount", chunk.photos().size())
			.param("error", error)
			.param("jobId", chunk.jobId())
			.update() == 1;
	}

	enum Claim {

		/** The ledger row was inserted now: write the photos. */
		CLAIMED,
		/** The ledger row already existed: the chunk was done before. */
		ALREADY_DONE,
		/** The job is cancelled; the row now says so. */
		SKIPPED_CANCELLED,
		/** The job does not exist; nothing was inserted. */
		UNKNOWN_JOB;

		static Claim of(String claimedOutcome) {
			if (claimedOutcome == null) {
				return ALREADY_DONE;
			}
			return claimedOutcome.equals("SKIPPED_CANCELLED") ? SKIPPED_CANCELLED : CLAIMED;
		}

	}

}
