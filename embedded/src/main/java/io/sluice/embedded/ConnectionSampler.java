package io.sluice.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Samples {@code pg_stat_activity} on its own connection every {@value #INTERVAL_MILLIS}
 * ms and keeps the series: open backends whose {@code application_name} matches a
 * pattern, how many of them are busy (not idle), and optionally how many tasks wait for a
 * pooled connection. Tests check the connection cap with {@link #peak()}; the benchmark
 * charts {@link #series()}.
 */
public final class ConnectionSampler implements AutoCloseable {

	/** Time between two samples. */
	public static final long INTERVAL_MILLIS = 20;

	private static final String COUNT = """
			SELECT count(*), count(*) FILTER (WHERE state IS DISTINCT FROM 'idle')
			FROM pg_stat_activity
			WHERE application_name LIKE ? AND pid <> pg_backend_pid()
			""";

	private final ScheduledExecutorService scheduler = SamplingThreads.daemonScheduler("connection-sampler");

	private final List<Sample> series = new ArrayList<>();

	private final CountDownLatch firstSample = new CountDownLatch(1);

	private final Infrastructure infrastructure;

	private final String applicationNamePattern;

	private final IntSupplier waiting;

	/** Whether a lost connection is a gap in the series rather than a failure. */
	private final boolean acrossOutages;

	private Connection connection;

	private PreparedStatement count;

	private int missed;

	private long startNanos;

	private volatile Exception failure;

	private ConnectionSampler(Infrastructure infrastructure, String applicationNamePattern, IntSupplier waiting,
			boolean acrossOutages) {
		this.infrastructure = infrastructure;
		this.applicationNamePattern = applicationNamePattern;
		this.waiting = waiting;
		this.acrossOutages = acrossOutages;
	}

	/**
	 * Starts sampling; returns once the first sample is in.
	 * @param infrastructure the database to watch
	 * @param applicationNamePattern a LIKE pattern, for example {@code sluice-%}
	 * @return the running sampler; close it to stop
	 */
	public static ConnectionSampler start(Infrastructure infrastructure, String applicationNamePattern) {
		return start(infrastructure, applicationNamePattern, null);
	}

	/**
	 * Starts sampling; returns once the first sample is in.
	 * @param infrastructure the database to watch
	 * @param applicationNamePattern a LIKE pattern, for example {@code sluice-%}
	 * @param waiting tasks waiting for a connection in the watched pool, or {@code null}
	 * @return the running sampler; close it to stop
	 */
	public static ConnectionSampler start(Infrastructure infrastructure, String applicationNamePattern,
			IntSupplier waiting) {
		return start(new ConnectionSampler(infrastructure, applicationNamePattern, waiting, false));
	}

	/**
	 * Starts sampling a database that may go away while it runs (stopped, restarted, its
	 * connection cut): a sample that cannot be taken is {@linkplain #missed() missed},
	 * and the sampler connects again for the next one. Returns once the first sample is
	 * in.
	 * @param infrastructure the database to watch
	 * @param applicationNamePattern a LIKE pattern, for example {@code sluice-%}
	 * @return the running sampler; close it to stop
	 */
	public static ConnectionSampler startAcrossOutages(Infrastructure infrastructure, String applicationNamePattern) {
		return start(new ConnectionSampler(infrastructure, applicationNamePattern, null, true));
	}

	private static ConnectionSampler start(ConnectionSampler sampler) {
		try {
			sampler.connect();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Connection sampler could not connect", ex);
		}
		sampler.startNanos = System.nanoTime();
		sampler.scheduler.scheduleAtFixedRate(sampler::sample, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
		try {
			if (!sampler.firstSample.await(10, TimeUnit.SECONDS)) {
				sampler.close();
				throw new IllegalStateException("Connection sampler took no sample within 10 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			sampler.close();
			throw new IllegalStateException("Interrupted while starting the connection sampler", ex);
		}
		sampler.checkFailure();
		return sampler;
	}

	/** The highest count of open connections seen so far. */
	public int peak() {
		return series().stream().mapToInt(Sample::open).max().orElse(0);
	}

	/** How many samples were taken, to show the sampler really ran. */
	public int samples() {
		return series().size();
	}

	/**
	 * Every sample so far, oldest first.
	 * @return the series, times relative to the start
	 * @throws IllegalStateException if sampling failed
	 */
	public List<Sample> series() {
		checkFailure();
		synchronized (this.series) {
			return List.copyOf(this.series);
		}
	}

	private void connect() throws SQLException {
		this.connection = DriverManager.getConnection(this.infrastructure.jdbcUrl(), this.infrastructure.username(),
				this.infrastructure.password());
		this.count = this.connection.prepareStatement(COUNT);
		this.count.setString(1, this.applicationNamePattern);
	}

	/**
	 * How many samples could not be taken because the database was away (only a sampler
	 * {@linkplain #startAcrossOutages started across outages} misses any).
	 */
	public int missed() {
		synchronized (this.series) {
			return this.missed;
		}
	}

	private void sample() {
		if (this.connection == null) {
			try {
				connect();
			}
			catch (SQLException stillAway) {
				miss();
				return;
			}
		}
		try (ResultSet result = this.count.executeQuery()) {
			result.next();
			int waitingNow = (this.waiting != null) ? this.waiting.getAsInt() : 0;
			long at = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.startNanos);
			synchronized (this.series) {
				this.series.add(new Sample(at, result.getInt(1), result.getInt(2), waitingNow));
			}
		}
		catch (SQLException ex) {
			if (this.acrossOutages) {
				closeConnection();
				miss();
			}
			else {
				fail(ex);
			}
		}
		catch (RuntimeException ex) {
			fail(ex);
		}
		finally {
			this.firstSample.countDown();
		}
	}

	private void miss() {
		synchronized (this.series) {
			this.missed++;
		}
	}

	private void fail(Exception ex) {
		this.failure = ex;
		this.scheduler.shutdown();
	}

	private void closeConnection() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// the connection is gone already; closing it changes nothing
		}
		this.connection = null;
	}

	private void checkFailure() {
		if (this.failure != null) {
			throw new IllegalStateException("Connection sampler failed", this.failure);
		}
	}

	/** Stops sampling and closes the sampler's connection; the series stays readable. */
	@Override
	public void close() {
		SamplingThreads.stop(this.scheduler);
		if (this.connection != null) {
			closeConnection();
		}
	}

	/**
	 * One sample.
	 *
	 * @param atMillis milliseconds since sampling started
	 * @param open backends whose application name matched
	 * @param busy those of them not idle
	 * @param waiting tasks waiting for a pooled connection (0 if not watched)
	 */
	public record Sample(long atMillis, int open, int busy, int waiting) {
	}

}
