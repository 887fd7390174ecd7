package io.sluice.worker.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.db.DatabaseFailure;
import io.sluice.common.webhook.DeliveryState;
import io.sluice.worker.webhook.CallbackPost.Attempt;
import io.sluice.worker.webhook.WebhookDeliveries.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * One round of deliveries: claim the due ones ({@link WebhookDeliveries#claim}), send
 * them at once on the sender threads with no connection held ({@link CallbackPost}), and
 * record each outcome, each in a statement of its own. Decides nothing about timing but
 * the wait after a failed attempt ({@link DeliveryBackoff}); {@link WebhookSchedule}
 * decides when rounds run.
 *
 * <p>
 * Meters: {@code sluice.webhook.deliveries} counts attempts by {@code outcome}
 * ({@code delivered}; {@code retried}, a failed attempt that will be tried again;
 * {@code failed}, a failed attempt after which the delivery was given up), and
 * {@code sluice.webhook.deliveries.pending} is the fleet's pending deliveries, counted at
 * most once per {@link #COUNT_INTERVAL}.
 */
class WebhookSender {

	/** The delivery id, the same on every attempt, for receivers to drop repeats by. */
	static final String DELIVERY_HEADER = "Sluice-Delivery";

	static final Duration COUNT_INTERVAL = Duration.ofSeconds(15);

	private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

	private final WebhookDeliveries deliveries;

	private final CallbackPost post;

	private final WebhookSignature signature;

	private final DeliveryBackoff backoff;

	private final WebhookProperties properties;

	private final Clock clock;

	private final Counter delivered;

	private final Counter retried;

	private final Counter failed;

	private final AtomicLong pending = new AtomicLong();

	private long countedAtNanos;

	private boolean failing;

	WebhookSender(WebhookDeliveries deliveries, CallbackPost post, WebhookSignature signature, DeliveryBackoff backoff,
			WebhookProperties properties, Clock clock, MeterRegistry meters) {
		this.deliveries = deliveries;
		this.post = post;
		this.signature = signature;
		this.backoff = backoff;
		this.properties = properties;
		this.clock = clock;
		this.delivered = outcome(meters, "delivered");
		this.retried = outcome(meters, "retried");
		this.failed = outcome(meters, "failed");
		Gauge.builder("sluice.webhook.deliveries.pending", this.pending, AtomicLong::get)
			.description("Webhook deliveries not yet delivered nor given up, fleet-wide")
			.register(meters);
		this.countedAtNanos = System.nanoTime() - COUNT_INTERVAL.toNanos();
	}

	private static Counter outcome(MeterRegistry meters, String outcome) {
		return Counter.builder("sluice.webhook.deliveries")
			.description("Webhook delivery attempts, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	/**
	 * Claims, sends and records one round of due deliveries.
	 * @param senders the threads that make the attempts, at least
	 * {@code sluice.webhook.concurrency} of them
	 * @return how many were claimed: as many as the sender threads means more may be due
	 */
	int tick(ExecutorService senders) {
		List<Delivery> claimed;
		try {
			countPendingNowAndThen();
			claimed = this.deliveries.claim(this.properties.concurrency(), this.properties.claimLease());
		}
		catch (DataAccessException ex) {
			if (!this.failing) {
				log.warn("Cannot claim webhook deliveries; trying again every {}: {}", this.properties.pollInterval(),
						DatabaseFailure.describe(ex));
				this.failing = true;
			}
			return 0;
		}
		this.failing = false;
		if (claimed.isEmpty()) {
			return 0;
		}
		List<Future<Attempt>> attempts = new ArrayList<>(claimed.size());
		for (Delivery delivery : claimed) {
			attempts.add(senders.submit(() -> attempt(delivery)));
		}
		for (int i = 0; i < claimed.size(); i++) {
			record(claimed.get(i), outcomeOf(attempts.get(i)));
		}
		return claimed.size();
	}

	private Attempt attempt(Delivery delivery) {
		byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(DELIVERY_HEADER, delivery.id().toString());
		headers.put(WebhookSignature.HEADER, this.signature.sign(this.clock.instant().getEpochSecond(), body));
		return this.post.send(delivery.url(), headers, body);
	}

	private static Attempt outcomeOf(Future<Attempt> attempt) {
		try {
			return attempt.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Attempt.unanswered("the worker stopped during the attempt");
		}
		catch (ExecutionException ex) {
			return Attempt.unanswered("the attempt failed in the worker: " + ex.getCause());
		}
	}

	/**
	 * Records an attempt's outcome. If the record fails (database down), the delivery's
	 * lease runs out and it is sent again: at least once.
	 */
	private void record(Delivery delivery, Attempt attempt) {
		int attempts = delivery.attempts() + 1;
		try {
			if (attempt.delivered()) {
				this.deliveries.recordDelivered(delivery.id(), attempt.status());
				this.delivered.increment();
				log.info("Webhook of job {} delivered to {} (delivery {}, attempt {}, {})", delivery.jobId(),
						delivery.url(), delivery.id(), attempts, attempt.status());
				return;
			}
			Duration wait = this.backoff.after(attempts);
			DeliveryState state = this.deliveries.recordFailure(delivery.id(), attempt.status(), attempt.error(), wait,
					this.properties.maxAge());
			if (state == DeliveryState.FAILED) {
				this.failed.increment();
				log.warn("Webhook of job {} to {} given up after {} attempts, {} after the job ended (delivery {}): {}",
						delivery.jobId(), delivery.url(), attempts, this.properties.maxAge(), delivery.id(),
						attempt.error());
			}
			else {
				this.retried.increment();
				log.info("Webhook of job {} to {} failed (delivery {}, attempt {}): {}; next attempt in {} ms",
						delivery.jobId(), delivery.url(), delivery.id(), attempts, attempt.error(), wait.toMillis());
			}
		}
		catch (DataAccessException ex) {
			log.warn("Cannot record attempt {} of webhook delivery {} (job {}); it is sent again once its claim "
					+ "lapses: {}", attempts, delivery.id(), delivery.jobId(), DatabaseFailure.describe(ex));
		}
	}

	/**
	 * Counts the pending deliveries for the gauge if the last count is older than
	 * {@link #COUNT_INTERVAL}, and nothing else: for a worker that cannot send (no
	 * secret), so that the deliveries waiting for one still show.
	 */
	void countOnly() {
		try {
			countPendingNowAndThen();
		}
		catch (DataAccessException ex) {
			log.debug("Cannot count pending webhook deliveries: {}", DatabaseFailure.describe(ex));
		}
	}

	private void countPendingNowAndThen() {
		long now = System.nanoTime();
		if (now - this.countedAtNanos >= COUNT_INTERVAL.toNanos()) {
			this.pending.set(this.deliveries.countPending());
			this.countedAtNanos = now;
		}
	}

}
