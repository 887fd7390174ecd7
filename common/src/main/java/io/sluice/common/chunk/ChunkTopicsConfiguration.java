package io.sluice.common.chunk;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the chunk topics so that whichever process starts first creates them, each
 * with its own {@code retention.ms} (ADR 0042). Partitions are only ever added to an
 * existing topic (an operator may have added more). With
 * {@code spring.kafka.admin.modify-topic-configs} (set by both services), every start-up
 * also sets the declared configs on existing topics that differ from them, so a changed
 * retention setting reaches topics created before it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChunkTopicsProperties.class)
public class ChunkTopicsConfiguration {

	@Bean
	NewTopic photoChunksTopic(ChunkTopicsProperties properties) {
		return chunkTopic(ChunkTopics.PHOTO_CHUNKS, properties, properties.chunkRetentionMs());
	}

	@Bean
	NewTopic expressChunksTopic(ChunkTopicsProperties properties) {
		return chunkTopic(ChunkTopics.EXPRESS_CHUNKS, properties, properties.chunkRetentionMs());
	}

	@Bean
	NewTopic photoChunksDeadLetterTopic(ChunkTopicsProperties properties) {
		return chunkTopic(ChunkTopics.DEAD_LETTER, properties, properties.deadLetterRetentionMs());
	}

	private static NewTopic chunkTopic(String name, ChunkTopicsProperties properties, long retentionMs) {
		return TopicBuilder.name(name)
			.partitions(properties.partitions())
			.replicas(properties.replicationFactor())
			.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(ChunkTopics.MAX_RECORD_BYTES))
			.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMs))
			.build();
	}

}
