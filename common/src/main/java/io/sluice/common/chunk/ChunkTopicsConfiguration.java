package io.sluice.common.chunk;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the chunk topics so that whichever process starts first creates them. Existing
 * topics are left as they are (an operator may have added partitions).
 */
@Configuration(proxyBeanMethods = false)
public class ChunkTopicsConfiguration {

	@Bean
	NewTopic photoChunksTopic(@Value("${sluice.kafka.partitions:12}") int partitions,
			@Value("${sluice.kafka.replication-factor:1}") short replicationFactor) {
		return chunkTopic(ChunkTopics.PHOTO_CHUNKS, partitions, replicationFactor);
	}

	@Bean
	NewTopic expressChunksTopic(@Value("${sluice.kafka.partitions:12}") int partitions,
			@Value("${sluice.kafka.replication-factor:1}") short replicationFactor) {
		return chunkTopic(ChunkTopics.EXPRESS_CHUNKS, partitions, replicationFactor);
	}

	@Bean
	NewTopic photoChunksDeadLetterTopic(@Value("${sluice.kafka.partitions:12}") int partitions,
			@Value("${sluice.kafka.replication-factor:1}") short replicationFactor) {
		return chunkTopic(ChunkTopics.DEAD_LETTER, partitions, replicationFactor);
	}

	private static NewTopic chunkTopic(String name, int partitions, short replicationFactor) {
		return TopicBuilder.name(name)
			.partitions(partitions)
			.replicas(replicationFactor)
			.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(ChunkTopics.MAX_RECORD_BYTES))
			.build();
	}

}
