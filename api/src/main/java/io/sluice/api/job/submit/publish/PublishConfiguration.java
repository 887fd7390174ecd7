package io.sluice.api.job.submit.publish;

import io.sluice.common.chunk.ChunkCodec;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of publishing a job's chunks: the codec, the producer's timeouts and the express
 * lane.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ PublishProperties.class, ExpressLaneProperties.class })
class PublishConfiguration {

	@Bean
	ChunkCodec chunkCodec() {
		return new ChunkCodec();
	}

	/**
	 * Derives the producer's timeouts from {@code sluice.api.publish.timeout} (see
	 * {@link PublishBudget}) and closes a failed producer without waiting.
	 */
	@Bean
	DefaultKafkaProducerFactoryCustomizer publishTimeouts(PublishProperties properties) {
		PublishBudget budget = new PublishBudget(properties.timeout());
		return (factory) -> {
			factory.updateConfigs(budget.producerConfigs());
			factory.setPhysicalCloseTimeout(0);
		};
	}

}
