package io.sluice.worker.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.db.DatabaseFailure;
import io.sluice.worker.reconcile.ChunkTopicOffsets.Session;
import io.sluice.worker.reconcile.JobWatch.Watched;
import io.sluice.worker.reconcile.StalledJobs.TopicAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends jobs that can no longer progress (invariant 3), one short transaction per tick:
 * <ul>
 * <li>every open job is first rolled up from its chunk ledger, which ends a job whose
 * last chunk's worker died between the chunk's commit and its roll-up (ADR 0036);
 * <li>a {@code PENDING} job with no landed chunk, watched unchanged for the pending
 * timeout: its publish never finished (the API died mid-publish) and no chunk will come;
 * <li>a {@code QUEUED} or {@code RUNNING} job watched without progress for the stall
 * warning is reported (a WARN line naming its missing chunks, the {@value #STALLED_GAUGE}
 * gauge), and failed past the stall timeout with a reason that names them, but only once
 * the workers have consumed everything that was on the chunk topic when the watch began
 * ({@link StalledJobs}).
 * </ul>
 * Every worker runs one; a PostgreSQL advisory lock lets one act per tick, and every
 * update is conditional on the job being exactly as it was read, so a job that moved
 * meanwhile is never failed. Kafka is asked outside the transaction, within
 * {@code kafka-timeout}; a tick whose transaction fails forgets the whole watch, one that
 * Kafka does not answer only gives no stall verdict.
 *
 * <p>
 * Do not use it to judge a job's health from its timestamps: only its own uninterrupted
 * watch counts (see {@link JobWatch}).
 */
class Reconciler {

	static final String STALLED_GAUGE = "sluice.jobs.stalled";

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private final TransactionTemplate transaction;

	private final OpenJobs jobs;

	private final ChunkTopicOffsets offsets;

	private final ReconcilerProperties properties;

	private final Clock clock;

	private final JobWatch watch;

	private final StalledJobs stalls;

	private final AtomicInteger stalled = new AtomicInteger();

	Reconciler(PlatformTransactionManager transactionManager, OpenJobs jobs, ChunkTopicOffsets offsets,
			ReconcilerProperties properties, Clock clock, MeterRegistry meters) {
		this.transaction = new TransactionTemplate(transactionManager);
		this.jobs = jobs;
		this.offsets = offsets;
		this.properties = properties;
		this.clock = clock;
		this.watch = new JobWatch(properties.maxObservationGap());
		this.stalls = new StalledJobs(jobs, this.watch, properties);
		Gauge.builder(STALLED_GAUGE, this.stalled, AtomicInteger::get)
			.description("Open jobs this worker has watched without progress for at least the stall warning")
			.register(meters);
	}

	/**
	 * Reads the open jobs and fails those that have run out of time, if no other worker
	 * is doing so right now. Never throws: a failed transaction is logged and starts the
	 * watch over; Kafka not answering only holds stall verdicts back.
	 * @return what this tick did
	 */
	Tick tick() {
		Session kafka = this.offsets.session(this.properties.kafkaTimeout());
		Map<UUID, TopicAnswer> answers = this.stalls.askKafka(this.clock.instant(), kafka);
		Tick tick;
		try {
			tick = this.transaction.execute((status) -> this.jobs.tryLock() ? reconcile(answers) : Tick.LOCK_BUSY);
		}
		catch (RuntimeException ex) {
			this.watch.interrupt();
			if (DatabaseFailure.classify(ex) == DatabaseFailure.TRANSIENT) {
				log.warn("Reconciler tick failed; every job's watch starts over: {}", DatabaseFailure.describe(ex));
			}
			else {
				log.error(
						"Reconciler tick failed for a reason no retry can fix (the schema, its privileges or "
								+ "Sluice is wrong); no open job is rolled up or judged until it is fixed: {}",
						DatabaseFailure.describe(ex));
			}
			return Tick.FAILED;
		}
		if (tick.outcome() == Tick.Outcome.ACTED) {
			this.stalls.recordTopicEnds(kafka);
		}
		return tick;
	}

	private Tick reconcile(Map<UUID, TopicAnswer> answers) {
		this.jobs.rollUp()
			.forEach((job) -> log.info(
					"Job {} finished {}: {} written, {} duplicate, {} failed (rolled up by the " + "reconciler)",
					job.id(), job.status(), job.written(), job.duplicate(), job.failed()));
		Instant now = this.clock.instant();
		List<Watched> watched = this.watch.observe(this.jobs.list(), now);
		int stalledNow = 0;
		int failed = 0;
		for (Watched job : watched) {
			if (job.job().neverPublished() && job.unchangedFor().compareTo(this.properties.pendingTimeout()) >= 0) {
				failed += failPending(job) ? 1 : 0;
			}
			else if (job.job().awaitingChunks() && job.unchangedFor().compareTo(this.properties.stallWarning()) >= 0) {
				stalledNow++;
				failed += this.stalls.judge(job, answers.get(job.job().id())) ? 1 : 0;
			}
		}
		this.stalled.set(stalledNow);
		return new Tick(Tick.Outcome.ACTED, watched.size(), stalledNow, failed);
	}

	private boolean failPending(Watched watched) {
		String reason = "Publishing never completed: the job stayed PENDING with no chunk arriving for "
				+ describe(watched.unchangedFor());
		boolean failed = this.jobs.failPending(watched.job(), reason);
		if (failed) {
			log.warn("Failed job {}: {}", watched.job().id(), reason);
		}
		return failed;
	}

	/** A duration as people write it: {@code 1h}, {@code 5m30s}. */
	static String describe(Duration duration) {
		return duration.truncatedTo(ChronoUnit.SECONDS).toString().substring(2).toLowerCase(Locale.ROOT);
	}

	/**
	 * What one tick did.
	 *
	 * @param outcome whether this worker held the lock and read the jobs
	 * @param open open jobs read
	 * @param stalled open jobs watched without progress for at least the stall warning
	 * @param failed jobs failed by this tick
	 */
	record Tick(Outcome outcome, int open, int stalled, int failed) {

		static final Tick LOCK_BUSY = new Tick(Outcome.LOCK_BUSY, 0, 0, 0);

		static final Tick FAILED = new Tick(Outcome.FAILED, 0, 0, 0);

		/** How a tick went. */
		enum Outcome {

			/** This worker held the lock and reconciled every open job. */
			ACTED,
			/** Another worker's reconciler held the lock; nothing was read. */
			LOCK_BUSY,
			/** The database failed the tick; the watch starts over. */
			FAILED

		}

	}

}
