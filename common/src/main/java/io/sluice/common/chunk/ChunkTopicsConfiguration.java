package io.sluice.common.chunk;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the chunk topics so that whichever process starts first creates them. Existing
 * topics are left as they are (an operator may have added partitions).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChunkTopicsProperties.class)
public class ChunkTopicsConfiguration {

	@Bean
	NewTopic photoChunksTopic(ChunkTopicsProperties properties) {
		return chunkTopic(ChunkTopics.PHOTO_CHUNKS, properties);
	}

	@Bean
	NewTopic expressChunksTopic(ChunkTopicsProperties properties) {
		return chunkTopic(ChunkTopics.EXPRESS_CHUNKS, properties);
	}

	@Bean
	NewTopic photoChunksDeadLetterTopic(ChunkTopicsProperties properties) {
		return chunkTopic(ChunkTopics.DEAD_LETTER, properties);
	}

	private static NewTopic chunkTopic(String name, ChunkTopicsProperties properties) {
		return TopicBuilder.name(name)
			.partitions(properties.partitions())
			.replicas(properties.replicationFactor())
			.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(ChunkTopics.MAX_RECORD_BYTES))
			.build();
	}

}
