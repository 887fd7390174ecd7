package io.sluice.worker.write;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.sluice.common.db.DatabaseFailure;
import io.sluice.common.job.JobLedger;
import io.sluice.common.job.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Rolls jobs up from their chunk ledgers once their chunks' transactions have committed,
 * and ends those whose chunks have all landed ({@link JobLedger#rollUp}). One autocommit
 * statement for all the jobs of a poll: it holds their rows' locks for the statement
 * alone, never across a round trip to the client, so the workers writing one job do not
 * queue behind its row (ADR 0036).
 *
 * <p>
 * A roll-up that fails loses nothing: the chunks are committed, and the next chunk's
 * roll-up, a redelivery's, or the reconciler's brings the job up to date. A transient
 * failure (a lost connection, a lock timeout) is therefore logged, not thrown. Any other
 * is thrown: the schema or its privileges are wrong ({@code 42501} on {@code import_job},
 * a broken migration), so every later roll-up fails too and no job would ever move or end
 * while chunk writes, which do not touch {@code import_job}, go on as if nothing were
 * wrong. The caller must make that as loud as a chunk write that fails for the same
 * reason.
 */
class JobRollup {

	private static final Logger log = LoggerFactory.getLogger(JobRollup.class);

	private static final String ROLL_UP = JobLedger.rollUp("j.id = ANY(:jobIds::uuid[])");

	private final JdbcClient jdbc;

	JobRollup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Rolls the jobs up. Call outside any transaction, after the chunks committed.
	 * @param jobIds the jobs whose chunks just committed (or were found done before)
	 * @return the jobs this roll-up moved, by id; a job another roll-up moved first, or
	 * that has ended, is not among them, nor any if the roll-up failed for a transient
	 * reason
	 * @throws DataAccessException if the roll-up failed for a reason no retry can fix
	 * ({@link DatabaseFailure#PROGRAMMING} or {@link DatabaseFailure#DATA}); the chunks
	 * stay committed
	 */
	Map<UUID, JobSnapshot> rollUp(Collection<UUID> jobIds) {
		Map<UUID, JobSnapshot> moved = new LinkedHashMap<>();
		if (jobIds.isEmpty()) {
			return moved;
		}
		Set<UUID> ids = new TreeSet<>(jobIds);
		try {
			this.jdbc.sql(ROLL_UP)
				.param("jobIds", new SqlArrayValue("uuid", ids.toArray()))
				.query((row, number) -> new JobSnapshot(row.getObject("id", UUID.class),
						JobStatus.valueOf(row.getString("status")), row.getInt("chunks_done"),
						row.getInt("chunk_count"), row.getInt("written"), row.getInt("duplicate"),
						row.getInt("failed")))
				.list()
				.forEach((job) -> moved.put(job.id(), job));
		}
		catch (DataAccessException ex) {
			if (DatabaseFailure.classify(ex) != DatabaseFailure.TRANSIENT) {
				throw ex;
			}
			log.warn("Could not roll up job(s) {} after their chunks committed; the next roll-up or the "
					+ "reconciler will: {}", ids, DatabaseFailure.describe(ex));
		}
		return moved;
	}

}
