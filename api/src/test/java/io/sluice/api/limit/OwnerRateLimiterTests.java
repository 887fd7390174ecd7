package io.sluice.api.limit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerRateLimiterTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	@Test
	void letsABurstThroughThenRefusesUntilATokenIsBack() {
		TokenBucket bucket = new TokenBucket(2.0, 3, this.now.get());

		assertThat(bucket.take(this.now.get())).isZero();
		assertThat(bucket.take(this.now.get())).isZero();
		assertThat(bucket.take(this.now.get())).isZero();
		assertThat(bucket.take(this.now.get())).as("a token comes back after 0.5 s, rounded up").isEqualTo(1);

		advance(500);
		assertThat(bucket.take(this.now.get())).isZero();
		assertThat(bucket.take(this.now.get())).isEqualTo(1);
	}

	@Test
	void saysHowManyWholeSecondsUntilTheNextTokenAtASlowRate() {
		TokenBucket bucket = new TokenBucket(0.1, 1, this.now.get());
		assertThat(bucket.take(this.now.get())).isZero();

		assertThat(bucket.take(this.now.get())).as("one token per 10 s").isEqualTo(10);
		advance(2_500);
		assertThat(bucket.take(this.now.get())).as("7.5 s to go, rounded up").isEqualTo(8);
		advance(7_500);
		assertThat(bucket.take(this.now.get())).isZero();
	}

	@Test
	void neverHoldsMoreThanTheBurst() {
		TokenBucket bucket = new TokenBucket(10.0, 2, this.now.get());
		advance(60_000);

		assertThat(bucket.take(this.now.get())).isZero();
		assertThat(bucket.take(this.now.get())).isZero();
		assertThat(bucket.take(this.now.get())).isEqualTo(1);
		assertThat(bucket.isFull(this.now.get())).isFalse();
		advance(200);
		assertThat(bucket.isFull(this.now.get())).isTrue();
	}

	@Test
	void limitsEachOwnerOnItsOwn() {
		OwnerRateLimiter limiter = new OwnerRateLimiter(1.0, 2, 100, this.now::get);

		assertThat(limiter.acquire("alice")).isZero();
		assertThat(limiter.acquire("alice")).isZero();
		assertThat(limiter.acquire("alice")).isEqualTo(1);
		assertThat(limiter.acquire("bob")).as("another owner has a full bucket").isZero();
		assertThat(limiter.acquire("bob")).isZero();
		assertThat(limiter.acquire("alice")).isEqualTo(1);
		advance(1_000);
		assertThat(limiter.acquire("alice")).isZero();
	}

	@Test
	void forgetsIdleOwnersOnceItHoldsTooMany() {
		OwnerRateLimiter limiter = new OwnerRateLimiter(10.0, 5, 3, this.now::get);
		for (int i = 0; i < 4; i++) {
			limiter.acquire("idle-" + i);
		}
		assertThat(limiter.trackedOwners()).as("no sweep before a refill period has passed").isEqualTo(4);

		advance(500); // the idle owners' buckets are full again (5 tokens at 10/s)
		for (int i = 0; i < 5; i++) {
			limiter.acquire("busy");
		}

		assertThat(limiter.trackedOwners()).as("only the busy owner is left").isOne();
		assertThat(limiter.acquire("busy")).as("and its bucket was kept: it is empty").isEqualTo(1);
	}

	private void advance(long millis) {
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
	}

}
