package io.sluice.worker.intake;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.db.DatabaseFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry policy for transient database failures, built from {@link RetryProperties}:
 * exponential random backoff, a bounded number of attempts, and only failures that
 * {@link DatabaseFailure#classify} calls transient. A permanent failure is thrown at
 * once.
 *
 * <p>
 * The whole budget runs on the consumer thread, so it must stay well under the consumer's
 * {@code max.poll.interval.ms}; {@link #checkFits(Duration)} enforces that at start-up.
 */
class TransientRetry {

	private static final Logger log = LoggerFactory.getLogger(TransientRetry.class);

	private final RetryProperties properties;

	private final RetryConfig config;

	private final Runnable onRetry;

	TransientRetry(RetryProperties properties) {
		this(properties, () -> {
		});
	}

	/**
	 * @param properties the policy
	 * @param onRetry called once for every retried failure (it counts them)
	 */
	TransientRetry(RetryProperties properties, Runnable onRetry) {
		this.properties = properties;
		this.onRetry = onRetry;
		this.config = RetryConfig.custom()
			.maxAttempts(properties.maxAttempts())
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(properties.initialInterval(),
					properties.multiplier(), properties.randomizationFactor(), properties.maxInterval()))
			.retryOnException((failure) -> DatabaseFailure.classify(failure) == DatabaseFailure.TRANSIENT)
			.build();
	}

	/**
	 * Runs one chunk's work, retrying transient failures within the budget.
	 * @param <T> the work's result
	 * @param chunk the chunk, named in log lines
	 * @param work the work; each attempt must be a complete transaction of its own
	 * @return the work's result
	 * @throws RuntimeException the last failure, transient (budget spent) or permanent
	 */
	<T> T run(PhotoChunk chunk, Supplier<T> work) {
		Retry retry = Retry.of(chunk.key(), this.config);
		retry.getEventPublisher().onRetry((event) -> {
			this.onRetry.run();
			log.warn("Chunk {} of job {}: transient database failure (attempt {} of {}), " + "retrying in {} ms: {}",
					chunk.chunkIndex(), chunk.jobId(), event.getNumberOfRetryAttempts(), this.properties.maxAttempts(),
					event.getWaitInterval().toMillis(), DatabaseFailure.describe(event.getLastThrowable()));
		});
		return retry.executeSupplier(work);
	}

	RetryConfig config() {
		return this.config;
	}

	/**
	 * The longest the backoff can wait in total for one delivery, with every wait at its
	 * random maximum. Time spent in the attempts themselves comes on top.
	 * @return the worst-case total wait
	 */
	Duration worstCaseWait() {
		double total = 0;
		double interval = this.properties.initialInterval().toMillis();
		for (int retry = 1; retry < this.properties.maxAttempts(); retry++) {
			total += Math.min(interval, this.properties.maxInterval().toMillis())
					* (1 + this.properties.randomizationFactor());
			interval *= this.properties.multiplier();
		}
		return Duration.ofMillis((long) Math.ceil(total));
	}

	/**
	 * Refuses a retry budget that, together with the pause before a redelivery, could
	 * keep the consumer from polling for more than half of {@code max.poll.interval.ms}.
	 * @param maxPollInterval the consumer's {@code max.poll.interval.ms}
	 * @throws IllegalStateException naming the settings to change
	 */
	void checkFits(Duration maxPollInterval) {
		Duration used = worstCaseWait().plus(this.properties.redeliveryMaxInterval());
		if (used.compareTo(maxPollInterval.dividedBy(2)) > 0) {
			throw new IllegalStateException(
					"sluice.worker.retry.* can keep a consumer from polling for " + used.toMillis()
							+ " ms (worst-case retry backoff plus redelivery-max-interval), more than half of "
							+ "spring.kafka.consumer.max-poll-interval (" + maxPollInterval.toMillis()
							+ " ms). Lower sluice.worker.retry.max-attempts, max-interval or redelivery-max-interval, "
							+ "or raise spring.kafka.consumer.max-poll-interval.");
		}
	}

}
