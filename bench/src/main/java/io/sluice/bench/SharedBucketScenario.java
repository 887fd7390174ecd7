package io.sluice.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.bench.report.Statistics;
import io.sluice.embedded.Directories;
import io.sluice.embedded.EmbeddedInfrastructure;

/**
 * What a rate limit shared by every API instance would cost, measured where it would
 * live: one token-bucket statement per request in PostgreSQL (issue 15, ADR 0035). Each
 * API instance counts its owners' requests in memory today, so N instances let an owner
 * make N times the rate; a shared bucket would make it one rate, for one more round trip
 * per request.
 *
 * <p>
 * Three phases of {@value #RATE} calls a second for {@link #PHASE}, the rate of the
 * watchers scenario's 1,000 pollers, from a pool of {@value #POOL} connections (the API's
 * default pool) and {@value #THREADS} request threads, on an embedded PostgreSQL of its
 * own: a bare round trip ({@code SELECT 1}), the bucket statement for 1,000 owners, and
 * for one owner whose clients are spread over every instance, whose bucket row every call
 * then locks. Calls are started on schedule whatever the earlier ones do (an open loop),
 * and timed from their scheduled start, so queueing counts. The bucket statement is the
 * cheapest there is, one autocommit upsert; Bucket4j's PostgreSQL backend takes a row
 * lock and writes in a transaction of its own, more round trips than this.
 */
final class SharedBucketScenario {

	/** Calls a second, as 1,000 owners polling once a second each. */
	static final int RATE = 1_000;

	static final Duration PHASE = Duration.ofSeconds(15);

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	private static final int POOL = 4;

	private static final int THREADS = 64;

	private static final int OWNERS = 1_000;

	private static final String CREATE = """
			CREATE UNLOGGED TABLE IF NOT EXISTS bench_rate_bucket (
			    owner text PRIMARY KEY, tokens double precision NOT NULL, refilled_at timestamptz NOT NULL)
			""";

	/**
	 * Takes one token from the owner's bucket (50 a second, 100 at most, the API's
	 * defaults), refilled for the time since its last call; answers what is left, below 0
	 * when the call is refused.
	 */
	private static final String TAKE = """
			INSERT INTO bench_rate_bucket AS b (owner, tokens, refilled_at) VALUES (?, 99, clock_timestamp())
			ON CONFLICT (owner) DO UPDATE
			SET tokens = least(100, b.tokens + 50 * extract(epoch FROM clock_timestamp() - b.refilled_at)) - 1,
			    refilled_at = clock_timestamp()
			RETURNING tokens
			""";

	private final Path home;

	private final Path out;

	private final PrintStream console;

	SharedBucketScenario(Path home, Path out, PrintStream console) {
		this.home = home;
		this.out = out;
		this.console = console;
	}

	/**
	 * Measures the three phases and writes {@code bench-shared-bucket.md} to the output
	 * directory.
	 * @return the report's Markdown
	 */
	String run() {
		Path directory = this.home.resolve("bench").resolve("target").resolve("shared-bucket");
		Directories.deleteRecursively(directory);
		try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(directory, 1);
				HikariDataSource pool = pool(infrastructure)) {
			try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
				statement.execute(CREATE);
			}
			long postmaster = infrastructure.postgres().postmasterPid();
			List<Phase> phases = List.of(measure("round trip alone (SELECT 1)", pool, postmaster, (calls) -> null),
					measure("shared bucket, 1,000 owners", pool, postmaster,
							(calls) -> "owner-" + ThreadLocalRandom.current().nextInt(OWNERS)),
					measure("shared bucket, one owner on every instance", pool, postmaster, (calls) -> "hot-owner"));
			String report = report(phases);
			Files.createDirectories(this.out);
			Files.writeString(this.out.resolve("bench-shared-bucket.md"), report);
			return report;
		}
		catch (SQLException ex) {
			throw new BenchmarkFailure("The shared bucket measurement failed: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static HikariDataSource pool(EmbeddedInfrastructure infrastructure) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(infrastructure.jdbcUrl());
		config.setUsername(infrastructure.username());
		config.setPassword(infrastructure.password());
		config.setPoolName("bench-shared-bucket");
		config.setMaximumPoolSize(POOL);
		config.setMinimumIdle(POOL);
		config.setAutoCommit(true);
		return new HikariDataSource(config);
	}

	/**
	 * Runs one phase: {@value #RATE} calls a second, the first {@link #WARM_UP} not
	 * counted.
	 * @param ownerOf the owner of a call, or {@code null} for a bare round trip
	 */
	private Phase measure(String name, HikariDataSource pool, long postmaster, OwnerChooser ownerOf) {
		this.console.printf("Shared bucket: %s, %,d calls a second for %d s...%n", name, RATE,
				WARM_UP.plus(PHASE).toSeconds());
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / RATE;
		int warmUpCalls = (int) (WARM_UP.toSeconds() * RATE);
		int timedCalls = (int) (PHASE.toSeconds() * RATE);
		double[] millis = new double[timedCalls];
		AtomicInteger failures = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		long databaseCpuBefore = 0;
		long began = System.nanoTime();
		long timedFrom = began + warmUpCalls * intervalNanos;
		try {
			for (int call = 0; call < warmUpCalls + timedCalls; call++) {
				long due = began + call * intervalNanos;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				if (call == warmUpCalls) {
					databaseCpuBefore = databaseCpu(postmaster);
				}
				int timed = call - warmUpCalls;
				String owner = ownerOf.ownerOf(call);
				threads.execute(() -> {
					try {
						call(pool, owner);
					}
					catch (SQLException ex) {
						failures.incrementAndGet();
					}
					if (timed >= 0) {
						millis[timed] = (System.nanoTime() - due) / 1e6;
					}
				});
			}
			threads.shutdown();
			if (!threads.awaitTermination(1, TimeUnit.MINUTES)) {
				throw new BenchmarkFailure("The shared bucket's calls did not end within a minute");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchmarkFailure("Interrupted", ex);
		}
		finally {
			threads.shutdownNow();
		}
		double seconds = (System.nanoTime() - timedFrom) / 1e9;
		double databaseCpuSeconds = (databaseCpu(postmaster) - databaseCpuBefore) / 1e9;
		List<Double> latencies = new ArrayList<>(timedCalls);
		for (double value : millis) {
			latencies.add(value);
		}
		return new Phase(name, timedCalls / seconds, Statistics.percentile(latencies, 50),
				Statistics.percentile(latencies, 99), databaseCpuSeconds * 1e6 / timedCalls,
				databaseCpuSeconds / seconds, failures.get());
	}

	private static void call(HikariDataSource pool, String owner) throws SQLException {
		try (Connection connection = pool.getConnection()) {
			if (owner == null) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SELECT 1");
				}
				return;
			}
			try (PreparedStatement take = connection.prepareStatement(TAKE)) {
				take.setString(1, owner);
				take.execute();
			}
		}
	}

	/** CPU nanoseconds of the postmaster and every backend it started. */
	private static long databaseCpu(long postmaster) {
		long nanos = CpuClock.cpuNanos(postmaster);
		for (ProcessHandle backend : ProcessHandle.of(postmaster)
			.map((process) -> process.descendants().toList())
			.orElse(List.of())) {
			nanos += CpuClock.cpuNanos(backend.pid());
		}
		return nanos;
	}

	private static String report(List<Phase> phases) {
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT,
				"A rate limit shared by every API instance: %,d calls a second for %d s, a pool of %d connections%n%n",
				RATE, PHASE.toSeconds(), POOL));
		table.append("| phase | calls/s | p50 ms | p99 ms | database CPU µs a call | database cores busy | failed |\n");
		table.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Phase phase : phases) {
			table.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %.0f | %.2f | %d |%n", phase.name(),
					phase.callsPerSecond(), phase.p50Ms(), phase.p99Ms(), phase.databaseCpuMicrosPerCall(),
					phase.databaseCores(), phase.failed()));
		}
		return table.toString();
	}

	/** Chooses the owner of the {@code call}-th call. */
	@FunctionalInterface
	private interface OwnerChooser {

		String ownerOf(int call);

	}

	/**
	 * One phase's figures.
	 *
	 * @param name what was called
	 * @param callsPerSecond calls completed a second over the timed part
	 * @param p50Ms median time from a call's scheduled start to its end
	 * @param p99Ms 99th percentile of the same
	 * @param databaseCpuMicrosPerCall PostgreSQL's CPU time per call
	 * @param databaseCores PostgreSQL's CPU time per second of the phase
	 * @param failed calls that failed
	 */
	record Phase(String name, double callsPerSecond, double p50Ms, double p99Ms, double databaseCpuMicrosPerCall,
			double databaseCores, int failed) {
	}

}
