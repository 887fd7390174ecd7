package io.sluice.worker.reconcile;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Ticks the reconciler on its own thread, one tick at a time with a fixed pause between
 * them, from the moment the worker is running until it stops, skipping the ticks while
 * the worker holds no connection lease (its connections are not its own then).
 */
class ReconcilerSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReconcilerSchedule.class);

	/** The tick's statements end within 5 s (see {@link OpenJobs}). */
	private static final Duration DATABASE_PART = Duration.ofSeconds(5);

	private final Reconciler reconciler;

	private final BooleanSupplier leaseHeld;

	private final Duration interval;

	private final Duration longestTick;

	private ScheduledExecutorService executor;

	/**
	 * @param reconciler what to tick
	 * @param leaseHeld whether the worker holds a connection lease now
	 * @param interval the pause between two ticks
	 * @param kafkaTimeout the longest a tick waits for Kafka
	 */
	ReconcilerSchedule(Reconciler reconciler, BooleanSupplier leaseHeld, Duration interval, Duration kafkaTimeout) {
		this.reconciler = reconciler;
		this.leaseHeld = leaseHeld;
		this.interval = interval;
		this.longestTick = kafkaTimeout.plus(DATABASE_PART);
	}

	@Override
	public synchronized void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sluice-reconciler");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleWithFixedDelay(this::tick, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
		log.info("Reconciler ticks every {} s", this.interval.toSeconds());
	}

	private void tick() {
		if (this.leaseHeld.getAsBoolean()) {
			this.reconciler.tick();
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdown();
			try {
				// A tick lasts milliseconds and every wait in it is bounded; let it
				// finish.
				this.executor.awaitTermination(this.longestTick.toMillis(), TimeUnit.MILLISECONDS);
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
