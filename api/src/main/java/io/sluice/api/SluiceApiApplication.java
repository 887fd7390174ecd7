package io.sluice.api;

import io.sluice.common.chunk.ChunkTopicsConfiguration;
import io.sluice.common.kafka.KafkaHealthConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The Sluice API: takes bulk photo import jobs, publishes them to Kafka in chunks, and
 * reports their progress.
 */
@SpringBootApplication
@Import({ ChunkTopicsConfiguration.class, KafkaHealthConfiguration.class })
@EnableConfigurationProperties(ConnectionPoolProperties.class)
public class SluiceApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(SluiceApiApplication.class, args);
	}

}
