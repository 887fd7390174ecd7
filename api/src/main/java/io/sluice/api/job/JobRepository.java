package io.sluice.api.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import io.sluice.common.job.JobStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The API's statements on {@code import_job}: one per call, whatever the job's size.
 * Status changes are conditional on {@code PENDING}, so that the API never overwrites
 * progress a worker has already recorded.
 */
@Repository
class JobRepository {

	private static final String INSERT_PENDING = """
			INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count)
			VALUES (?, ?, ?, 'PENDING', ?, ?)
			RETURNING id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			          created_at, updated_at, finished_at, failure_reason
			""";

	private static final String MARK_QUEUED = """
			UPDATE import_job
			SET status = 'QUEUED', updated_at = now()
			WHERE id = ? AND status = 'PENDING'
			RETURNING id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			          created_at, updated_at, finished_at, failure_reason
			""";

	private static final String MARK_FAILED = """
			UPDATE import_job
			SET status = 'FAILED', failure_reason = ?, finished_at = now(), updated_at = now()
			WHERE id = ? AND status = 'PENDING'
			RETURNING id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			          created_at, updated_at, finished_at, failure_reason
			""";

	private static final String FIND_BY_ID_AND_OWNER = """
			SELECT id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			       created_at, updated_at, finished_at, failure_reason
			FROM import_job
			WHERE id = ? AND owner = ?
			""";

	private static final RowMapper<Job> JOB = JobRepository::job;

	private final JdbcTemplate jdbc;

	JobRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a new job as {@code PENDING}.
	 * @param id the new job's id
	 * @param owner its owner
	 * @param albumId its album
	 * @param totalPhotos how many photos it holds
	 * @param chunkCount how many chunks will be published
	 * @return the row as stored
	 */
	Job insertPending(UUID id, String owner, long albumId, int totalPhotos, int chunkCount) {
		return this.jdbc.queryForObject(INSERT_PENDING, JOB, id, owner, albumId, totalPhotos, chunkCount);
	}

	/**
	 * Moves a job from {@code PENDING} to {@code QUEUED}.
	 * @param id the job
	 * @return the updated row, or empty if the job was no longer {@code PENDING} (a
	 * worker has already started it)
	 */
	Optional<Job> markQueued(UUID id) {
		return this.jdbc.query(MARK_QUEUED, JOB, id).stream().findFirst();
	}

	/**
	 * Moves a job from {@code PENDING} to {@code FAILED} with a reason.
	 * @param id the job
	 * @param reason why
	 * @return the updated row, or empty if the job was no longer {@code PENDING}
	 */
	Optional<Job> markFailed(UUID id, String reason) {
		return this.jdbc.query(MARK_FAILED, JOB, reason, id).stream().findFirst();
	}

	/**
	 * Finds a job of one owner; another owner's job is not found.
	 * @param id the job
	 * @param owner the caller
	 * @return the job, if it exists and belongs to {@code owner}
	 */
	Optional<Job> find(UUID id, String owner) {
		return this.jdbc.query(FIND_BY_ID_AND_OWNER, JOB, id, owner).stream().findFirst();
	}

	private static Job job(ResultSet rs, int row) throws SQLException {
		return new Job(rs.getObject("id", UUID.class), rs.getString("owner"), rs.getLong("album_id"),
				JobStatus.valueOf(rs.getString("status")), rs.getInt("total_photos"), rs.getInt("chunk_count"),
				rs.getInt("written"), rs.getInt("duplicate"), rs.getInt("failed"), instant(rs, "created_at"),
				instant(rs, "updated_at"), instant(rs, "finished_at"), rs.getString("failure_reason"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
