package io.sluice.bench;

import java.util.Map;

import io.sluice.embedded.Infrastructure;

/**
 * An existing PostgreSQL database and Kafka broker, named by environment variables, that
 * the benchmark uses instead of starting embedded ones.
 *
 * @param jdbcUrl {@code SLUICE_BENCH_JDBC_URL}
 * @param username {@code SLUICE_BENCH_USER}
 * @param password {@code SLUICE_BENCH_PASSWORD}
 * @param bootstrapServers {@code SLUICE_BENCH_KAFKA_BOOTSTRAP}
 */
record ExternalInfrastructure(String jdbcUrl, String username, String password,
		String bootstrapServers) implements Infrastructure {

	static final String JDBC_URL = "SLUICE_BENCH_JDBC_URL";

	static final String USER = "SLUICE_BENCH_USER";

	static final String PASSWORD = "SLUICE_BENCH_PASSWORD";

	static final String KAFKA_BOOTSTRAP = "SLUICE_BENCH_KAFKA_BOOTSTRAP";

	/**
	 * The database and broker the environment names.
	 * @param environment the process environment
	 * @return both, or {@code null} when neither is set
	 * @throws IllegalArgumentException when only one of the two is set
	 */
	static ExternalInfrastructure fromEnvironment(Map<String, String> environment) {
		String url = blankToNull(environment.get(JDBC_URL));
		String kafka = blankToNull(environment.get(KAFKA_BOOTSTRAP));
		if (url == null && kafka == null) {
			return null;
		}
		if (url == null || kafka == null) {
			throw new IllegalArgumentException("Set both " + JDBC_URL + " and " + KAFKA_BOOTSTRAP
					+ " to benchmark against an existing database and broker, or neither to start embedded ones");
		}
		return new ExternalInfrastructure(url, environment.getOrDefault(USER, "postgres"),
				environment.getOrDefault(PASSWORD, ""), kafka);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	@Override
	public String toString() {
		return "ExternalInfrastructure[" + this.jdbcUrl + ", user " + this.username + ", Kafka " + this.bootstrapServers
				+ "]";
	}

}
