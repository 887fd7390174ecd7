package io.sluice.api.limit;

/**
 * One owner's request allowance: holds up to {@code burst} tokens, refills at
 * {@code ratePerSecond}, and each request takes one. Not thread-safe:
 * {@link OwnerRateLimiter} only touches a bucket inside {@code ConcurrentHashMap.compute}
 * for its owner.
 */
final class TokenBucket {

	private static final double NANOS_PER_SECOND = 1e9;

	private final double ratePerSecond;

	private final int burst;

	private double tokens;

	private long refilledAtNanos;

	/**
	 * A full bucket.
	 * @param ratePerSecond tokens added per second
	 * @param burst most tokens held
	 * @param nowNanos the current time, from the limiter's monotonic clock
	 */
	TokenBucket(double ratePerSecond, int burst, long nowNanos) {
		this.ratePerSecond = ratePerSecond;
		this.burst = burst;
		this.tokens = burst;
		this.refilledAtNanos = nowNanos;
	}

	/**
	 * Takes a token if there is one.
	 * @param nowNanos the current time
	 * @return 0 if a token was taken, else the whole seconds (at least 1) until one will
	 * be there
	 */
	long take(long nowNanos) {
		refill(nowNanos);
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return Math.max(1, (long) Math.ceil((1 - this.tokens) / this.ratePerSecond));
	}

	/**
	 * Whether the bucket has refilled completely, so that forgetting it changes nothing.
	 * @param nowNanos the current time
	 * @return whether it holds {@code burst} tokens
	 */
	boolean isFull(long nowNanos) {
		refill(nowNanos);
		return this.tokens >= this.burst;
	}

	private void refill(long nowNanos) {
		long elapsed = nowNanos - this.refilledAtNanos;
		if (elapsed > 0) {
			this.tokens = Math.min(this.burst, this.tokens + elapsed / NANOS_PER_SECOND * this.ratePerSecond);
			this.refilledAtNanos = nowNanos;
		}
	}

}
