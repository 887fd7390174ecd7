package io.sluice.worker.retention;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the retention cleanup on its own thread, one at a time with a fixed pause between
 * them, from the moment the worker is running until it stops, skipping them while the
 * worker holds no connection lease (its connections are not its own then). The first
 * comes a minute after start-up (or one interval, if shorter), so that workers restarted
 * more often than the interval still clean up.
 */
class RetentionSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

	private static final Duration FIRST_DELAY = Duration.ofMinutes(1);

	/**
	 * A batch's statements end within 20 s (see {@link ExpiredRows}), after waiting up to
	 * 10 s for the spare connection.
	 */
	private static final Duration LONGEST_BATCH = Duration.ofSeconds(30);

	private final RetentionCleanup cleanup;

	private final BooleanSupplier leaseHeld;

	private final Duration interval;

	private ScheduledExecutorService executor;

	private volatile boolean stopping;

	/**
	 * @param cleanup what to run
	 * @param leaseHeld whether the worker holds a connection lease now
	 * @param interval the pause between two cleanups
	 */
	RetentionSchedule(RetentionCleanup cleanup, BooleanSupplier leaseHeld, Duration interval) {
		this.cleanup = cleanup;
		this.leaseHeld = leaseHeld;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		this.stopping = false;
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sluice-retention");
			thread.setDaemon(true);
			return thread;
		});
		long first = (FIRST_DELAY.compareTo(this.interval) < 0) ? FIRST_DELAY.toMillis() : this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(this::tick, first, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		log.info("Retention cleanup runs every {}", RetentionCleanup.describe(this.interval));
	}

	private void tick() {
		if (this.leaseHeld.getAsBoolean()) {
			this.cleanup.tick(() -> !this.stopping);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.stopping = true;
			this.executor.shutdown();
			try {
				// A cleanup stops between two batches; let the one under way finish.
				if (!this.executor.awaitTermination(LONGEST_BATCH.toMillis(), TimeUnit.MILLISECONDS)) {
					this.executor.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
