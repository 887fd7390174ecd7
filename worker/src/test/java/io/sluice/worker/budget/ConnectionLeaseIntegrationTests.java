package io.sluice.worker.budget;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.embedded.ConnectionSampler;
import io.sluice.embedded.FreePorts;
import io.sluice.embedded.Infrastructure;
import io.sluice.worker.MigratedDatabase;
import io.sluice.embedded.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers leasing connections of one fleet budget, each with its own real Hikari pool on
 * a database of their own on the real PostgreSQL server, so that no other test's lease
 * counts. Their intake is a stand-in that holds one connection per consumer thread, as
 * writing consumer threads do, so {@code pg_stat_activity} shows what the leases allow.
 */
class ConnectionLeaseIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String NAME_PREFIX = "lease-test-";

	private static final LeaseProperties QUICK = new LeaseProperties(Duration.ofMillis(200), Duration.ofSeconds(1),
			Duration.ofMillis(200));

	private static Infrastructure server;

	private static String jdbcUrl;

	private final List<TestWorker> workers = new ArrayList<>();

	private final JdbcTemplate database = new JdbcTemplate(
			new DriverManagerDataSource(jdbcUrl, server.username(), server.password()));

	@BeforeAll
	static void createTheLeaseDatabase() {
		server = TestInfrastructure.shared();
		jdbcUrl = MigratedDatabase.create(server, "lease");
	}

	@AfterEach
	void stopWorkers() {
		this.workers.forEach(TestWorker::close);
		this.database.update("DELETE FROM connection_lease");
	}

	@Test
	void grantsWhatIsFreeLetsTheNextWorkerWaitHoldingNothingAndHandsOverOnShutdown() {
		// 10 connections: 8 to lease, 2 kept for starting workers. Each worker wants 3.
		ConnectionBudget budget = new ConnectionBudget(2, 1, 12, 10);
		try (ConnectionSampler connections = ConnectionSampler.start(server, NAME_PREFIX + "%")) {
			TestWorker first = start("first", budget, jdbcUrl);
			awaitLease(first, 3);
			TestWorker second = start("second", budget, jdbcUrl);
			awaitLease(second, 3);
			TestWorker third = start("third", budget, jdbcUrl);
			awaitLease(third, 2);
			TestWorker fourth = start("fourth", budget, jdbcUrl);

			await().atMost(WAIT).until(() -> fourth.lease.state().databaseAnswered());
			assertThat(fourth.lease.isHeld()).isFalse();
			assertThat(fourth.lease.state().reason()).contains("8 are leased to 3 other workers");
			assertThat(fourth.work.starts).isEmpty();
			await().atMost(WAIT).until(() -> open(fourth) == 0);
			assertThat(first.work.starts).containsExactly(2);
			assertThat(third.work.starts).containsExactly(1);
			assertThat(leased()).isEqualTo(8);

			first.close();
			awaitLease(fourth, 3);
			assertThat(fourth.work.starts).containsExactly(2);
			assertThat(leased()).isEqualTo(8);
			await().atMost(WAIT).until(() -> open(fourth) == 3);
			assertThat(connections.peak()).isPositive().isLessThanOrEqualTo(budget.fleetBudget());
		}
	}

	@Test
	void reclaimsTheLeaseOfAWorkerWhoseHeartbeatStopped() {
		this.database.update("INSERT INTO connection_lease (holder, connections, heartbeat_at) "
				+ "VALUES ('crashed', 7, now() - interval '2 minutes')");
		TestWorker worker = start("after-crash", new ConnectionBudget(2, 1, 12, 8), jdbcUrl);

		awaitLease(worker, 3);
		assertThat(this.database.queryForList("SELECT holder FROM connection_lease", String.class))
			.containsExactly(worker.lease.holder());
	}

	@Test
	void stopsWritingClosesItsConnectionsAndAsksAgainWhenItsLeaseWasReclaimed() {
		TestWorker worker = start("reclaimed", new ConnectionBudget(2, 1, 12, 8), jdbcUrl);
		awaitLease(worker, 3);

		this.database.update("DELETE FROM connection_lease WHERE holder = ?", worker.lease.holder());

		await().atMost(WAIT).until(() -> worker.work.stops.size() == 1);
		await().atMost(WAIT).until(() -> worker.work.starts.size() == 2);
		assertThat(worker.lease.state().connections()).isEqualTo(3);
		assertThat(leased()).isEqualTo(3);
	}

	@Test
	void stopsWritingBeforeAnotherWorkerCanReclaimItsLeaseWhenItCannotReachTheDatabase() throws Exception {
		// 3 to lease: one worker's worth.
		ConnectionBudget budget = new ConnectionBudget(2, 1, 12, 5);
		int port = FreePorts.find();
		try (NioReactor reactor = new NioReactor(); TcpCrusher proxy = proxyToTheDatabase(reactor, port)) {
			TestWorker cutOff = start("cut-off", budget, proxiedUrl(port));
			awaitLease(cutOff, 3);
			TestWorker waiting = start("waiting", budget, jdbcUrl);
			await().atMost(WAIT).until(() -> waiting.lease.state().databaseAnswered());
			assertThat(waiting.lease.isHeld()).isFalse();

			proxy.close();

			awaitLease(waiting, 3);
			assertThat(cutOff.work.stops).hasSize(1);
			assertThat(cutOff.work.stops.get(0)).isLessThan(waiting.work.startedAt.get(0));
			assertThat(cutOff.lease.isHeld()).isFalse();
			assertThat(cutOff.lease.state().databaseAnswered()).isFalse();
		}
	}

	/**
	 * A worker cut off in the middle of a {@code COPY} (its traffic frozen, its sockets
	 * open, as when its process is stopped): the server waits for the rest of the data,
	 * and no server-side timeout ends the session or its locks. Another worker, holding a
	 * lease and only heartbeating, reclaims the expired lease and ends those sessions,
	 * and the row the frozen transaction had inserted can be written again.
	 */
	@Test
	void endsTheSessionsOfAWorkerFrozenInTheMiddleOfACopyOnceItsLeaseExpires() throws Exception {
		this.database.execute("CREATE TABLE IF NOT EXISTS frozen_copy (n integer PRIMARY KEY)");
		this.database.update("DELETE FROM frozen_copy");
		// 6 to lease: both workers' 3.
		ConnectionBudget budget = new ConnectionBudget(2, 1, 12, 8);
		int port = FreePorts.find();
		try (NioReactor reactor = new NioReactor(); TcpCrusher proxy = proxyToTheDatabase(reactor, port)) {
			String proxied = proxiedUrl(port);
			TestWorker frozen = start("frozen", budget, proxied);
			awaitLease(frozen, 3);
			TestWorker reaper = start("reaper", budget, jdbcUrl);
			awaitLease(reaper, 3);
			Connection copying = DriverManager.getConnection(proxied,
					propertiesOf(Map.of("user", server.username(), "password", server.password(), "ApplicationName",
							frozen.holder.applicationName(), "socketTimeout", "60")));
			copying.setAutoCommit(false);
			try (Statement statement = copying.createStatement()) {
				statement.execute("INSERT INTO frozen_copy VALUES (1)");
			}
			CopyIn copy = copying.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY frozen_copy FROM STDIN");
			copy.writeToCopy("2\n".getBytes(StandardCharsets.US_ASCII), 0, 2);
			copy.flushCopy();
			await().atMost(WAIT)
				.until(() -> this.database.queryForObject(
						"SELECT count(*) FROM pg_stat_activity "
								+ "WHERE application_name = ? AND state = 'active' AND query LIKE 'COPY%'",
						Integer.class, frozen.holder.applicationName()) == 1);

			proxy.freeze();

			await().atMost(WAIT).until(() -> open(frozen) == 0);
			assertThat(this.database.queryForList("SELECT holder FROM connection_lease", String.class))
				.containsExactly(reaper.lease.holder());
			assertThat(reaper.lease.state().connections()).isEqualTo(3);
			assertThat(reaper.work.stops).isEmpty();
			JdbcTemplate bounded = new JdbcTemplate(
					new SingleConnectionDataSource(jdbcUrl, server.username(), server.password(), true));
			bounded.execute("SET lock_timeout = '1s'");
			assertThat(bounded.update("INSERT INTO frozen_copy VALUES (1)")).isEqualTo(1);
			proxy.close();
			closeQuietly(copying);
		}
	}

	/**
	 * A TCP proxy on {@code port} to the test database's server, which a test can cut.
	 */
	private static TcpCrusher proxyToTheDatabase(NioReactor reactor, int port) {
		URI url = URI.create(jdbcUrl.substring("jdbc:".length()));
		return TcpCrusherBuilder.builder()
			.withReactor(reactor)
			.withBindAddress("127.0.0.1", port)
			.withConnectAddress(url.getHost(), url.getPort())
			.buildAndOpen();
	}

	/** The test database's URL through the proxy on {@code port}. */
	private static String proxiedUrl(int port) {
		URI url = URI.create(jdbcUrl.substring("jdbc:".length()));
		return jdbcUrl.replace("//" + url.getHost() + ":" + url.getPort(), "//127.0.0.1:" + port);
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// its session was ended: nothing is left to close
		}
	}

	private TestWorker start(String name, ConnectionBudget budget, String url) {
		TestWorker worker = new TestWorker(name, budget, url);
		this.workers.add(worker);
		worker.lease.start();
		return worker;
	}

	private static void awaitLease(TestWorker worker, int connections) {
		await().atMost(WAIT).until(() -> worker.lease.state().connections() == connections);
	}

	private int leased() {
		return this.database.queryForObject("SELECT coalesce(sum(connections), 0) FROM connection_lease",
				Integer.class);
	}

	private int open(TestWorker worker) {
		return this.database.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?",
				Integer.class, worker.holder.applicationName());
	}

	private static Properties propertiesOf(Map<String, String> values) {
		Properties properties = new Properties();
		properties.putAll(values);
		return properties;
	}

	/** One worker: its own pool, its lease and its stand-in intake. */
	private static final class TestWorker implements AutoCloseable {

		final String name;

		final LeaseHolder holder;

		final HikariDataSource pool;

		final HoldingWork work;

		final ConnectionLease lease;

		TestWorker(String name, ConnectionBudget budget, String url) {
			this.name = NAME_PREFIX + name;
			this.holder = LeaseHolder.forThisProcess(this.name);
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(url);
			config.setUsername(server.username());
			config.setPassword(server.password());
			config.setPoolName(this.name);
			config.setMaximumPoolSize(ConnectionBudget.KEPT_FOR_STARTING);
			config.setMinimumIdle(0);
			config.setConnectionTimeout(1000);
			config.setDataSourceProperties(propertiesOf(Map.of("ApplicationName", this.holder.applicationName(),
					"connectTimeout", "2", "socketTimeout", "5")));
			this.pool = new HikariDataSource(config);
			this.work = new HoldingWork(this.pool);
			LeaseTable table = new LeaseTable(new JdbcTemplate(this.pool),
					new TransactionTemplate(new DataSourceTransactionManager(this.pool)));
			this.lease = new ConnectionLease(this.holder, table, this.pool, new WriteSlots(budget.consumerThreads()),
					this.work, budget, QUICK, new SimpleMeterRegistry());
		}

		@Override
		public void close() {
			this.lease.stop();
			this.pool.close();
		}

	}

	/** Intake that holds one connection per consumer thread while it runs. */
	private static final class HoldingWork implements LeasedWork {

		final List<Integer> starts = new CopyOnWriteArrayList<>();

		final List<Long> startedAt = new CopyOnWriteArrayList<>();

		final List<Long> stops = new CopyOnWriteArrayList<>();

		private final HikariDataSource pool;

		private final List<Connection> held = new ArrayList<>();

		HoldingWork(HikariDataSource pool) {
			this.pool = pool;
		}

		@Override
		public synchronized void start(int consumerThreads) {
			this.starts.add(consumerThreads);
			this.startedAt.add(System.nanoTime());
			try {
				for (int thread = 0; thread < consumerThreads; thread++) {
					this.held.add(this.pool.getConnection());
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("A consumer thread could not get its leased connection", ex);
			}
		}

		@Override
		public synchronized void stop() {
			this.stops.add(System.nanoTime());
			for (Connection connection : this.held) {
				try {
					connection.close();
				}
				catch (SQLException ex) {
					// already broken: the pool discards it
				}
			}
			this.held.clear();
		}

	}

}
