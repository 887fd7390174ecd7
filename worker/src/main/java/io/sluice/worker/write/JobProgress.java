package io.sluice.worker.write;

import java.util.UUID;

import io.sluice.common.job.JobStatus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves a job's counters and status by one or more chunks. Runs last in the chunk
 * transaction so the job row's lock is held only until commit. A job that has ended
 * without all its chunks ({@code FAILED}, {@code CANCELLED}) is never moved: its counters
 * already account for every photo, and its chunks are claimed as skipped (ADR 0019).
 */
class JobProgress {

	private static final String ADVANCE = """
			UPDATE import_job
			SET chunks_done = chunks_done + :chunks,
			    written = written + :written,
			    duplicate = duplicate + :duplicate,
			    failed = failed + :failed,
			    status = CASE
			        WHEN status IN (%1$s) THEN status
			        WHEN chunks_done + :chunks < chunk_count THEN %2$s
			        WHEN failed + :failed > 0 THEN %3$s
			        ELSE %4$s
			    END,
			    finished_at = CASE
			        WHEN status IN (%1$s) THEN finished_at
			        WHEN chunks_done + :chunks < chunk_count THEN finished_at
			        ELSE clock_timestamp()
			    END,
			    updated_at = clock_timestamp()
			WHERE id = :jobId AND status NOT IN (%5$s)
			RETURNING status, chunks_done, chunk_count, written, duplicate, failed
			""".formatted(JobStatus.COMPLETE_SQL, JobStatus.RUNNING.sql(), JobStatus.COMPLETED_WITH_ERRORS.sql(),
			JobStatus.COMPLETED.sql(), JobStatus.CUT_SHORT_SQL);

	private final JdbcClient jdbc;

	JobProgress(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	JobSnapshot advance(UUID jobId, ChunkCounts counts) {
		return advance(jobId, 1, counts);
	}

	/**
	 * Moves the job by several of its chunks at once.
	 * @param jobId the job
	 * @param chunks how many chunks are done now
	 * @param counts their counts, summed
	 * @return the job after them
	 * @throws JobEndedException if the job failed or was cancelled after these chunks
	 * were claimed; the transaction must not commit
	 */
	JobSnapshot advance(UUID jobId, int chunks, ChunkCounts counts) {
		return this.jdbc.sql(ADVANCE)
			.param("chunks", chunks)
			.param("written", counts.written())
			.param("duplicate", counts.duplicate())
			.param("failed", counts.failed())
			.param("jobId", jobId)
			.query((row, number) -> new JobSnapshot(jobId, JobStatus.valueOf(row.getString("status")),
					row.getInt("chunks_done"), row.getInt("chunk_count"), row.getInt("written"),
					row.getInt("duplicate"), row.getInt("failed")))
			.optional()
			.orElseThrow(() -> new JobEndedException(jobId));
	}

}
