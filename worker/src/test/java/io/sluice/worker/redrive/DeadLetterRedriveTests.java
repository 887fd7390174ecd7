package io.sluice.worker.redrive;

import java.nio.charset.StandardCharsets;

import io.sluice.common.chunk.ChunkTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterRedriveTests {

	@Test
	void sendsADeadLetterBackToTheChunkTopicItCameFrom() {
		assertThat(DeadLetterRedrive.originalTopic(deadLetterFrom(ChunkTopics.EXPRESS_CHUNKS)))
			.isEqualTo(ChunkTopics.EXPRESS_CHUNKS);
		assertThat(DeadLetterRedrive.originalTopic(deadLetterFrom(ChunkTopics.PHOTO_CHUNKS)))
			.isEqualTo(ChunkTopics.PHOTO_CHUNKS);
	}

	@Test
	void sendsADeadLetterWithoutAChunkTopicToTheMainChunkTopic() {
		assertThat(DeadLetterRedrive.originalTopic(deadLetterFrom(null))).isEqualTo(ChunkTopics.PHOTO_CHUNKS);
		assertThat(DeadLetterRedrive.originalTopic(deadLetterFrom("some.other.topic")))
			.isEqualTo(ChunkTopics.PHOTO_CHUNKS);
	}

	private static ConsumerRecord<String, byte[]> deadLetterFrom(String topic) {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(ChunkTopics.DEAD_LETTER, 0, 0, "job:0",
				new byte[0]);
		if (topic != null) {
			record.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

}
