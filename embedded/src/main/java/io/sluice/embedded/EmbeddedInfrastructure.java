package io.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server and a Kafka broker started from Maven artifacts in one directory:
 * what tests and the local launcher run on a machine with nothing but a JDK.
 */
public final class EmbeddedInfrastructure implements Infrastructure, AutoCloseable {

	private final PostgresServer postgres;

	private final KafkaBroker kafka;

	private EmbeddedInfrastructure(PostgresServer postgres, KafkaBroker kafka) {
		this.postgres = postgres;
		this.kafka = kafka;
	}

	/**
	 * Starts both servers on free ports under {@code directory}.
	 * @param directory holds {@code postgres/} and {@code kafka/}; reused if they exist
	 * @param partitions default partition count of new topics
	 * @return the running pair
	 */
	public static EmbeddedInfrastructure start(Path directory, int partitions) {
		return start(directory, FreePorts.find(), FreePorts.find(), partitions);
	}

	public static EmbeddedInfrastructure start(Path directory, int postgresPort, int kafkaPort, int partitions) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + directory, ex);
		}
		PostgresServer postgres = PostgresServer.start(directory.resolve("postgres"), postgresPort, 100);
		try {
			KafkaBroker kafka = KafkaBroker.start(directory.resolve("kafka"), kafkaPort, partitions);
			return new EmbeddedInfrastructure(postgres, kafka);
		}
		catch (RuntimeException ex) {
			postgres.close();
			throw ex;
		}
	}

	public PostgresServer postgres() {
		return this.postgres;
	}

	public KafkaBroker kafka() {
		return this.kafka;
	}

	@Override
	public String jdbcUrl() {
		return this.postgres.jdbcUrl();
	}

	@Override
	public String username() {
		return PostgresServer.USER;
	}

	@Override
	public String password() {
		return "";
	}

	@Override
	public String bootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	@Override
	public void close() {
		try {
			this.kafka.close();
		}
		finally {
			this.postgres.close();
		}
	}

}
