package io.sluice.worker;

import java.util.Arrays;

import io.sluice.common.chunk.ChunkTopicsConfiguration;
import io.sluice.common.kafka.KafkaHealthConfiguration;
import io.sluice.worker.redrive.RedriveCommand;

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
@Import({ ChunkTopicsConfiguration.class, KafkaHealthConfiguration.class })
public class SluiceWorkerApplication {

	/**
	 * Runs the worker, or with {@code redrive} as the first argument the dead-letter
	 * re-drive ({@link RedriveCommand}).
	 * @param args Spring Boot arguments, after {@code redrive} and its options if present
	 */
	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals(RedriveCommand.NAME)) {
			System.exit(RedriveCommand.run(SluiceWorkerApplication.class, Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(SluiceWorkerApplication.class, args);
	}

}
