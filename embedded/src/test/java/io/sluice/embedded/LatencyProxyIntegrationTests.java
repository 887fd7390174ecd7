package io.sluice.embedded;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency proxy in front of a real PostgreSQL: a statement's round trip through it
 * takes about twice its delay, and large values arrive intact both ways.
 */
class LatencyProxyIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(LatencyProxyIntegrationTests.class);

	private static final Duration DELAY = Duration.ofMillis(10);

	@TempDir
	static Path directory;

	static PostgresServer postgres;

	@BeforeAll
	static void start() {
		postgres = PostgresServer.start(directory.resolve("postgres"), FreePorts.find(), 20);
	}

	@AfterAll
	static void stop() {
		postgres.close();
	}

	@Test
	void aStatementsRoundTripTakesTwiceTheDelay() throws SQLException {
		List<Duration> direct;
		try (Connection connection = connect(postgres.jdbcUrl())) {
			direct = roundTrips(connection, 20);
		}
		try (LatencyProxy proxy = LatencyProxy.inFrontOf(postgres, DELAY);
				Connection connection = connect(proxy.jdbcUrl(postgres.jdbcUrl()))) {
			List<Duration> far = roundTrips(connection, 20);
			log.info("SELECT 1: direct median {} µs; through {} each way median {} µs, min {} µs",
					median(direct).toNanos() / 1000, DELAY, median(far).toNanos() / 1000, far.get(0).toNanos() / 1000);
			assertThat(far.get(0)).as("the fastest round trip through the proxy")
				.isGreaterThanOrEqualTo(DELAY.multipliedBy(2));
			assertThat(median(far)).as("the median round trip through the proxy")
				.isLessThan(DELAY.multipliedBy(2).plusMillis(30));
		}
	}

	@Test
	void largeValuesArriveIntactBothWays() throws Exception {
		byte[] value = new byte[4 * 1024 * 1024];
		ThreadLocalRandom.current().nextBytes(value);
		String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(value));
		try (LatencyProxy proxy = LatencyProxy.inFrontOf(postgres, DELAY);
				Connection connection = connect(proxy.jdbcUrl(postgres.jdbcUrl()));
				PreparedStatement echo = connection.prepareStatement("SELECT ?::bytea, md5(?::bytea)")) {
			echo.setBytes(1, value);
			echo.setBytes(2, value);
			try (ResultSet row = echo.executeQuery()) {
				row.next();
				assertThat(row.getString(2)).as("what the server received").isEqualTo(md5);
				assertThat(row.getBytes(1)).as("what the client received back").isEqualTo(value);
			}
			assertThat(proxy.bytesToTarget()).isGreaterThan(2L * value.length);
			assertThat(proxy.bytesFromTarget()).isGreaterThan(value.length);
		}
	}

	@Test
	void rewritesOnlyTheAddressOfAJdbcUrl() {
		try (LatencyProxy proxy = LatencyProxy
			.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), postgres.port()), Duration.ZERO)) {
			assertThat(proxy.jdbcUrl("jdbc:postgresql://db.example:5432/sluice?sslmode=disable"))
				.isEqualTo("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/sluice?sslmode=disable");
		}
	}

	private static Connection connect(String url) throws SQLException {
		return DriverManager.getConnection(url, PostgresServer.USER, "");
	}

	/** Each {@code SELECT 1}'s round trip, fastest first. */
	private static List<Duration> roundTrips(Connection connection, int count) throws SQLException {
		List<Duration> times = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			for (int i = 0; i < count; i++) {
				long started = System.nanoTime();
				try (ResultSet one = statement.executeQuery("SELECT 1")) {
					one.next();
				}
				times.add(Duration.ofNanos(System.nanoTime() - started));
			}
		}
		times.sort(null);
		return times;
	}

	private static Duration median(List<Duration> sorted) {
		return sorted.get(sorted.size() / 2);
	}

}
