package io.sluice.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks a service's readiness probe every 200 ms on a thread of its own, for a check that
 * it stays ready while something else happens.
 */
final class ReadinessSampler implements AutoCloseable {

	private static final Duration INTERVAL = Duration.ofMillis(200);

	private final ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor();

	private final AtomicInteger samples = new AtomicInteger();

	private final List<Readiness> notReady = new CopyOnWriteArrayList<>();

	private ReadinessSampler(ServiceProcess service) {
		this.probes.scheduleWithFixedDelay(() -> {
			Readiness readiness = service.readiness();
			this.samples.incrementAndGet();
			if (!readiness.isReady()) {
				this.notReady.add(readiness);
			}
		}, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
	}

	static ReadinessSampler start(ServiceProcess service) {
		return new ReadinessSampler(service);
	}

	int samples() {
		return this.samples.get();
	}

	/** The answers that were not ready, in order. */
	List<Readiness> notReady() {
		return List.copyOf(this.notReady);
	}

	@Override
	public void close() throws InterruptedException {
		this.probes.shutdown();
		this.probes.awaitTermination(10, TimeUnit.SECONDS);
	}

}
