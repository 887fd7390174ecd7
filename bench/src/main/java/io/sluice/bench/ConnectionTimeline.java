package io.sluice.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

import io.sluice.bench.report.BenchReport.ConnectionSample;

/**
 * Samples {@code pg_stat_activity} on its own connection every {@value #INTERVAL_MILLIS}
 * ms while a run is timed, and keeps the whole series: open connections whose
 * {@code application_name} matches a pattern, how many of them are busy (not idle), and,
 * where the variant has one, how many of its tasks are waiting for a pooled connection.
 * Time zero is the first sample, taken just before the run starts.
 */
final class ConnectionTimeline implements AutoCloseable {

	static final long INTERVAL_MILLIS = 20;

	private static final String COUNT = """
			SELECT count(*), count(*) FILTER (WHERE state IS DISTINCT FROM 'idle')
			FROM pg_stat_activity
			WHERE application_name LIKE ? AND pid <> pg_backend_pid()
			""";

	private final List<ConnectionSample> samples = new ArrayList<>();

	private final CountDownLatch firstSample = new CountDownLatch(1);

	private final Thread thread;

	private long startNanos;

	private boolean started;

	private volatile boolean running = true;

	private volatile Exception failure;

	private ConnectionTimeline(BenchDatabase database, String pattern, IntSupplier waiting) {
		this.thread = new Thread(() -> sample(database, pattern, waiting), "bench-connection-sampler");
		this.thread.setDaemon(true);
	}

	/**
	 * Starts sampling and returns once the first sample is in.
	 * @param database the database to watch
	 * @param pattern a LIKE pattern on {@code application_name}, such as {@code sluice-%}
	 * @param waiting tasks waiting for a connection in the variant's own pool, or
	 * {@code null} if it has none
	 * @return the running timeline; close it to stop
	 */
	static ConnectionTimeline start(BenchDatabase database, String pattern, IntSupplier waiting) {
		ConnectionTimeline timeline = new ConnectionTimeline(database, pattern, waiting);
		timeline.thread.start();
		try {
			if (!timeline.firstSample.await(10, TimeUnit.SECONDS)) {
				throw new BenchmarkFailure("The connection sampler took no sample within 10 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchmarkFailure("Interrupted while starting the connection sampler", ex);
		}
		timeline.checkFailure();
		return timeline;
	}

	/**
	 * Stops sampling.
	 * @return every sample, oldest first, times relative to the start
	 */
	List<ConnectionSample> stop() {
		this.running = false;
		try {
			this.thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		checkFailure();
		synchronized (this.samples) {
			return List.copyOf(this.samples);
		}
	}

	@Override
	public void close() {
		this.running = false;
	}

	private void checkFailure() {
		if (this.failure != null) {
			throw new BenchmarkFailure("The connection sampler failed", this.failure);
		}
	}

	private void sample(BenchDatabase database, String pattern, IntSupplier waiting) {
		try (Connection connection = database.connect("bench-sampler");
				PreparedStatement count = connection.prepareStatement(COUNT)) {
			count.setString(1, pattern);
			while (this.running) {
				long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS);
				try (ResultSet result = count.executeQuery()) {
					result.next();
					int waitingNow = (waiting != null) ? waiting.getAsInt() : 0;
					if (!this.started) {
						this.startNanos = System.nanoTime();
						this.started = true;
					}
					long at = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.startNanos);
					synchronized (this.samples) {
						this.samples.add(new ConnectionSample(at, result.getInt(1), result.getInt(2), waitingNow));
					}
				}
				this.firstSample.countDown();
				LockSupport.parkNanos(Math.max(0, due - System.nanoTime()));
			}
		}
		catch (SQLException | RuntimeException ex) {
			this.failure = ex;
			this.firstSample.countDown();
		}
	}

}
