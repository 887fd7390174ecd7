package io.sluice.worker.reconcile;

import java.util.Map;

import io.sluice.common.chunk.ChunkTopics;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BacklogTests {

	@Test
	void isConsumedWhenNoPartitionIsBehind() {
		assertThat(Backlog.NONE.consumed()).isTrue();
		assertThat(new Backlog(Map.of(main(3), 1L)).consumed()).isFalse();
	}

	@Test
	void describesTheOffsetsToGoAndTheirPartitionsInOrder() {
		assertThat(new Backlog(Map.of(main(4), 10L, main(1), 2L)).describe())
			.isEqualTo("12 offsets on sluice.photo-chunks partitions 1, 4");
		assertThat(new Backlog(Map.of(main(7), 1L)).describe())
			.isEqualTo("1 offset on sluice.photo-chunks partition 7");
	}

	@Test
	void describesBothChunkTopicsTopicByTopic() {
		assertThat(new Backlog(Map.of(express(2), 1L, main(5), 3L, express(0), 1L)).describe())
			.isEqualTo("5 offsets on sluice.photo-chunks partition 5; sluice.photo-chunks.express partitions 0, 2");
	}

	private static TopicPartition main(int partition) {
		return new TopicPartition(ChunkTopics.PHOTO_CHUNKS, partition);
	}

	private static TopicPartition express(int partition) {
		return new TopicPartition(ChunkTopics.EXPRESS_CHUNKS, partition);
	}

}
