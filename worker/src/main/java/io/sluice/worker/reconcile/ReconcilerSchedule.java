package io.sluice.worker.reconcile;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.sluice.worker.budget.SpareConnection;
import io.sluice.worker.budget.SpareConnection.Turn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Ticks the reconciler on its own thread, one tick at a time with a fixed pause between
 * them, from the moment the worker is running until it stops, skipping the ticks while
 * the worker holds no connection lease (its connections are not its own then). A tick
 * runs in the {@link SpareConnection}'s turn, which it shares with retention; one that
 * does not get the turn within an interval is skipped, like one whose lock is busy.
 */
class ReconcilerSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReconcilerSchedule.class);

	/** The tick's statements end within 5 s (see {@link OpenJobs}). */
	private static final Duration DATABASE_PART = Duration.ofSeconds(5);

	private final Reconciler reconciler;

	private final BooleanSupplier leaseHeld;

	private final SpareConnection spare;

	private final Duration interval;

	private final Duration longestTick;

	private ScheduledExecutorService executor;

	/**
	 * @param reconciler what to tick
	 * @param leaseHeld whether the worker holds a connection lease now
	 * @param spare the turn at the spare connection
	 * @param interval the pause between two ticks
	 * @param kafkaTimeout the longest a tick waits for Kafka
	 */
	ReconcilerSchedule(Reconciler reconciler, BooleanSupplier leaseHeld, SpareConnection spare, Duration interval,
			Duration kafkaTimeout) {
		this.reconciler = reconciler;
		this.leaseHeld = leaseHeld;
		this.spare = spare;
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
		if (!this.leaseHeld.getAsBoolean()) {
			return;
		}
		Optional<Turn> turn = this.spare.take(this.interval);
		if (turn.isEmpty()) {
			log.debug("Reconciler tick skipped: the spare connection stayed busy for {} s", this.interval.toSeconds());
			return;
		}
		try (Turn held = turn.get()) {
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
				if (!this.executor.awaitTermination(this.longestTick.toMillis(), TimeUnit.MILLISECONDS)) {
					// Still waiting for the spare connection's turn: give up the tick.
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
