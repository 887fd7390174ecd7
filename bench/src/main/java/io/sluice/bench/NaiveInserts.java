package io.sluice.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.sluice.common.db.UrlHash;

/**
 * The pattern Sluice replaces: one auto-committed {@code INSERT} per photo, every photo
 * submitted at once as its own task, against a Hikari pool of {@value #POOL_SIZE} with a
 * {@value #CONNECTION_TIMEOUT_SECONDS} s connection timeout. A task that waits longer for
 * a connection fails with Hikari's "Connection is not available, request timed out": its
 * photo is not written, and is counted.
 */
final class NaiveInserts implements Variant {

	static final int POOL_SIZE = 5;

	static final int CONNECTION_TIMEOUT_SECONDS = 10;

	private static final String INSERT = """
			INSERT INTO photo (album_id, url_hash, url, caption, job_id) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (album_id, url_hash) DO NOTHING
			""";

	private final HikariDataSource pool;

	NaiveInserts(BenchDatabase database) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(database.infrastructure().jdbcUrl());
		config.setDataSourceProperties(database.properties("bench-naive"));
		config.setUsername(database.infrastructure().username());
		config.setPassword(database.infrastructure().password());
		config.setPoolName("bench-naive");
		config.setMaximumPoolSize(POOL_SIZE);
		config.setMinimumIdle(POOL_SIZE);
		config.setConnectionTimeout(Duration.ofSeconds(CONNECTION_TIMEOUT_SECONDS).toMillis());
		config.setAutoCommit(true);
		this.pool = new HikariDataSource(config);
	}

	@Override
	public String name() {
		return "naive";
	}

	@Override
	public String connectionPattern() {
		return "bench-naive";
	}

	@Override
	public IntSupplier waitingForConnection() {
		return () -> this.pool.getHikariPoolMXBean().getThreadsAwaitingConnection();
	}

	@Override
	public RunOutcome run(PhotoSet photos, Object prepared, AtomicLong done) throws Exception {
		awaitFullPool();
		AtomicInteger poolTimeouts = new AtomicInteger();
		AtomicInteger otherFailures = new AtomicInteger();
		AtomicReference<SQLException> firstOther = new AtomicReference<>();
		CountDownLatch finished = new CountDownLatch(photos.count());
		ExecutorService tasks = NaiveThreads.executor();
		long start = System.nanoTime();
		try {
			for (int i = 0; i < photos.count(); i++) {
				int index = i;
				tasks.execute(() -> {
					try {
						insert(photos, index);
					}
					catch (SQLTransientConnectionException ex) {
						poolTimeouts.incrementAndGet();
					}
					catch (SQLException ex) {
						otherFailures.incrementAndGet();
						firstOther.compareAndSet(null, ex);
					}
					finally {
						done.incrementAndGet();
						finished.countDown();
					}
				});
			}
			if (!finished.await(30, TimeUnit.MINUTES)) {
				throw new BenchmarkFailure("The naive variant did not finish within 30 minutes");
			}
		}
		finally {
			tasks.shutdownNow();
		}
		long elapsed = System.nanoTime() - start;
		if (firstOther.get() != null) {
			throw new BenchmarkFailure(otherFailures.get() + " naive inserts failed for a reason other than a pool"
					+ " timeout; the first: " + firstOther.get().getMessage(), firstOther.get());
		}
		return new RunOutcome(elapsed, poolTimeouts.get(), poolTimeouts.get(), null);
	}

	private void insert(PhotoSet photos, int index) throws SQLException {
		try (Connection connection = this.pool.getConnection();
				PreparedStatement insert = connection.prepareStatement(INSERT)) {
			String url = photos.url(index);
			insert.setLong(1, photos.albumId());
			insert.setObject(2, UrlHash.of(url));
			insert.setString(3, url);
			insert.setString(4, photos.caption(index));
			insert.setObject(5, photos.jobId());
			insert.executeUpdate();
		}
	}

	/**
	 * A web application's pool is warm: every run starts with all connections open.
	 * Borrowing them all at once makes the pool open each one (within its connection
	 * timeout).
	 */
	private void awaitFullPool() throws SQLException {
		List<Connection> borrowed = new ArrayList<>(POOL_SIZE);
		try {
			for (int i = 0; i < POOL_SIZE; i++) {
				borrowed.add(this.pool.getConnection());
			}
		}
		finally {
			for (Connection connection : borrowed) {
				connection.close();
			}
		}
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
