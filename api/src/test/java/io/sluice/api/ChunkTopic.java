package io.sluice.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.embedded.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads the chunk topics ({@code sluice.photo-chunks} and its express lane) on the shared
 * test broker as the workers do: committed records only, from the beginning.
 */
public final class ChunkTopic {

	private ChunkTopic() {
	}

	/**
	 * Waits until exactly {@code expected} committed chunks of a job are on the topic.
	 * @param jobId the job
	 * @param expected how many chunks it was published in
	 * @return its records
	 */
	public static List<ConsumerRecord<String, byte[]>> awaitChunksOf(UUID jobId, int expected) {
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = readCommittedFromTheBeginning()) {
			String prefix = jobId + ":";
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.key() != null && record.key().startsWith(prefix)) {
						found.add(record);
					}
				}
				return found.size() >= expected;
			});
		}
		assertThat(found).hasSize(expected);
		return found;
	}

	/**
	 * Every committed chunk of an album, as the topic stands now: call it once the
	 * requests that published them have been answered.
	 * @param albumId the album
	 * @return its chunks, of whichever jobs
	 */
	public static List<PhotoChunk> committedChunksOfAlbum(long albumId) {
		ChunkCodec codec = new ChunkCodec();
		List<PhotoChunk> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = readCommittedFromTheBeginning()) {
			Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					PhotoChunk chunk = codec.decode(record.value());
					if (chunk.albumId() == albumId) {
						found.add(chunk);
					}
				}
				return ends.entrySet().stream().allMatch((end) -> consumer.position(end.getKey()) >= end.getValue());
			});
		}
		return found;
	}

	/**
	 * The topic's partition count.
	 * @return how many partitions {@code sluice.photo-chunks} has
	 */
	public static int partitionCount() {
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			return consumer.partitionsFor(ChunkTopics.PHOTO_CHUNKS).size();
		}
	}

	private static KafkaConsumer<String, byte[]> readCommittedFromTheBeginning() {
		KafkaConsumer<String, byte[]> consumer = consumer();
		List<TopicPartition> partitions = ChunkTopics.CHUNK_TOPICS.stream()
			.flatMap((topic) -> consumer.partitionsFor(topic).stream())
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		return consumer;
	}

	private static KafkaConsumer<String, byte[]> consumer() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().bootstrapServers());
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

}
