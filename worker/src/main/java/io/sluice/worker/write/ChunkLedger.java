package io.sluice.worker.write;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.sluice.common.chunk.ChunkMembership;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.job.JobLedger;
import io.sluice.common.job.LedgerOutcome;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The chunk ledger, {@code import_chunk}: one row per chunk whose transaction committed,
 * with the chunk's counts; the job's counters are their sums (ADR 0036). Claiming a chunk
 * inserts its row first, so a redelivered chunk finds it and stops, and a concurrent
 * duplicate waits on the primary key until the first one commits. A chunk that does not
 * belong to the job it names ({@link ChunkMembership}) is never claimed nor recorded.
 */
class ChunkLedger {

	/**
	 * The outcome a chunk of a job in status {@code %1$s} is recorded with: skipped if
	 * the job has ended without it ({@code CANCELLED} or {@code FAILED}), else
	 * {@code %2$s}.
	 */
	private static final String OUTCOME = "CASE %1$s " + skips() + "ELSE %2$s END";

	/**
	 * The offered chunks of {@code offered o} joined to their existing jobs as
	 * {@code jobs j}: {@code j.id}, {@code j.status} as read past the job's gate (which
	 * is held until the transaction ends; ADR 0036), and the job's columns
	 * {@link ChunkMembership#BELONGS} compares.
	 */
	private static final String JOBS = """
			SELECT g.id, g.status, i.owner, i.album_id, i.chunk_count, i.total_photos
			FROM (%s) AS g
			JOIN import_job i ON i.id = g.id""".formatted(JobLedger.passGates("SELECT job_id FROM offered"));

	/**
	 * One row when the job exists: {@code belongs} ({@link ChunkMembership#BELONGS}), the
	 * job's {@code owner, album_id, chunk_count, total_photos}, and {@code claimed}: the
	 * outcome just inserted, or null if the chunk's row already existed or the chunk does
	 * not belong to the job. No row when the job does not exist. A chunk whose job has
	 * ended without it ({@code CANCELLED} or {@code FAILED}) is claimed
	 * {@code SKIPPED_CANCELLED} or {@code SKIPPED_FAILED}: nothing of it is to be
	 * written.
	 */
	private static final String CLAIM = """
			WITH offered AS (
			    %1$s
			), jobs AS MATERIALIZED (
			    %2$s
			), claimed AS (
			    INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count)
			    SELECT o.job_id, o.chunk_index, %3$s, o.photo_count
			    FROM offered o JOIN jobs j ON j.id = o.job_id
			    WHERE %4$s
			    ON CONFLICT (job_id, chunk_index) DO NOTHING
			    RETURNING outcome
			)
			SELECT %4$s AS belongs, j.owner, j.album_id, j.chunk_count, j.total_photos,
			       (SELECT outcome FROM claimed) AS claimed
			FROM offered o JOIN jobs j ON j.id = o.job_id
			""".formatted(ChunkMembership.OFFERED, JOBS, OUTCOME.formatted("j.status", LedgerOutcome.WRITTEN.sql()),
			ChunkMembership.BELONGS);

	/**
	 * {@link #CLAIM} for many chunks at once, one row per offered chunk in the order
	 * offered: {@code job_exists}, and the rest as in {@link #CLAIM}. A chunk claimed
	 * {@code WRITTEN} is recorded with all its photos written, so the caller must write
	 * them all in the same transaction. Rows are inserted in key order, so two concurrent
	 * claims that overlap wait for each other instead of deadlocking.
	 */
	private static final String CLAIM_ALL = """
			WITH offered AS (
			    SELECT * FROM unnest(:jobIds::uuid[], :owners::text[], :albumIds::bigint[], :chunkIndexes::int[],
			                         :chunkCounts::int[], :firstPhotoIndexes::int[], :photoCounts::int[])
			        WITH ORDINALITY AS o (job_id, owner, album_id, chunk_index, chunk_count, first_photo_index,
			                              photo_count, position)
			), jobs AS MATERIALIZED (
			    %1$s
			), claimed AS (
			    INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, written)
			    SELECT o.job_id, o.chunk_index, s.outcome, o.photo_count,
			           CASE WHEN s.outcome = %2$s THEN o.photo_count ELSE 0 END
			    FROM offered o
			    JOIN jobs j ON j.id = o.job_id
			    CROSS JOIN LATERAL (SELECT %3$s AS outcome) s
			    WHERE %4$s
			    ORDER BY o.job_id, o.chunk_index
			    ON CONFLICT (job_id, chunk_index) DO NOTHING
			    RETURNING job_id, chunk_index, outcome
			)
			SELECT j.id IS NOT NULL AS job_exists, coalesce(%4$s, false) AS belongs, j.owner, j.album_id,
			       j.chunk_count, j.total_photos, c.outcome AS claimed
			FROM offered o
			LEFT JOIN jobs j ON j.id = o.job_id
			LEFT JOIN claimed c ON c.job_id = o.job_id AND c.chunk_index = o.chunk_index
			ORDER BY o.position
			""".formatted(JOBS, LedgerOutcome.WRITTEN.sql(), OUTCOME.formatted("j.status", LedgerOutcome.WRITTEN.sql()),
			ChunkMembership.BELONGS);

	private static final String RECORD_COUNTS = """
			UPDATE import_chunk SET written = :written, duplicate = :duplicate, failed = :failed
			WHERE job_id = :jobId AND chunk_index = :chunkIndex
			""";

	/**
	 * Records a chunk that can never be written: {@code FAILED} with all its photos
	 * failed, or, if its job has ended without it, skipped as {@link #CLAIM} would, with
	 * no photo counted. Returns the outcome recorded; no row if the job does not exist,
	 * the chunk does not belong to it ({@link ChunkMembership#BELONGS}) or has a row
	 * already.
	 */
	private static final String RECORD_FAILED = """
			WITH offered AS (
			    %1$s
			), jobs AS MATERIALIZED (
			    %2$s
			)
			INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, failed, error)
			SELECT o.job_id, o.chunk_index, s.outcome, o.photo_count,
			       CASE WHEN s.outcome = %3$s THEN o.photo_count ELSE 0 END, :error
			FROM offered o
			JOIN jobs j ON j.id = o.job_id
			CROSS JOIN LATERAL (SELECT %4$s AS outcome) s
			WHERE %5$s
			ON CONFLICT (job_id, chunk_index) DO NOTHING
			RETURNING outcome
			""".formatted(ChunkMembership.OFFERED, JOBS, LedgerOutcome.FAILED.sql(),
			OUTCOME.formatted("j.status", LedgerOutcome.FAILED.sql()), ChunkMembership.BELONGS);

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

	/**
	 * Claims a chunk's ledger row.
	 * @return the claim
	 * @throws ForeignChunkException if the chunk does not belong to the job it names
	 */
	Claim claim(PhotoChunk chunk) {
		return ChunkMembership.offer(this.jdbc.sql(CLAIM), chunk)
			.query((row, number) -> claimed(chunk, row))
			.optional()
			.orElse(Claim.UNKNOWN_JOB);
	}

	/**
	 * The claim a row of {@link #CLAIM} or {@link #CLAIM_ALL} answers for a chunk whose
	 * job exists.
	 */
	private static Claim claimed(PhotoChunk chunk, ResultSet row) throws SQLException {
		if (!row.getBoolean("belongs")) {
			throw new ForeignChunkException(chunk, row.getString("owner"), row.getLong("album_id"),
					row.getInt("chunk_count"), row.getInt("total_photos"));
		}
		return Claim.of(row.getString("claimed"));
	}

	/**
	 * Claims distinct chunks in one statement, each as if by {@link #claim}; a claimed
	 * chunk is recorded with all its photos written.
	 * @param chunks chunks with distinct keys
	 * @return each chunk's claim, in the order given
	 * @throws ForeignChunkException if a chunk does not belong to the job it names; the
	 * caller's transaction must then roll back
	 */
	List<Claim> claimAllWritten(List<PhotoChunk> chunks) {
		int size = chunks.size();
		UUID[] jobIds = new UUID[size];
		String[] owners = new String[size];
		Long[] albumIds = new Long[size];
		Integer[] chunkIndexes = new Integer[size];
		Integer[] chunkCounts = new Integer[size];
		Integer[] firstPhotoIndexes = new Integer[size];
		Integer[] photoCounts = new Integer[size];
		for (int i = 0; i < size; i++) {
			PhotoChunk chunk = chunks.get(i);
			jobIds[i] = chunk.jobId();
			owners[i] = chunk.owner();
			albumIds[i] = chunk.albumId();
			chunkIndexes[i] = chunk.chunkIndex();
			chunkCounts[i] = chunk.chunkCount();
			firstPhotoIndexes[i] = chunk.firstPhotoIndex();
			photoCounts[i] = chunk.photos().size();
		}
		return this.jdbc.sql(CLAIM_ALL)
			.param("jobIds", new SqlArrayValue("uuid", (Object[]) jobIds))
			.param("owners", new SqlArrayValue("text", (Object[]) owners))
			.param("albumIds", new SqlArrayValue("int8", (Object[]) albumIds))
			.param("chunkIndexes", new SqlArrayValue("int4", (Object[]) chunkIndexes))
			.param("chunkCounts", new SqlArrayValue("int4", (Object[]) chunkCounts))
			.param("firstPhotoIndexes", new SqlArrayValue("int4", (Object[]) firstPhotoIndexes))
			.param("photoCounts", new SqlArrayValue("int4", (Object[]) photoCounts))
			.query((row, number) -> row.getBoolean("job_exists") ? claimed(chunks.get(number), row) : Claim.UNKNOWN_JOB)
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
	 * recorded skipped now because its job has ended; empty if the job does not exist,
	 * the chunk does not belong to it, or the chunk was recorded before
	 */
	Optional<Claim> recordFailed(PhotoChunk chunk, String error) {
		return ChunkMembership.offer(this.jdbc.sql(RECORD_FAILED), chunk)
			.param("error", error)
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
