package io.sluice.embedded;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same infrastructure on Testcontainers, for machines with a Docker daemon. Image
 * tags are pinned so a run is reproducible.
 */
public final class ContainerInfrastructure implements Infrastructure, AutoCloseable {

	/** PostgreSQL image used when Docker is available. */
	public static final String POSTGRES_IMAGE = "postgres:17.7-alpine";

	/** Kafka image (KRaft) used when Docker is available. */
	public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

	private final PostgreSQLContainer postgres;

	private final KafkaContainer kafka;

	private ContainerInfrastructure(PostgreSQLContainer postgres, KafkaContainer kafka) {
		this.postgres = postgres;
		this.kafka = kafka;
	}

	/**
	 * Whether a Docker daemon answers (about a second when none does).
	 * @return {@code true} if containers can be started
	 */
	public static boolean isDockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	public static ContainerInfrastructure start() {
		if (!isDockerAvailable()) {
			throw new IllegalStateException("sluice.infrastructure=containers needs a Docker daemon, and none answers; "
					+ "use the default embedded infrastructure instead");
		}
		PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
			.withDatabaseName(PostgresServer.DATABASE);
		KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
		postgres.start();
		kafka.start();
		return new ContainerInfrastructure(postgres, kafka);
	}

	@Override
	public String jdbcUrl() {
		return this.postgres.getJdbcUrl();
	}

	@Override
	public String username() {
		return this.postgres.getUsername();
	}

	@Override
	public String password() {
		return this.postgres.getPassword();
	}

	@Override
	public String bootstrapServers() {
		return this.kafka.getBootstrapServers();
	}

	@Override
	public void close() {
		this.kafka.stop();
		this.postgres.stop();
	}

}
