package io.sluice.worker.retention;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.db.DatabaseFailure;
import io.sluice.worker.budget.SpareConnection;
import io.sluice.worker.budget.SpareConnection.Turn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the jobs that ended longer ago than {@code sluice.retention.jobs}, with their
 * ledger rows and failed photos, then releases the idempotency keys older than
 * {@code sluice.retention.idempotency-keys} (ADR 0042). Each batch is one short
 * transaction of at most {@code batch-size} jobs or keys, on a connection borrowed in the
 * {@link SpareConnection}'s turn and given back before the next; a cleanup runs at most
 * {@code batches-per-tick} of each and leaves the rest to the next one.
 *
 * <p>
 * Every worker runs one; a PostgreSQL advisory lock, taken again by every batch, lets one
 * act at a time. A cleanup that finds the lock (or the spare connection) busy stops and
 * waits for its next tick: another worker is doing the work.
 */
class RetentionCleanup {

	static final String DELETED = "sluice.retention.deleted";

	static final String LAST_RUN = "sluice.retention.last.run";

	private static final Logger log = LoggerFactory.getLogger(RetentionCleanup.class);

	/** The longest a batch waits for the spare connection's turn (a reconciler tick). */
	private static final Duration SPARE_WAIT = Duration.ofSeconds(10);

	/** {@code query_canceled}: the batch's statement timeout. */
	private static final String STATEMENT_TIMEOUT = "57014";

	private final TransactionTemplate transaction;

	private final ExpiredRows rows;

	private final SpareConnection spare;

	private final RetentionProperties properties;

	private final Clock clock;

	private final Counter jobsDeleted;

	private final Counter keysReleased;

	/** When this worker last finished a cleanup; its start until then. */
	private final AtomicLong lastRunMillis;

	RetentionCleanup(PlatformTransactionManager transactionManager, ExpiredRows rows, SpareConnection spare,
			RetentionProperties properties, Clock clock, MeterRegistry meters) {
		this.transaction = new TransactionTemplate(transactionManager);
		this.rows = rows;
		this.spare = spare;
		this.properties = properties;
		this.clock = clock;
		this.lastRunMillis = new AtomicLong(clock.millis());
		this.jobsDeleted = Counter.builder(DELETED)
			.tag("what", "jobs")
			.description("Ended jobs this worker deleted, with their chunk ledger and failed photos, past retention")
			.register(meters);
		this.keysReleased = Counter.builder(DELETED)
			.tag("what", "keys")
			.description("Expired idempotency keys this worker took off their jobs")
			.register(meters);
		Gauge.builder(LAST_RUN, this.lastRunMillis, (last) -> last.get() / 1000.0)
			.baseUnit("seconds")
			.description("When this worker last finished a retention cleanup (until its first: when it started), "
					+ "in seconds since the epoch")
			.register(meters);
	}

	/**
	 * Deletes what has outlived its retention, a bounded amount, unless another worker is
	 * doing so. Never throws: a failed batch is logged and the next tick starts over.
	 * @return what this tick did
	 */
	Sweep tick() {
		return tick(() -> true);
	}

	/**
	 * Like {@link #tick()}, asking before each batch whether to go on.
	 * @param goOn whether the worker is still running
	 * @return what this tick did
	 */
	Sweep tick(BooleanSupplier goOn) {
		int[] done = new int[2];
		Sweep sweep;
		try {
			Batch jobs = batches(() -> this.rows.deleteEndedJobs(this.properties.jobs(), this.properties.batchSize()),
					goOn, (count) -> {
						done[0] += count;
						this.jobsDeleted.increment(count);
					});
			sweep = new Sweep(jobs.outcome(), done[0], 0, jobs.more());
			if (jobs.outcome() == Sweep.Outcome.ACTED) {
				Batch keys = batches(() -> this.rows.releaseExpiredKeys(this.properties.idempotencyKeys(),
						this.properties.batchSize()), goOn, (count) -> {
							done[1] += count;
							this.keysReleased.increment(count);
						});
				sweep = new Sweep(keys.outcome(), done[0], done[1], jobs.more() || keys.more());
			}
		}
		catch (RuntimeException ex) {
			logFailure(ex, done[0], done[1]);
			return new Sweep(Sweep.Outcome.FAILED, done[0], done[1], true);
		}
		if (sweep.outcome() == Sweep.Outcome.ACTED) {
			this.lastRunMillis.set(this.clock.millis());
		}
		if (sweep.jobs() > 0 || sweep.keys() > 0) {
			log.info(
					"Retention deleted {} jobs that ended more than {} ago, with their chunk ledger and failed "
							+ "photos, and released {} idempotency keys older than {}{}",
					sweep.jobs(), describe(this.properties.jobs()), sweep.keys(),
					describe(this.properties.idempotencyKeys()),
					sweep.more() ? "; more are due, the next cleanup goes on" : "");
		}
		return sweep;
	}

	/**
	 * Runs batches of one statement until one comes back short or the tick's are spent,
	 * reporting each committed batch's count.
	 */
	private Batch batches(BatchStatement statement, BooleanSupplier goOn, IntConsumer committed) {
		for (int batch = 0; batch < this.properties.batchesPerTick(); batch++) {
			if (!goOn.getAsBoolean()) {
				return new Batch(Sweep.Outcome.STOPPED, true);
			}
			Optional<Integer> done = batch(statement);
			if (done.isEmpty()) {
				return new Batch(Sweep.Outcome.BUSY, true);
			}
			committed.accept(done.get());
			if (done.get() < this.properties.batchSize()) {
				return new Batch(Sweep.Outcome.ACTED, false);
			}
		}
		return new Batch(Sweep.Outcome.ACTED, true);
	}

	/** One batch in its own transaction; empty if the turn or the lock was not had. */
	private Optional<Integer> batch(BatchStatement statement) {
		Optional<Turn> turn = this.spare.take(SPARE_WAIT);
		if (turn.isEmpty()) {
			return Optional.empty();
		}
		try (Turn held = turn.get()) {
			return Optional
				.ofNullable(this.transaction.execute((status) -> this.rows.tryLock() ? statement.run() : null));
		}
	}

	private void logFailure(RuntimeException ex, int jobs, int keys) {
		if (DatabaseFailure.sqlState(ex).filter(STATEMENT_TIMEOUT::equals).isPresent()) {
			log.warn(
					"Retention cleanup failed after deleting {} jobs and releasing {} keys: a batch outran its "
							+ "statement timeout; if this repeats, lower sluice.retention.batch-size: {}",
					jobs, keys, DatabaseFailure.describe(ex));
		}
		else if (DatabaseFailure.classify(ex) == DatabaseFailure.TRANSIENT) {
			log.warn("Retention cleanup failed after deleting {} jobs and releasing {} keys; the next one goes on: {}",
					jobs, keys, DatabaseFailure.describe(ex));
		}
		else {
			log.error("Retention cleanup failed for a reason no retry can fix (the schema, its privileges or Sluice "
					+ "is wrong); nothing more is deleted until it is fixed: {}", DatabaseFailure.describe(ex));
		}
	}

	/** A duration as people write it: {@code 30d}, {@code 24h}, {@code 90m}. */
	static String describe(Duration duration) {
		if (duration.toHours() >= 48 && duration.toHoursPart() == 0 && duration.toMinutesPart() == 0
				&& duration.toSecondsPart() == 0) {
			return duration.toDays() + "d";
		}
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

	@FunctionalInterface
	private interface BatchStatement {

		int run();

	}

	private record Batch(Sweep.Outcome outcome, boolean more) {

	}

	/**
	 * What one tick did.
	 *
	 * @param outcome whether this worker did all it was allowed to
	 * @param jobs jobs deleted
	 * @param keys idempotency keys released
	 * @param more whether more may be due than this tick was allowed to do
	 */
	record Sweep(Outcome outcome, int jobs, int keys, boolean more) {

		/** How a tick went. */
		enum Outcome {

			/** This worker held the lock for every batch it ran. */
			ACTED,
			/**
			 * Another worker's cleanup held the lock, or the reconciler the spare
			 * connection; this one stopped.
			 */
			BUSY,
			/** The worker is stopping; the rest waits for a worker's next tick. */
			STOPPED,
			/** The database failed a batch; the next tick starts over. */
			FAILED

		}

	}

}
