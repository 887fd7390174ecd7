package io.sluice.worker.webhook;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs rounds of deliveries on a thread of its own, from the moment the worker is running
 * until it stops: every {@code sluice.webhook.poll-interval}, and at once again after a
 * round that claimed as many deliveries as there are sender threads. Skips its rounds
 * while the worker holds no connection lease (its connections are not its own then), as
 * the reconciler does. A worker without a secret only counts the pending deliveries. The
 * sender threads live from {@link #start()} to {@link #stop()}, and a stopped schedule
 * can be started again.
 */
class WebhookSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookSchedule.class);

	private final WebhookSender sender;

	private final BooleanSupplier leaseHeld;

	private final WebhookProperties properties;

	private ScheduledExecutorService executor;

	private ExecutorService senders;

	private volatile boolean running;

	WebhookSchedule(WebhookSender sender, BooleanSupplier leaseHeld, WebhookProperties properties) {
		this.sender = sender;
		this.leaseHeld = leaseHeld;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sluice-webhooks");
			thread.setDaemon(true);
			return thread;
		});
		AtomicInteger number = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(this.properties.concurrency(), (task) -> {
			Thread thread = new Thread(task, "sluice-webhook-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.running = true;
		long interval = this.properties.pollInterval().toMillis();
		ExecutorService senders = this.senders;
		this.executor.scheduleWithFixedDelay(() -> round(senders), interval, interval, TimeUnit.MILLISECONDS);
		if (this.properties.hasSecret()) {
			log.info("Webhook deliveries: {} at once, looked for every {} ms, retried for {} after the job ended",
					this.properties.concurrency(), interval, this.properties.maxAge());
		}
		else {
			log.warn("sluice.webhook.secret (SLUICE_WEBHOOK_SECRET) is not set: this worker sends no webhook. "
					+ "Deliveries wait for a worker that has it; sluice_webhook_deliveries_pending counts them");
		}
	}

	private void round(ExecutorService senders) {
		try {
			if (!this.leaseHeld.getAsBoolean()) {
				return;
			}
			if (!this.properties.hasSecret()) {
				this.sender.countOnly();
				return;
			}
			while (this.running && this.sender.tick(senders) >= this.properties.concurrency()) {
				// a full round: more may be due
			}
		}
		catch (RuntimeException ex) {
			// a scheduled task that throws is never run again: log and carry on
			log.error("Webhook delivery round failed", ex);
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.executor != null) {
			this.executor.shutdown();
			try {
				// a round's attempts end within their timeouts; let them finish and be
				// recorded, or their claims lapse and they are sent again
				Duration longest = this.properties.connectTimeout().plus(this.properties.readTimeout()).plusSeconds(5);
				this.executor.awaitTermination(longest.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.executor = null;
		}
		if (this.senders != null) {
			this.senders.shutdownNow();
			this.senders = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
