package io.sluice.worker;

import io.sluice.common.chunk.ChunkTopicsConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The Sluice worker: consumes photo chunks from Kafka and writes each one to PostgreSQL
 * in one bounded, idempotent transaction, on a connection pool sized to its own
 * concurrency.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ChunkTopicsConfiguration.class)
public class SluiceWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SluiceWorkerApplication.class, args);
	}

}
