package io.sluice.common.job;

/**
 * A job's figures as its chunk ledger holds them, and the gate between the chunk
 * transactions that write a job and the statements that end it early (ADR 0036).
 *
 * <p>
 * A chunk transaction writes its photos and its own ledger row, and never touches
 * {@code import_job}: many transactions write one job at once, none waiting for another.
 * The job's counters are the sums of its ledger rows, rolled up onto its row after each
 * chunk commits; a statement that ends a job early (cancel, a publish that failed, the
 * reconciler's verdict) does not trust the rolled-up counters, which may lag, but sums
 * the ledger itself.
 *
 * <p>
 * Such a statement needs the ledger to stop moving first. That is the gate, a
 * transaction-level advisory lock per job, in a space of its own:
 * <ul>
 * <li>every chunk transaction passes it <em>shared</em> in its claim, then reads the
 * job's status, and holds it until it commits ({@link #passGates});</li>
 * <li>a statement that ends the job takes it <em>exclusive</em> first
 * ({@link #CLOSE_GATE}), which waits for every chunk transaction already past the gate to
 * commit, and makes every later one wait until the job's end has committed; that one then
 * reads the ended status and records its chunk skipped.</li>
 * </ul>
 * PostgreSQL queues lock requests fairly: once a close waits, later chunk transactions
 * queue behind it, so a stream of chunk transactions cannot starve a cancel.
 */
public final class JobLedger {

	/** The first key of the gate's advisory locks: "gate" in ASCII. */
	public static final int GATE_SPACE = 0x67617465;

	/**
	 * Closes one job's gate until the transaction ends: waits for the chunk transactions
	 * past it, and holds back the rest. One parameter, the job's id. Run it as a
	 * statement of its own, before the one that ends the job: in {@code READ COMMITTED}
	 * the next statement's snapshot then sees every ledger row those transactions
	 * committed.
	 */
	public static final String CLOSE_GATE = "SELECT pg_advisory_xact_lock(" + GATE_SPACE + ", hashtext(?::text))";

	/**
	 * {@link #CLOSE_GATE} without waiting: answers whether the gate is now closed, for a
	 * caller that must not wait for the chunk transactions past it (a job being written
	 * is not stalled). One parameter, the job's id; run it as a statement of its own, as
	 * {@link #CLOSE_GATE}.
	 */
	public static final String TRY_CLOSE_GATE = "SELECT pg_try_advisory_xact_lock(" + GATE_SPACE
			+ ", hashtext(?::text))";

	/**
	 * Closes the gates of several jobs, as {@link #CLOSE_GATE} closes one, in id order,
	 * the order in which chunk transactions pass them. Format with a query of one column,
	 * the jobs' ids.
	 */
	private static final String CLOSE_GATES = "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(" + GATE_SPACE
			+ ", hashtext(id::text)) FROM (SELECT DISTINCT id FROM (%s) AS ids (id) ORDER BY id) AS ordered) AS closed";

	/**
	 * The ledger's figures of the jobs {@code <filter>} selects from
	 * {@code import_job j}: one row per job,
	 * {@code job_id, reopened, chunks, written, duplicate, failed}, where {@code chunks}
	 * counts the chunks that landed (written or failed; not those skipped, nor any whose
	 * index is outside the job) and {@code reopened} is the job's count of re-driven
	 * chunks in the same snapshot. Format with the filter, for example
	 * {@code "j.id = :jobId"}.
	 */
	private static final String FIGURES = """
			SELECT j.id AS job_id, j.reopened, count(c.chunk_index)::int AS chunks,
			       coalesce(sum(c.written), 0)::int AS written, coalesce(sum(c.duplicate), 0)::int AS duplicate,
			       coalesce(sum(c.failed), 0)::int AS failed
			FROM import_job j
			LEFT JOIN import_chunk c ON c.job_id = j.id AND c.outcome IN (%s, %s) AND c.chunk_index < j.chunk_count
			WHERE %%s
			GROUP BY j.id
			""".formatted(LedgerOutcome.WRITTEN.sql(), LedgerOutcome.FAILED.sql());

	/**
	 * Rolls the jobs {@code <filter>} selects from {@code import_job j} up from their
	 * ledgers, and ends those whose chunks have all landed: {@code COMPLETED}, or
	 * {@code COMPLETED_WITH_ERRORS} if a photo failed. Run after a chunk transaction
	 * commits, and by the reconciler for a roll-up lost to a crash.
	 *
	 * <p>
	 * Each roll-up reads the ledger in its own snapshot and then waits for the rows'
	 * locks, taken in id order. Its sums are applied only if they count more chunks than
	 * the row already holds and no re-drive reopened a chunk since the snapshot: a later
	 * snapshot sees every ledger row an earlier one saw, so the row never goes back. Only
	 * open jobs move, so exactly one roll-up ends a job; the chunk transaction that
	 * commits last sees every chunk in its roll-up's snapshot, so one always does (ADR
	 * 0036). Answers
	 * {@code id, status, chunks_done, chunk_count, written, duplicate, failed} of each
	 * job it moved.
	 */
	private static final String ROLL_UP = """
			WITH ledger AS (
			    %1$s
			), locked AS (
			    SELECT id FROM import_job WHERE id IN (SELECT job_id FROM ledger) AND status IN (%2$s)
			    ORDER BY id
			    FOR NO KEY UPDATE
			)
			UPDATE import_job j
			SET chunks_done = s.chunks, written = s.written, duplicate = s.duplicate, failed = s.failed,
			    status = CASE WHEN s.chunks < j.chunk_count THEN %3$s WHEN s.failed > 0 THEN %4$s ELSE %5$s END,
			    finished_at = CASE WHEN s.chunks < j.chunk_count THEN NULL ELSE clock_timestamp() END,
			    updated_at = clock_timestamp()
			FROM ledger s
			WHERE j.id = s.job_id AND j.id IN (SELECT id FROM locked) AND j.status IN (%2$s)
			  AND s.chunks > j.chunks_done AND j.reopened = s.reopened
			RETURNING j.id, j.status, j.chunks_done, j.chunk_count, j.written, j.duplicate, j.failed
			""";

	/**
	 * Ends the open jobs {@code <filter>} selects from {@code import_job j} as
	 * {@code CANCELLED}, with their figures summed from the ledger and every photo not
	 * accounted for there counted {@code cancelled} (ADR 0021). Run with the jobs' gates
	 * closed: every chunk transaction past a gate has committed and is counted, and every
	 * later one finds the job ended and is skipped, so the figures answered are final.
	 * <p>
	 * Stamped with {@code clock_timestamp()}: {@code now()} is when the statement began,
	 * which is before a roll-up it waited for stamped the row, so the cancelled view's
	 * version (its event id) would be older than the view before it and never streamed.
	 * Answers the cancelled jobs' rows, with {@code read_at}; the trigger of V13 records
	 * the delivery of each one's callback, if it has one, after the row is answered (ADR
	 * 0041).
	 */
	private static final String CANCEL = """
			WITH ledger AS (
			    %s
			)
			UPDATE import_job j
			SET status = %s, chunks_done = s.chunks, written = s.written, duplicate = s.duplicate, failed = s.failed,
			    cancelled = j.total_photos - s.written - s.duplicate - s.failed,
			    finished_at = clock_timestamp(), updated_at = clock_timestamp()%%s
			FROM ledger s
			WHERE s.job_id = j.id AND j.status IN (%s)
			RETURNING j.id, j.owner, j.album_id, j.status, j.total_photos, j.chunk_count, j.chunks_done, j.written,
			          j.duplicate, j.failed, j.cancelled, j.created_at, j.updated_at, j.finished_at, j.failure_reason,
			          clock_timestamp() AS read_at, j.callback_url
			""";

	private JobLedger() {
	}

	/**
	 * The ledger's figures per job, as a query for a {@code WITH} clause.
	 * @param filter a condition on {@code import_job j}
	 * @return {@code SELECT job_id, chunks, written, duplicate, failed ...}
	 */
	public static String figures(String filter) {
		return FIGURES.formatted(filter);
	}

	/**
	 * The roll-up statement ({@link #ROLL_UP}) for the open jobs among those
	 * {@code filter} selects.
	 * @param filter a condition on {@code import_job j}, for example
	 * {@code "j.id = ANY(:jobIds::uuid[])"}
	 * @return the statement
	 */
	public static String rollUp(String filter) {
		return ROLL_UP.formatted(figures("(" + filter + ") AND j.status IN (" + JobStatus.OPEN_SQL + ")"),
				JobStatus.OPEN_SQL, JobStatus.RUNNING.sql(), JobStatus.COMPLETED_WITH_ERRORS.sql(),
				JobStatus.COMPLETED.sql());
	}

	/**
	 * The cancel statement ({@link #CANCEL}) for the open jobs among those {@code filter}
	 * selects, setting {@code alsoSet} too. The filter's parameters come first, then
	 * those of {@code alsoSet}.
	 * @param filter a condition on {@code import_job j}, for example
	 * {@code "j.id = ? AND j.owner = ?"}
	 * @param alsoSet more assignments, each after a comma, or {@code ""}
	 * @return the statement
	 */
	public static String cancel(String filter, String alsoSet) {
		return CANCEL
			.formatted(figures("(" + filter + ") AND j.status IN (" + JobStatus.OPEN_SQL + ")"),
					JobStatus.CANCELLED.sql(), JobStatus.OPEN_SQL)
			.formatted(alsoSet);
	}

	/**
	 * A statement that closes the gates of the jobs {@code jobIds} selects, in id order,
	 * until the transaction ends; run it on its own, as {@link #CLOSE_GATE}.
	 * @param jobIds a query of one column, job ids, possibly repeated
	 * @return the statement, which answers how many jobs' gates it closed
	 */
	public static String closeGates(String jobIds) {
		return CLOSE_GATES.formatted(jobIds);
	}

	/**
	 * A query that passes the gates of the jobs {@code jobIds} selects, shared, for the
	 * rest of the transaction, in id order (so that it and a statement closing several
	 * gates never wait for each other crosswise), and answers {@code id, status} of each
	 * existing job, the status read after its gate was passed, in a snapshot of its own
	 * (function {@code pass_job_gate}, migration V12): if an end of the job was under
	 * way, the status it left.
	 * @param jobIds a query of one column, job ids, possibly repeated
	 * @return the query
	 */
	public static String passGates(String jobIds) {
		return "SELECT id, pass_job_gate(id) AS status FROM (SELECT DISTINCT j.id FROM import_job j WHERE j.id IN ("
				+ jobIds + ") ORDER BY j.id) AS ordered";
	}

}
