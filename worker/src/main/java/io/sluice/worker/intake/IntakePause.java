package io.sluice.worker.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.sluice.common.db.DatabaseFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Stops chunk intake while the database cannot take this worker's writes, and starts it
 * again as soon as it can. A chunk whose failure is not its own fault, transient past the
 * retry budget or a programming failure ({@link DatabaseFailure}), {@link #pause pauses}
 * every consumer thread of this worker, the express lane's included (they share the
 * database, so none could write either); the {@link IntakeProbe} then makes a write that
 * rolls back every {@code probe-interval} and resumes intake when one succeeds. A
 * {@code SELECT 1} would not do: a read-only or full database answers it. While paused
 * the consumers keep polling Kafka, so they keep their partitions, and nothing is
 * retried, logged per attempt or dead-lettered; the failed chunk is redelivered after the
 * resume.
 *
 * <p>
 * Every worker that meets the failure pauses the same way, so a database that is unwell
 * for everyone stops the whole fleet's intake, each worker resuming on its own probe.
 *
 * <p>
 * A programming failure (the schema or Sluice is wrong) is logged at {@code ERROR} at
 * most once a minute for as long as it lasts, and keeps {@link #state() the state}
 * reporting it until a chunk is written again: a probe can succeed while the failing
 * statement still fails, and intake then pauses again at the next chunk.
 */
public class IntakePause implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(IntakePause.class);

	/** How often a long pause is logged again, and at most how often at ERROR. */
	static final Duration REMINDER_INTERVAL = Duration.ofMinutes(1);

	private final KafkaListenerEndpointRegistry registry;

	private final IntakeProbe probe;

	private final Duration probeInterval;

	private final Clock clock;

	private final ScheduledExecutorService prober;

	private Paused paused;

	private volatile Paused unresolvedProgrammingFailure;

	/** When a programming failure was last logged at ERROR. */
	private Instant lastError = Instant.MIN;

	/** The SQLState of the programming failure last logged at ERROR. */
	private String lastErrorSqlState;

	/** When a transient pause was last logged at WARN. */
	private Instant lastWarning = Instant.MIN;

	IntakePause(KafkaListenerEndpointRegistry registry, IntakeProbe probe, Duration probeInterval, Clock clock) {
		this.registry = registry;
		this.probe = probe;
		this.probeInterval = probeInterval;
		this.clock = clock;
		this.prober = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "intake-probe");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Pauses intake, unless it is paused already, and starts probing the database.
	 * @param kind {@link DatabaseFailure#TRANSIENT} (past the retry budget) or
	 * {@link DatabaseFailure#PROGRAMMING}
	 * @param cause the failure, for the log and the worker's readiness
	 */
	synchronized void pause(DatabaseFailure kind, Throwable cause) {
		if (this.paused != null) {
			return;
		}
		this.paused = new Paused(kind, DatabaseFailure.sqlState(cause).orElse(null), DatabaseFailure.describe(cause),
				this.clock.instant(), 0);
		containers().forEach(MessageListenerContainer::pause);
		if (kind == DatabaseFailure.PROGRAMMING) {
			this.unresolvedProgrammingFailure = this.paused;
			errorAtMostOncePerMinute(this.paused.sqlState(),
					"Chunk intake paused: the database refuses Sluice's writes for a reason no retry can fix "
							+ "(the schema, its privileges or Sluice is wrong), SQLState {}; nothing is dead-lettered. "
							+ "Probing with a write every {} ms, intake resumes when one succeeds: {}",
					this.paused.sqlState(), this.probeInterval.toMillis(), this.paused.reason());
		}
		else {
			this.lastWarning = this.paused.since();
			log.warn(
					"Chunk intake paused: the database cannot take writes beyond the retry budget, SQLState {}; "
							+ "probing with a write every {} ms: {}",
					this.paused.sqlState(), this.probeInterval.toMillis(), this.paused.reason());
		}
		scheduleProbe();
	}

	/** Whether intake is paused now, waiting for the database. */
	public synchronized boolean isPaused() {
		return this.paused != null;
	}

	/**
	 * Why intake is paused now, or else the last programming failure if no chunk has been
	 * written since.
	 * @return the pause or the unresolved failure, empty if intake is healthy
	 */
	synchronized Optional<Paused> state() {
		return Optional.ofNullable((this.paused != null) ? this.paused : this.unresolvedProgrammingFailure);
	}

	/** A chunk was written: a programming failure seen before is resolved. */
	void written() {
		if (this.unresolvedProgrammingFailure != null) {
			synchronized (this) {
				if (this.unresolvedProgrammingFailure != null && this.paused == null) {
					log.info(
							"A chunk was written again after the programming failure (SQLState {}) that paused "
									+ "intake at {}",
							this.unresolvedProgrammingFailure.sqlState(), this.unresolvedProgrammingFailure.since());
					this.unresolvedProgrammingFailure = null;
				}
			}
		}
	}

	private void scheduleProbe() {
		this.prober.schedule(this::probe, this.probeInterval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void probe() {
		synchronized (this) {
			if (this.paused == null) {
				return;
			}
		}
		Optional<Exception> failure = this.probe.tryWrite(this.probeInterval);
		if (failure.isEmpty()) {
			resume();
			return;
		}
		synchronized (this) {
			if (this.paused == null) {
				return;
			}
			this.paused = this.paused.probed();
			log.debug("Database still refuses writes (probe {}): {}", this.paused.probes(), failure.get().toString());
			remindIfDue(failure.get());
		}
		scheduleProbe();
	}

	private void remindIfDue(Exception probeFailure) {
		Instant now = this.clock.instant();
		long seconds = Duration.between(this.paused.since(), now).toSeconds();
		if (this.paused.kind() == DatabaseFailure.PROGRAMMING) {
			errorAtMostOncePerMinute(this.paused.sqlState(),
					"Chunk intake still paused after {} s for SQLState {} ({} failed probes); fix "
							+ "the schema or Sluice: {}",
					seconds, this.paused.sqlState(), this.paused.probes(), DatabaseFailure.describe(probeFailure));
		}
		else if (isDue(this.lastWarning, now)) {
			this.lastWarning = now;
			log.warn("Chunk intake still paused after {} s ({} failed probes); the database still refuses writes: {}",
					seconds, this.paused.probes(), DatabaseFailure.describe(probeFailure));
		}
	}

	/**
	 * Logs at {@code ERROR} at most once a minute for one failure; a failure with another
	 * SQLState is news, and logged at once.
	 */
	private void errorAtMostOncePerMinute(String sqlState, String format, Object... arguments) {
		Instant now = this.clock.instant();
		if (isDue(this.lastError, now) || !Objects.equals(sqlState, this.lastErrorSqlState)) {
			this.lastError = now;
			this.lastErrorSqlState = sqlState;
			log.error(format, arguments);
		}
		else {
			log.debug(format, arguments);
		}
	}

	private static boolean isDue(Instant last, Instant now) {
		return Duration.between(last, now).compareTo(REMINDER_INTERVAL) >= 0;
	}

	private synchronized void resume() {
		if (this.paused == null) {
			return;
		}
		Duration pausedFor = Duration.between(this.paused.since(), this.clock.instant());
		DatabaseFailure kind = this.paused.kind();
		int probes = this.paused.probes();
		this.paused = null;
		containers().forEach(MessageListenerContainer::resume);
		log.info("A probe write succeeded after {} ms ({} failed probes), resuming chunk intake{}",
				pausedFor.toMillis(), probes,
				(kind == DatabaseFailure.PROGRAMMING) ? " (readiness stays down until a chunk is written)" : "");
	}

	/**
	 * Forgets a pause without resuming intake, once intake has stopped because the worker
	 * lost its connection lease: the probe stops borrowing connections, and intake starts
	 * unpaused when the lease is granted again.
	 */
	synchronized void abandon() {
		if (this.paused == null) {
			return;
		}
		this.paused = null;
		containers().forEach(MessageListenerContainer::resume);
		log.info("Chunk intake stopped while paused for the database; no longer probing it");
	}

	private List<MessageListenerContainer> containers() {
		return ChunkIntake.containers(this.registry);
	}

	@Override
	public void destroy() {
		this.prober.shutdownNow();
	}

	/**
	 * A pause, or a programming failure not yet resolved.
	 *
	 * @param kind what kind of failure paused intake
	 * @param sqlState its SQLState, or {@code null} if it had none
	 * @param reason the failure in one line
	 * @param since when intake paused
	 * @param probes how many probes have failed since
	 */
	record Paused(DatabaseFailure kind, String sqlState, String reason, Instant since, int probes) {

		Paused probed() {
			return new Paused(this.kind, this.sqlState, this.reason, this.since, this.probes + 1);
		}

	}

}
