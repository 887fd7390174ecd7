package io.sluice.testing;

/**
 * Where a real PostgreSQL server and a real Kafka broker can be reached.
 */
public interface Infrastructure {

	String jdbcUrl();

	String username();

	String password();

	String bootstrapServers();

}
