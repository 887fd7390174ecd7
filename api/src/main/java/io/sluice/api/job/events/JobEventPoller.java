package io.sluice.api.job.events;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.sluice.api.job.Job;
import io.sluice.api.job.RecentJobs;
import io.sluice.common.db.DatabaseFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * The one poller of this API instance: every {@code sluice.api.events.poll-interval} it
 * reads every job an open stream watches, and every job polled with {@code GET} lately,
 * in one statement, borrowing one pooled connection for that statement only; it keeps the
 * rows in {@link RecentJobs}, from which {@code GET} answers, and hands them to
 * {@link JobEventStreams} (ADR 0022, 0039). So a thousand open streams cost what one
 * does: one query per tick, one connection for a few milliseconds, one thread. With no
 * stream open it does not touch the database.
 * <p>
 * While the database is unavailable the streams stay open with heartbeats and catch up on
 * the first tick that reads the jobs again. When the application stops, every stream is
 * completed before the web server's graceful shutdown waits for requests, so clients
 * reconnect (to another instance) instead of holding the shutdown up.
 */
class JobEventPoller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobEventPoller.class);

	private final WatchedJobs jobs;

	private final JobEventStreams streams;

	private final RecentJobs recent;

	private final long intervalMillis;

	private final AtomicLong queries = new AtomicLong();

	private ScheduledExecutorService scheduler;

	private boolean failing;

	JobEventPoller(WatchedJobs jobs, JobEventStreams streams, RecentJobs recent, JobEventsProperties properties) {
		this.jobs = jobs;
		this.streams = streams;
		this.recent = recent;
		this.intervalMillis = properties.pollInterval().toMillis();
	}

	/**
	 * Reads the streamed and the polled jobs once, keeps them for {@code GET} and
	 * delivers them to the streams; the body of each tick.
	 */
	void tick() {
		Set<UUID> watched = this.streams.watchedJobs();
		Set<UUID> asked = this.recent.polledJobs();
		asked.addAll(watched);
		if (asked.isEmpty()) {
			return;
		}
		Map<UUID, Job> read;
		try {
			this.queries.incrementAndGet();
			long readAt = System.nanoTime();
			read = this.jobs.findAll(asked).stream().collect(Collectors.toMap(Job::id, Function.identity()));
			this.recent.read(asked, read.values(), readAt);
		}
		catch (DataAccessException ex) {
			if (!this.failing) {
				log.warn("Cannot read {} watched job(s) for their event streams; streams stay open with heartbeats "
						+ "until the database answers: {}", watched.size(), DatabaseFailure.describe(ex));
				this.failing = true;
			}
			this.streams.heartbeat();
			return;
		}
		if (this.failing) {
			log.info("Reading watched jobs for their event streams again");
			this.failing = false;
		}
		this.streams.deliver(watched, read);
	}

	/**
	 * How many times the watched jobs were read since start-up: one statement each.
	 * @return the count
	 */
	long queries() {
		return this.queries.get();
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sluice-job-events");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(this::safeTick, this.intervalMillis, this.intervalMillis,
				TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdown();
			try {
				this.scheduler.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.scheduler = null;
		}
		this.streams.completeAll();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	private void safeTick() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			// a scheduled task that throws is never run again: log and carry on
			log.error("Job event poll failed", ex);
		}
	}

}
