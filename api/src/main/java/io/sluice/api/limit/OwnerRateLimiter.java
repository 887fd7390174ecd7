package io.sluice.api.limit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A {@link TokenBucket} per owner, in this API instance only: N instances allow an owner
 * N times the rate. Memory stays bounded by forgetting idle owners: once more than
 * {@code trackedOwners} owners are held, every owner whose bucket has refilled (which is
 * the same as having no bucket) is dropped, at most once per refill period. What remains
 * are the owners that made a request within the last {@code burst / rate} seconds.
 */
final class OwnerRateLimiter {

	private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

	private final double ratePerSecond;

	private final int burst;

	private final int trackedOwners;

	private final long refillNanos;

	private final LongSupplier nanoTime;

	private volatile long sweptAtNanos;

	/**
	 * A limiter.
	 * @param ratePerSecond requests per second per owner, sustained
	 * @param burst requests an idle owner may make at once
	 * @param trackedOwners owners held before idle ones are dropped
	 * @param nanoTime a monotonic clock ({@code System::nanoTime})
	 */
	OwnerRateLimiter(double ratePerSecond, int burst, int trackedOwners, LongSupplier nanoTime) {
		this.ratePerSecond = ratePerSecond;
		this.burst = burst;
		this.trackedOwners = trackedOwners;
		this.refillNanos = (long) Math.ceil(burst / ratePerSecond * 1e9);
		this.nanoTime = nanoTime;
		this.sweptAtNanos = nanoTime.getAsLong();
	}

	/**
	 * Counts a request of an owner.
	 * @param owner the caller
	 * @return 0 if the request may go ahead, else the seconds (at least 1) until the
	 * owner may make another
	 */
	long acquire(String owner) {
		long now = this.nanoTime.getAsLong();
		long[] wait = new long[1];
		this.buckets.compute(owner, (name, bucket) -> {
			TokenBucket held = (bucket != null) ? bucket : new TokenBucket(this.ratePerSecond, this.burst, now);
			wait[0] = held.take(now);
			return held;
		});
		if (this.buckets.size() > this.trackedOwners && now - this.sweptAtNanos >= this.refillNanos) {
			this.sweptAtNanos = now;
			forgetIdleOwners(now);
		}
		return wait[0];
	}

	/**
	 * How many owners are held now.
	 * @return the count
	 */
	int trackedOwners() {
		return this.buckets.size();
	}

	private void forgetIdleOwners(long now) {
		for (String owner : this.buckets.keySet()) {
			this.buckets.computeIfPresent(owner, (name, bucket) -> bucket.isFull(now) ? null : bucket);
		}
	}

}
