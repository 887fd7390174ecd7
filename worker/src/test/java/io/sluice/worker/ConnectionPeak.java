package io.sluice.worker;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Samples the worker's connections in {@code pg_stat_activity} every 20 ms in the
 * background and keeps the highest count, so a test can check the cap while a job runs.
 */
final class ConnectionPeak implements AutoCloseable {

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

	private final AtomicInteger peak = new AtomicInteger();

	private final AtomicInteger samples = new AtomicInteger();

	private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

	private ConnectionPeak(TestDatabase database) {
		this.sampler.scheduleWithFixedDelay(() -> sample(database), 0, 20, TimeUnit.MILLISECONDS);
	}

	static ConnectionPeak watch(TestDatabase database) {
		return new ConnectionPeak(database);
	}

	private void sample(TestDatabase database) {
		try {
			this.peak.accumulateAndGet(database.workerConnections(), Math::max);
			this.samples.incrementAndGet();
		}
		catch (RuntimeException ex) {
			this.failure.compareAndSet(null, ex);
		}
	}

	int peak() {
		rethrow();
		return this.peak.get();
	}

	int samples() {
		rethrow();
		return this.samples.get();
	}

	private void rethrow() {
		if (this.failure.get() != null) {
			throw this.failure.get();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.sampler.shutdown();
		this.sampler.awaitTermination(10, TimeUnit.SECONDS);
	}

}
