package io.sluice.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Samples {@code pg_stat_activity} on its own connection every few milliseconds and keeps
 * the highest number of backends whose {@code application_name} matches a pattern, so a
 * test can check the connection cap while a job runs.
 */
public final class ConnectionSampler implements AutoCloseable {

	private static final String COUNT = """
			SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE ? AND pid <> pg_backend_pid()
			""";

	private final AtomicInteger peak = new AtomicInteger();

	private final AtomicInteger samples = new AtomicInteger();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread thread;

	private ConnectionSampler(Infrastructure infrastructure, String applicationNamePattern, long intervalMillis) {
		this.thread = new Thread(() -> sample(infrastructure, applicationNamePattern, intervalMillis),
				"connection-sampler");
		this.thread.setDaemon(true);
	}

	/**
	 * Starts sampling.
	 * @param infrastructure the database to watch
	 * @param applicationNamePattern a LIKE pattern, for example {@code sluice-%}
	 * @return the running sampler; close it to stop
	 */
	public static ConnectionSampler start(Infrastructure infrastructure, String applicationNamePattern) {
		ConnectionSampler sampler = new ConnectionSampler(infrastructure, applicationNamePattern, 20);
		sampler.thread.start();
		return sampler;
	}

	/** The highest count seen so far. */
	public int peak() {
		return this.peak.get();
	}

	/** How many samples were taken, to show the sampler really ran. */
	public int samples() {
		return this.samples.get();
	}

	private void sample(Infrastructure infrastructure, String pattern, long intervalMillis) {
		try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.username(),
				infrastructure.password()); PreparedStatement count = connection.prepareStatement(COUNT)) {
			count.setString(1, pattern);
			while (this.running.get()) {
				try (ResultSet result = count.executeQuery()) {
					result.next();
					this.peak.accumulateAndGet(result.getInt(1), Math::max);
					this.samples.incrementAndGet();
				}
				java.util.concurrent.locks.LockSupport.parkNanos(intervalMillis * 1_000_000);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Connection sampler failed", ex);
		}
	}

	@Override
	public void close() {
		this.running.set(false);
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
