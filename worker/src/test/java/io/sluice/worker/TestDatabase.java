package io.sluice.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.common.job.JobLedger;
import io.sluice.embedded.Infrastructure;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tests' own view of the database, on their own small pool named
 * {@value #APPLICATION_NAME} so that it never borrows from, or is counted as, the
 * worker's pool.
 */
final class TestDatabase {

	static final String APPLICATION_NAME = "worker-tests";

	/**
	 * The {@code application_name} of every session of a worker's pool, as a {@code LIKE}
	 * pattern: the pool's sessions are named {@code sluice-worker/<pid>/<random>} after
	 * its lease holder.
	 */
	static final String WORKER_APPLICATION_NAME = "sluice-worker/%";

	private static final String INSERT_QUEUED_JOB = """
			INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count)
			VALUES (?, ?, ?, 'QUEUED', ?, ?)
			""";

	private static final String FAIL_JOB = """
			UPDATE import_job
			SET status = 'FAILED', failure_reason = ?, failed = total_photos - written - duplicate, finished_at = now()
			WHERE id = ?
			""";

	private static final String CANCEL_JOB = """
			UPDATE import_job
			SET status = 'CANCELLED', cancelled = total_photos - written - duplicate - failed, finished_at = now()
			WHERE id = ?
			""";

	private static final String INSERT_PHOTO = """
			INSERT INTO photo (album_id, url_hash, url, caption, job_id) VALUES (?, md5(?)::uuid, ?, NULL, ?)
			""";

	private static final String JOB = """
			SELECT status, chunks_done, written, duplicate, failed, finished_at IS NOT NULL AS finished
			FROM import_job WHERE id = ?
			""";

	private static final String LEDGER = """
			SELECT chunk_index, outcome, photo_count, written, duplicate, failed, error
			FROM import_chunk WHERE job_id = ? ORDER BY chunk_index
			""";

	private static final String FAILED_PHOTOS = """
			SELECT photo_index, chunk_index, url, caption, sqlstate, reason
			FROM failed_photo WHERE job_id = ? ORDER BY photo_index
			""";

	private static final String TERMINATE_WORKER_CONNECTIONS = """
			SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE ?
			""";

	private static final String WORKER_WAITING_ON_LOCK = """
			SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name LIKE ? AND wait_event_type = 'Lock'
			""";

	private static TestDatabase shared;

	private final HikariDataSource dataSource;

	private final JdbcTemplate jdbc;

	private TestDatabase(Infrastructure infrastructure) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(infrastructure.jdbcUrl());
		config.setUsername(infrastructure.username());
		config.setPassword(infrastructure.password());
		config.setMaximumPoolSize(4);
		config.setPoolName(APPLICATION_NAME);
		config.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
		this.dataSource = new HikariDataSource(config);
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	static synchronized TestDatabase on(Infrastructure infrastructure) {
		if (shared == null) {
			shared = new TestDatabase(infrastructure);
		}
		return shared;
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	/** When the job finished, by the database's clock, or {@code null}. */
	Instant finishedAt(UUID jobId) {
		return this.jdbc.queryForObject("SELECT finished_at FROM import_job WHERE id = ?",
				(row, number) -> Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant).orElse(null),
				jobId);
	}

	void insertQueued(TestJob job) {
		this.jdbc.update(INSERT_QUEUED_JOB, job.id(), TestJob.OWNER, job.albumId(), job.totalPhotos(),
				job.chunks().size());
	}

	/**
	 * Gives an album to an owner, as an operator's hand-over does (ADR 0032), without
	 * cancelling anything.
	 */
	void giveAlbum(long albumId, String owner) {
		this.jdbc.update("INSERT INTO album_owner (album_id, owner) VALUES (?, ?) "
				+ "ON CONFLICT (album_id) DO UPDATE SET owner = excluded.owner", albumId, owner);
	}

	/** Cancels a job, as the API does. */
	void cancel(UUID jobId) {
		try (Uncommitted cancelling = endUncommitted(jobId, CANCEL_JOB)) {
			cancelling.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not cancel job " + jobId, ex);
		}
	}

	/**
	 * Fails a job that has not ended, as the reconciler and the API do: every photo not
	 * yet accounted for counts as failed.
	 */
	void fail(UUID jobId, String reason) {
		try (Uncommitted failing = failUncommitted(jobId, reason)) {
			failing.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not fail job " + jobId, ex);
		}
	}

	/**
	 * Fails a job as {@link #fail} does, in a transaction left open until
	 * {@link Uncommitted#commit}: meanwhile the job's gate is closed and its row locked,
	 * and every other transaction still sees the job as it was.
	 */
	Uncommitted failUncommitted(UUID jobId, String reason) throws SQLException {
		return endUncommitted(jobId, FAIL_JOB, reason);
	}

	/**
	 * Ends a job as the product does (ADR 0036): closes its gate, then runs
	 * {@code statement} with {@code parameters} and the job's id last.
	 */
	private Uncommitted endUncommitted(UUID jobId, String statement, Object... parameters) throws SQLException {
		Connection connection = this.dataSource.getConnection();
		connection.setAutoCommit(false);
		try (PreparedStatement gate = connection.prepareStatement(JobLedger.CLOSE_GATE)) {
			gate.setObject(1, jobId);
			gate.executeQuery().close();
		}
		try (PreparedStatement end = connection.prepareStatement(statement)) {
			for (int i = 0; i < parameters.length; i++) {
				end.setObject(i + 1, parameters[i]);
			}
			end.setObject(parameters.length + 1, jobId);
			end.executeUpdate();
		}
		return new Uncommitted(connection);
	}

	/** Puts photos straight into an album, as an earlier import would have. */
	void insertPhotos(long albumId, List<String> urls) {
		UUID importer = UUID.randomUUID();
		this.jdbc.batchUpdate(INSERT_PHOTO, urls, urls.size(), (statement, url) -> {
			statement.setLong(1, albumId);
			statement.setString(2, url);
			statement.setString(3, url);
			statement.setObject(4, importer);
		});
	}

	JobRow job(UUID id) {
		return this.jdbc.queryForObject(JOB,
				(row, number) -> new JobRow(row.getString("status"), row.getInt("chunks_done"), row.getInt("written"),
						row.getInt("duplicate"), row.getInt("failed"), row.getBoolean("finished")),
				id);
	}

	List<LedgerRow> ledger(UUID jobId) {
		return this.jdbc.query(LEDGER,
				(row, number) -> new LedgerRow(row.getInt("chunk_index"), row.getString("outcome"),
						row.getInt("photo_count"), row.getInt("written"), row.getInt("duplicate"), row.getInt("failed"),
						row.getString("error")),
				jobId);
	}

	List<FailedPhotoRow> failedPhotos(UUID jobId) {
		return this.jdbc.query(FAILED_PHOTOS,
				(row, number) -> new FailedPhotoRow(row.getInt("photo_index"), row.getInt("chunk_index"),
						row.getString("url"), row.getString("caption"), row.getString("sqlstate"),
						row.getString("reason")),
				jobId);
	}

	int photosInAlbum(long albumId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM photo WHERE album_id = ?", Integer.class, albumId);
	}

	int photosWithCaption(long albumId, String caption) {
		return this.jdbc.queryForObject("SELECT count(*) FROM photo WHERE album_id = ? AND caption = ?", Integer.class,
				albumId, caption);
	}

	/** Kills every backend of the worker's pool, busy or idle. */
	int terminateWorkerConnections() {
		return this.jdbc.queryForObject(TERMINATE_WORKER_CONNECTIONS, Integer.class, WORKER_APPLICATION_NAME);
	}

	boolean workerWaitingOnLock() {
		return Boolean.TRUE
			.equals(this.jdbc.queryForObject(WORKER_WAITING_ON_LOCK, Boolean.class, WORKER_APPLICATION_NAME));
	}

	/**
	 * Holds a job's row lock until closed, as a long transaction would: the worker's
	 * chunk transaction cannot insert its ledger row meanwhile.
	 */
	RowLock lockJobRow(UUID jobId) throws SQLException {
		Connection connection = this.dataSource.getConnection();
		connection.setAutoCommit(false);
		try (PreparedStatement lock = connection
			.prepareStatement("SELECT id FROM import_job WHERE id = ? FOR UPDATE")) {
			lock.setObject(1, jobId);
			lock.executeQuery().close();
		}
		return () -> {
			connection.rollback();
			connection.close();
		};
	}

	/**
	 * Makes every insert into {@code photo} fail with {@code sqlState} until closed, as a
	 * full disk ({@code 53100}), a read-only primary ({@code 25006}) or a broken
	 * migration ({@code 42703}) would: a statement-level trigger, which fires for
	 * {@code COPY} too.
	 * @param sqlState the SQLState to raise
	 * @return drops the trigger when closed
	 */
	Injected failPhotoInserts(String sqlState) {
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION worker_tests_fail_photo_inserts() RETURNS trigger AS $$
				BEGIN
				    RAISE EXCEPTION 'injected by the worker tests' USING ERRCODE = '%s';
				END $$ LANGUAGE plpgsql""".formatted(sqlState));
		this.jdbc.execute("CREATE TRIGGER worker_tests_fail_photo_inserts BEFORE INSERT ON photo "
				+ "FOR EACH STATEMENT EXECUTE FUNCTION worker_tests_fail_photo_inserts()");
		return () -> this.jdbc.execute("DROP TRIGGER IF EXISTS worker_tests_fail_photo_inserts ON photo");
	}

	/**
	 * Refuses the worker's updates of {@code import_job} with {@code 42501}, as if its
	 * role had lost the privilege, until closed: a statement-level trigger, so it fires
	 * for an update that touches no row too, as a privilege check does. Only the worker's
	 * sessions (by their {@code application_name}) are refused; chunk writes, which do
	 * not touch {@code import_job}, go on.
	 * @return drops the trigger when closed
	 */
	Injected revokeJobUpdatesFromTheWorker() {
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION worker_tests_revoke_job_updates() RETURNS trigger AS $$
				BEGIN
				    RAISE EXCEPTION 'permission denied for table import_job (injected by the worker tests)'
				        USING ERRCODE = '42501';
				END $$ LANGUAGE plpgsql""");
		this.jdbc.execute("""
				CREATE TRIGGER worker_tests_revoke_job_updates BEFORE UPDATE ON import_job FOR EACH STATEMENT
				WHEN (current_setting('application_name') LIKE '%s')
				EXECUTE FUNCTION worker_tests_revoke_job_updates()""".formatted(WORKER_APPLICATION_NAME));
		return () -> this.jdbc.execute("DROP TRIGGER IF EXISTS worker_tests_revoke_job_updates ON import_job");
	}

	/**
	 * Makes the chunk ledger refuse to record one chunk {@code WRITTEN}, with a data
	 * error ({@code 22023}) that bisection cannot pin on any photo, until closed: that
	 * chunk can then only be dead-lettered and recorded {@code FAILED}, which the ledger
	 * takes.
	 * @param jobId the chunk's job
	 * @param chunkIndex the chunk
	 * @return drops the trigger when closed
	 */
	Injected refuseChunkWritten(UUID jobId, int chunkIndex) {
		String name = "worker_tests_refuse_" + jobId.toString().replace('-', '_') + "_" + chunkIndex;
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION %s() RETURNS trigger AS $$
				BEGIN
				    RAISE EXCEPTION 'chunk refused by the worker tests' USING ERRCODE = '22023';
				END $$ LANGUAGE plpgsql""".formatted(name));
		this.jdbc.execute("""
				CREATE TRIGGER %1$s BEFORE INSERT ON import_chunk FOR EACH ROW
				WHEN (NEW.job_id = '%2$s' AND NEW.chunk_index = %3$d AND NEW.outcome = 'WRITTEN')
				EXECUTE FUNCTION %1$s()""".formatted(name, jobId, chunkIndex));
		return () -> this.jdbc.execute("DROP TRIGGER IF EXISTS " + name + " ON import_chunk");
	}

	/**
	 * Turns the database read-only for new sessions and ends the worker's, as a failover
	 * that left the worker pointed at a replica would, until closed; closing turns it
	 * writable again for new sessions only: sessions opened meanwhile stay read-only.
	 * @return makes the database writable again when closed
	 */
	Injected readOnlyLikeADemotedPrimary() {
		String database = this.jdbc.queryForObject("SELECT current_database()", String.class);
		this.jdbc.execute("ALTER DATABASE \"" + database + "\" SET default_transaction_read_only = on");
		terminateWorkerConnections();
		return () -> {
			this.jdbc.execute((ConnectionCallback<Object>) (connection) -> {
				try (Statement statement = connection.createStatement()) {
					// this session itself may have been opened read-only
					statement.execute("SET default_transaction_read_only = off");
					statement.execute("ALTER DATABASE \"" + database + "\" RESET default_transaction_read_only");
					return null;
				}
			});
			this.dataSource.getHikariPoolMXBean().softEvictConnections();
		};
	}

	/**
	 * A job row as the worker left it.
	 */
	record JobRow(String status, int chunksDone, int written, int duplicate, int failed, boolean finished) {

	}

	/**
	 * One chunk's ledger row.
	 */
	record LedgerRow(int chunkIndex, String outcome, int photoCount, int written, int duplicate, int failed,
			String error) {

	}

	/**
	 * One photo the database rejected.
	 */
	record FailedPhotoRow(int photoIndex, int chunkIndex, String url, String caption, String sqlState, String reason) {

	}

	/**
	 * A held row lock.
	 */
	interface RowLock extends AutoCloseable {

		@Override
		void close() throws SQLException;

	}

	/**
	 * An open transaction of the tests' own; rolled back on close unless committed.
	 */
	static final class Uncommitted implements AutoCloseable {

		private final Connection connection;

		private Uncommitted(Connection connection) {
			this.connection = connection;
		}

		void commit() throws SQLException {
			this.connection.commit();
		}

		@Override
		public void close() throws SQLException {
			this.connection.rollback();
			this.connection.close();
		}

	}

}
