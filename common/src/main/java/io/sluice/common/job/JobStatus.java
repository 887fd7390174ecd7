package io.sluice.common.job;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The life of an import job, and the one place that says how a job may move from one
 * status to another. A job is created {@link #PENDING}, becomes {@link #QUEUED} once its
 * chunks are committed to Kafka, {@link #RUNNING} when the first chunk lands, and ends in
 * one of the terminal states.
 *
 * <p>
 * Every statement that reads or changes {@code import_job.status} takes its status
 * literals from here ({@link #sql()}, {@link #sqlIn(Set)}, {@link #OPEN_SQL},
 * {@link #CUT_SHORT_SQL}, {@link #COMPLETE_SQL}) and may only make the moves
 * {@link #canMoveTo} allows. The values are those of the {@code import_job.status} check
 * in the migrations, and {@link #OPEN_SQL} is the predicate of the partial indexes on
 * open jobs, word for word, so that the planner can use them.
 *
 * <p>
 * A move from an open status to a terminal one of a job with a callback URL also records
 * the delivery of its final view, by the trigger {@code import_job_ended} (V13, ADR
 * 0041), in the transaction of the statement that made the move, whichever it is.
 */
public enum JobStatus {

	/** Recorded; its chunks are being published. */
	PENDING(false),
	/** All chunks are on the topic; no chunk has landed yet. */
	QUEUED(false),
	/** At least one chunk has landed. */
	RUNNING(false),
	/** Every chunk landed and no photo failed. */
	COMPLETED(true),
	/** Every chunk landed and at least one photo failed. */
	COMPLETED_WITH_ERRORS(true),
	/** The job could not be carried out; {@code failure_reason} says why. */
	FAILED(true),
	/** Cancelled by its owner. */
	CANCELLED(true);

	/** A job that has not ended: {@code PENDING}, {@code QUEUED} or {@code RUNNING}. */
	public static final Set<JobStatus> OPEN = Collections.unmodifiableSet(EnumSet.of(PENDING, QUEUED, RUNNING));

	/**
	 * A job that ended before all its chunks landed: {@code FAILED} or {@code CANCELLED}.
	 * Its counters already account for every photo, so a chunk that arrives now is
	 * recorded skipped and moves nothing, and nothing moves the job again (ADR 0019, ADR
	 * 0021).
	 */
	public static final Set<JobStatus> CUT_SHORT = Collections.unmodifiableSet(EnumSet.of(FAILED, CANCELLED));

	/**
	 * A job whose chunks have all landed: {@code COMPLETED} or
	 * {@code COMPLETED_WITH_ERRORS}.
	 */
	public static final Set<JobStatus> COMPLETE = Collections
		.unmodifiableSet(EnumSet.of(COMPLETED, COMPLETED_WITH_ERRORS));

	/** {@link #OPEN} as an SQL list: {@code 'PENDING', 'QUEUED', 'RUNNING'}. */
	public static final String OPEN_SQL = sqlIn(OPEN);

	/** {@link #CUT_SHORT} as an SQL list: {@code 'FAILED', 'CANCELLED'}. */
	public static final String CUT_SHORT_SQL = sqlIn(CUT_SHORT);

	/**
	 * {@link #COMPLETE} as an SQL list: {@code 'COMPLETED', 'COMPLETED_WITH_ERRORS'}.
	 */
	public static final String COMPLETE_SQL = sqlIn(COMPLETE);

	private static final Map<JobStatus, Set<JobStatus>> NEXT = transitions();

	private final boolean terminal;

	JobStatus(boolean terminal) {
		this.terminal = terminal;
	}

	/**
	 * The moves a job can make, each with what makes it. Nothing else may change a job's
	 * status.
	 */
	private static Map<JobStatus, Set<JobStatus>> transitions() {
		Map<JobStatus, Set<JobStatus>> next = new EnumMap<>(JobStatus.class);
		// QUEUED: the API, once Kafka took the chunks. RUNNING, COMPLETED(_WITH_ERRORS):
		// a worker, whose chunk can land before the API has recorded QUEUED (or when
		// recording it failed). FAILED: the API when Kafka did not take the chunks in
		// time, or the reconciler when no chunk ever came. CANCELLED: the owner.
		next.put(PENDING, EnumSet.of(QUEUED, RUNNING, COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED));
		// RUNNING, COMPLETED(_WITH_ERRORS): a worker, by its first chunk (or by all of
		// them at once). FAILED: the reconciler, when the job stalls. CANCELLED: the
		// owner.
		next.put(QUEUED, EnumSet.of(RUNNING, COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED));
		// COMPLETED(_WITH_ERRORS): a worker, by the last chunk. FAILED: the reconciler,
		// when the job stalls. CANCELLED: the owner.
		next.put(RUNNING, EnumSet.of(COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED));
		// RUNNING: a re-drive that reopens one of its FAILED chunks (ADR 0017); that
		// chunk's write ends the job again.
		next.put(COMPLETED_WITH_ERRORS, EnumSet.of(RUNNING));
		next.put(COMPLETED, EnumSet.noneOf(JobStatus.class));
		next.put(FAILED, EnumSet.noneOf(JobStatus.class));
		next.put(CANCELLED, EnumSet.noneOf(JobStatus.class));
		next.replaceAll((from, to) -> Collections.unmodifiableSet(to));
		return Collections.unmodifiableMap(next);
	}

	/**
	 * Whether a job in this status has ended. Not the same as having no way out: a
	 * re-drive reopens a {@link #COMPLETED_WITH_ERRORS} job.
	 */
	public boolean isTerminal() {
		return this.terminal;
	}

	/**
	 * Whether a job may move from this status to {@code target}. Staying is not a move:
	 * {@code canMoveTo(this)} is {@code false}.
	 * @param target the status to move to
	 * @return whether the move is allowed
	 */
	public boolean canMoveTo(JobStatus target) {
		return NEXT.get(this).contains(target);
	}

	/**
	 * The statuses a job may move to {@code target} from.
	 * @param target the status to move to
	 * @return the statuses from which that move is allowed, possibly none
	 */
	public static Set<JobStatus> sourcesOf(JobStatus target) {
		Set<JobStatus> sources = EnumSet.noneOf(JobStatus.class);
		NEXT.forEach((from, next) -> {
			if (next.contains(target)) {
				sources.add(from);
			}
		});
		return Collections.unmodifiableSet(sources);
	}

	/**
	 * This status as an SQL string literal, as {@code import_job.status} holds it.
	 * @return for example {@code 'PENDING'}
	 */
	public String sql() {
		return "'" + name() + "'";
	}

	/**
	 * Statuses as the list of an SQL {@code IN (...)}, in declaration order.
	 * @param statuses at least one status
	 * @return for example {@code 'FAILED', 'CANCELLED'}
	 */
	public static String sqlIn(Set<JobStatus> statuses) {
		if (statuses.isEmpty()) {
			throw new IllegalArgumentException("An SQL IN list needs at least one status");
		}
		return EnumSet.copyOf(statuses).stream().map(JobStatus::sql).collect(Collectors.joining(", "));
	}

}
