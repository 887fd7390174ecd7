package io.sluice.worker.write;

import java.util.UUID;

import io.sluice.common.job.JobStatus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves a job's counters and status by one or more chunks. Runs last in the chunk
 * transaction so the job row's lock is held only until commit. A terminal status is never
 * changed; counters still are, so that nothing a chunk did goes uncounted.
 */
class JobProgress {

	private static final String ADVANCE = """
			UPDATE import_job
			SET chunks_done = chunks_done + :chunks,
			    written = written + :written,
			    duplicate = duplicate + :duplicate,
			    failed = failed + :failed,
			    status = CASE
			        WHEN status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED') THEN status
			        WHEN chunks_done + :chunks < chunk_count THEN 'RUNNING'
			        WHEN failed + :failed > 0 THEN 'COMPLETED_WITH_ERRORS'
			        ELSE 'COMPLETED'
			    END,
			    finished_at = CASE
			        WHEN status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED') THEN finished_at
			        WHEN chunks_done + :chunks < chunk_count THEN finished_at
			        ELSE clock_timestamp()
			    END,
			    updated_at = clock_timestamp()
			WHERE id = :jobId
			RETURNING status, chunks_done, chunk_count, written, duplicate, failed
			""";

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
			.single();
	}

}
