package io.sluice.worker.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a delivery whose attempt failed is tried again: after {@code initial}, doubling
 * with each further failed attempt up to {@code max}, each wait drawn between half and
 * one and a half times that, so that the deliveries of many jobs that failed together (a
 * receiver down for a while) do not come back together. Whether to try again at all is
 * decided with the database's clock, against the delivery's age
 * ({@link WebhookDeliveries#recordFailure}).
 */
final class DeliveryBackoff {

	private final Duration initial;

	private final Duration max;

	private final DoubleSupplier random;

	DeliveryBackoff(Duration initial, Duration max, DoubleSupplier random) {
		this.initial = initial;
		this.max = max;
		this.random = random;
	}

	/**
	 * The wait after a failed attempt.
	 * @param failedAttempts attempts that have failed, this one included (1 or more)
	 * @return the wait before the next attempt
	 */
	Duration after(int failedAttempts) {
		long maxMillis = this.max.toMillis();
		long base = Math.min(this.initial.toMillis(), maxMillis);
		for (int attempt = 1; attempt < failedAttempts && base < maxMillis; attempt++) {
			base = Math.min(maxMillis, base * 2);
		}
		double factor = 0.5 + this.random.getAsDouble();
		return Duration.ofMillis(Math.max(1, Math.round(base * factor)));
	}

}
