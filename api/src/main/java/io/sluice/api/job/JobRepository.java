package io.sluice.api.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.sluice.common.job.JobLedger;
import io.sluice.common.job.JobStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The API's statements on {@code import_job}: one per call, whatever the job's size, but
 * for the gate an early end closes first (ADR 0036). Status changes are conditional:
 * {@code QUEUED} and {@code FAILED} on {@code PENDING}, so that the API never overwrites
 * progress a worker has already recorded or a cancel; {@code CANCELLED} on a job that has
 * not ended, with the figures its ledger holds.
 */
@Repository
public class JobRepository {

	private static final String INSERT_PENDING = """
			INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count, idempotency_key,
			                        request_hash, callback_url)
			VALUES (?, ?, ?, %s, ?, ?, ?, ?, ?)
			ON CONFLICT (owner, idempotency_key) DO NOTHING
			RETURNING id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			          cancelled, created_at, updated_at, finished_at, failure_reason, now() AS read_at, callback_url
			""".formatted(JobStatus.PENDING.sql());

	private static final String MARK_QUEUED = """
			UPDATE import_job
			SET status = %s, updated_at = clock_timestamp()
			WHERE id = ? AND status = %s
			RETURNING id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			          cancelled, created_at, updated_at, finished_at, failure_reason, clock_timestamp() AS read_at,
			          callback_url
			""".formatted(JobStatus.QUEUED.sql(), JobStatus.PENDING.sql());

	/**
	 * {@link #MARK_QUEUED} for the jobs of one Kafka transaction at once, answering every
	 * job's row: those it moved, and as they stood when it began those it did not (a
	 * worker or a cancel was quicker), these with their callback's newest delivery.
	 */
	private static final String MARK_ALL_QUEUED = """
			WITH queued AS (
			    UPDATE import_job
			    SET status = %s, updated_at = clock_timestamp()
			    WHERE id = ANY (?::uuid[]) AND status = %s
			    RETURNING id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			              cancelled, created_at, updated_at, finished_at, failure_reason, clock_timestamp() AS read_at,
			              callback_url, %s)
			SELECT * FROM queued
			UNION ALL
			SELECT id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			       cancelled, created_at, updated_at, finished_at, failure_reason, now() AS read_at, callback_url,
			       %s
			FROM import_job j
			%s
			WHERE id = ANY (?::uuid[]) AND id NOT IN (SELECT id FROM queued)
			""".formatted(JobStatus.QUEUED.sql(), JobStatus.PENDING.sql(), Callbacks.NONE_READ, Callbacks.COLUMNS,
			Callbacks.LATEST_DELIVERY);

	/**
	 * Counts every photo as failed, so that {@code written + duplicate + failed = total}
	 * (ADR 0019), unless a chunk has landed: then Kafka did take the chunks after all,
	 * and the job goes on. Run with the job's gate closed, so that the ledger is read
	 * after every chunk transaction already past the gate committed (ADR 0036).
	 */
	private static final String MARK_FAILED = """
			UPDATE import_job
			SET status = %s, failure_reason = ?, finished_at = clock_timestamp(), updated_at = clock_timestamp(),
			    failed = total_photos - written - duplicate, idempotency_key = NULL
			WHERE id = ? AND status = %s AND NOT EXISTS (SELECT 1 FROM import_chunk c WHERE c.job_id = import_job.id)
			RETURNING id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			          cancelled, created_at, updated_at, finished_at, failure_reason, clock_timestamp() AS read_at,
			          callback_url
			""".formatted(JobStatus.FAILED.sql(), JobStatus.PENDING.sql());

	/** Cancels one job of one owner: its id and owner are the parameters. */
	private static final String CANCEL_ONE = JobLedger.cancel("j.id = ? AND j.owner = ?", "");

	/**
	 * Who may no longer import into the album of job {@code j}: an owner who neither owns
	 * it nor has it shared (ADR 0032).
	 */
	private static final String BARRED = """
			NOT EXISTS (SELECT 1 FROM album_owner o WHERE o.album_id = j.album_id AND o.owner = j.owner)
			AND NOT EXISTS (SELECT 1 FROM album_share s WHERE s.album_id = j.album_id AND s.owner = j.owner)""";

	/**
	 * Closes the gates of an album's open jobs whose owners may no longer import into it:
	 * the album's id is the parameter.
	 */
	private static final String CLOSE_BARRED_GATES = JobLedger
		.closeGates("SELECT j.id FROM import_job j WHERE j.album_id = ? AND j.status IN (%s) AND %s"
			.formatted(JobStatus.OPEN_SQL, BARRED));

	/**
	 * Cancels the open jobs for an album of owners who may no longer import into it: an
	 * operator handed the album over or stopped sharing it (ADR 0032). What the workers
	 * have written stays; nothing more of these jobs is, as for any cancelled job. The
	 * album's id and the reason are the parameters.
	 */
	private static final String CANCEL_BARRED_FROM_ALBUM = JobLedger.cancel("j.album_id = ? AND " + BARRED,
			", failure_reason = ?");

	private static final String FIND_BY_ID_AND_OWNER = """
			SELECT id, owner, album_id, status, total_photos, chunk_count, written, duplicate, failed,
			       cancelled, created_at, updated_at, finished_at, failure_reason, now() AS read_at, callback_url,
			       %s
			FROM import_job j
			%s
			WHERE id = ? AND owner = ?
			""".formatted(Callbacks.COLUMNS, Callbacks.LATEST_DELIVERY);

	/**
	 * Serialises one owner's submits until the end of the transaction. The two-key form,
	 * in a namespace of its own ({@link #OWNER_LOCK_SPACE}), never meets the workers'
	 * single-key reconciler lock.
	 */
	private static final String LOCK_OWNER = "SELECT pg_advisory_xact_lock(?, hashtext(?))";

	/**
	 * An owner's unfinished jobs: what they still hold, what they have processed, and
	 * since when (index {@code import_job_open_owner}).
	 */
	private static final String BACKLOG = """
			SELECT coalesce(sum(total_photos - written - duplicate - failed - cancelled), 0) AS pending,
			       coalesce(sum(written + duplicate + failed), 0) AS processed,
			       coalesce(extract(epoch FROM now() - min(created_at)), 0) AS elapsed_seconds
			FROM import_job
			WHERE owner = ? AND status IN (%s)
			""".formatted(JobStatus.OPEN_SQL);

	/** The first key of the owners' advisory locks: "sluc" in ASCII. */
	static final int OWNER_LOCK_SPACE = 0x736c7563;

	private static final RowMapper<Job> JOB = JobRepository::job;

	/** For a statement that changed the job, and cannot see its callback's delivery. */
	private static final RowMapper<Job> CHANGED_JOB = JobRepository::changedJob;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	JobRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
	}

	/**
	 * Records a new job as {@code PENDING}, unless its owner already has a job under the
	 * same idempotency key.
	 * @param id the new job's id
	 * @param owner its owner
	 * @param albumId its album
	 * @param totalPhotos how many photos it holds
	 * @param chunkCount how many chunks will be published
	 * @param idempotencyKey the request's {@code Idempotency-Key}, or {@code null}
	 * @param requestHash the hash of the request's content, or {@code null} without a key
	 * @param callbackUrl where to POST the job's final view, or {@code null}
	 * @return the row as stored, or empty if another job holds the key (never empty
	 * without a key)
	 */
	public Optional<Job> insertPending(UUID id, String owner, long albumId, int totalPhotos, int chunkCount,
			String idempotencyKey, byte[] requestHash, String callbackUrl) {
		return this.jdbc
			.query(INSERT_PENDING, CHANGED_JOB, id, owner, albumId, totalPhotos, chunkCount, idempotencyKey,
					requestHash, callbackUrl)
			.stream()
			.findFirst();
	}

	/**
	 * Takes the owner's submit lock, held until the current transaction ends.
	 * @param owner the caller
	 */
	public void lockOwner(String owner) {
		this.jdbc.query(LOCK_OWNER, (rs) -> null, OWNER_LOCK_SPACE, owner);
	}

	/**
	 * Reads an owner's backlog: one statement, over the owner's open jobs only.
	 * @param owner the caller
	 * @return what its unfinished jobs hold
	 */
	public OwnerBacklog backlog(String owner) {
		return this.jdbc.queryForObject(BACKLOG, (rs, row) -> new OwnerBacklog(rs.getLong("pending"),
				rs.getLong("processed"), rs.getDouble("elapsed_seconds")), owner);
	}

	/**
	 * Moves a job from {@code PENDING} to {@code QUEUED}.
	 * @param id the job
	 * @return the updated row, or empty if the job was no longer {@code PENDING} (a
	 * worker has already started it)
	 */
	public Optional<Job> markQueued(UUID id) {
		return this.jdbc.query(MARK_QUEUED, CHANGED_JOB, id).stream().findFirst();
	}

	/**
	 * Moves the jobs of one Kafka transaction from {@code PENDING} to {@code QUEUED}, in
	 * one statement.
	 * @param ids the jobs
	 * @return every job's row that exists, in no particular order: {@code QUEUED} if it
	 * moved, otherwise as it stood when the statement began (a job a worker was writing
	 * at that moment may still show {@code PENDING})
	 */
	public List<Job> markQueued(Collection<UUID> ids) {
		String array = ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
		return this.jdbc.query(MARK_ALL_QUEUED, JOB, array, array);
	}

	/**
	 * Moves a job from {@code PENDING} to {@code FAILED} with a reason, and releases its
	 * idempotency key: nothing was queued, so sending the request again makes a new job.
	 * @param id the job
	 * @param reason why
	 * @return the updated row, or empty if the job was no longer {@code PENDING}
	 */
	public Optional<Job> markFailed(UUID id, String reason) {
		return this.transaction.execute((status) -> {
			closeGate(id);
			return this.jdbc.query(MARK_FAILED, CHANGED_JOB, reason, id).stream().findFirst();
		});
	}

	/**
	 * Cancels a job of one owner that has not ended.
	 * @param id the job
	 * @param owner the caller
	 * @return the cancelled job with its final figures, or empty if the job is not the
	 * caller's or has already ended
	 */
	Optional<Job> cancel(UUID id, String owner) {
		return this.transaction.execute((status) -> {
			closeGate(id);
			return this.jdbc.query(CANCEL_ONE, CHANGED_JOB, id, owner).stream().findFirst();
		});
	}

	/**
	 * Cancels the open jobs for an album whose owners neither own it nor have it shared
	 * with them any more. Call it in the transaction that changed the album's owner or
	 * shares, after locking the album's row.
	 * @param albumId the album
	 * @param reason the jobs' {@code failure_reason}, for their owners to read
	 * @return the jobs cancelled
	 */
	public List<UUID> cancelBarredFromAlbum(long albumId, String reason) {
		return this.transaction.execute((status) -> {
			this.jdbc.queryForObject(CLOSE_BARRED_GATES, Long.class, albumId);
			return this.jdbc.query(CANCEL_BARRED_FROM_ALBUM, (rs, row) -> rs.getObject("id", UUID.class), albumId,
					reason);
		});
	}

	/**
	 * Finds a job of one owner; another owner's job is not found.
	 * @param id the job
	 * @param owner the caller
	 * @return the job, if it exists and belongs to {@code owner}
	 */
	public Optional<Job> find(UUID id, String owner) {
		return this.jdbc.query(FIND_BY_ID_AND_OWNER, JOB, id, owner).stream().findFirst();
	}

	/**
	 * Closes a job's gate until the transaction ends: waits for the chunk transactions
	 * writing it to commit and holds back the rest (ADR 0036).
	 */
	private void closeGate(UUID id) {
		this.jdbc.query(JobLedger.CLOSE_GATE, (rs) -> null, id);
	}

	/**
	 * Reads a job from a row with {@code import_job}'s columns, {@code read_at},
	 * {@code callback_url} and its callback's newest delivery
	 * ({@link Callbacks#COLUMNS}).
	 * @param rs the result set, on the row
	 * @param row the row's number
	 * @return the job
	 * @throws SQLException if a column cannot be read
	 */
	public static Job job(ResultSet rs, int row) throws SQLException {
		return job(rs, Callbacks.read(rs));
	}

	/**
	 * Reads a job from the row a statement that changed it answered, with
	 * {@code import_job}'s columns, {@code read_at} and {@code callback_url}: if the
	 * change ended the job, its callback's delivery is written by a trigger after the row
	 * was answered (V13), and is known to have had no attempt yet.
	 */
	private static Job changedJob(ResultSet rs, int row) throws SQLException {
		String url = rs.getString("callback_url");
		boolean ended = JobStatus.valueOf(rs.getString("status")).isTerminal();
		return job(rs, (url != null) ? JobCallback.undelivered(url, ended) : null);
	}

	private static Job job(ResultSet rs, JobCallback callback) throws SQLException {
		return new Job(rs.getObject("id", UUID.class), rs.getString("owner"), rs.getLong("album_id"),
				JobStatus.valueOf(rs.getString("status")), rs.getInt("total_photos"), rs.getInt("chunk_count"),
				rs.getInt("written"), rs.getInt("duplicate"), rs.getInt("failed"), rs.getInt("cancelled"),
				instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "finished_at"),
				rs.getString("failure_reason"), instant(rs, "read_at"), callback);
	}

	/**
	 * Reads a timestamp column.
	 * @param rs the result set, on the row
	 * @param column the column
	 * @return the instant, or {@code null} for SQL {@code NULL}
	 * @throws SQLException if the column cannot be read
	 */
	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
