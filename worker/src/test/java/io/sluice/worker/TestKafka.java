package io.sluice.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.testing.Infrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The tests' side of the broker: publishes chunk records as the API would (String key,
 * ChunkCodec value), reads the dead-letter topic, and reads the workers' committed
 * offsets.
 */
final class TestKafka {

	static final String WORKER_GROUP = "sluice-workers";

	private static TestKafka shared;

	private final String bootstrapServers;

	private final KafkaProducer<String, byte[]> producer;

	private final ChunkCodec codec = new ChunkCodec();

	private TestKafka(Infrastructure infrastructure) {
		this.bootstrapServers = infrastructure.bootstrapServers();
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ProducerConfig.ACKS_CONFIG,
						"all", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ChunkTopics.MAX_RECORD_BYTES),
				new StringSerializer(), new ByteArraySerializer());
	}

	static synchronized TestKafka on(Infrastructure infrastructure) {
		if (shared == null) {
			shared = new TestKafka(infrastructure);
		}
		return shared;
	}

	RecordMetadata publish(PhotoChunk chunk) {
		return publish(chunk.key(), this.codec.encode(chunk));
	}

	RecordMetadata publish(String key, byte[] value) {
		try {
			return this.producer.send(new ProducerRecord<>(ChunkTopics.PHOTO_CHUNKS, key, value))
				.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot publish " + key, ex);
		}
	}

	void publishAll(TestJob job) {
		job.chunks().forEach(this::publish);
	}

	/**
	 * Every record on the dead-letter topic whose key starts with the prefix, read from
	 * the beginning up to the current end.
	 */
	List<ConsumerRecord<String, byte[]>> deadLetters(String keyPrefix) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : consumer.partitionsFor(ChunkTopics.DEAD_LETTER, Duration.ofSeconds(10))) {
				partitions.add(new TopicPartition(info.topic(), info.partition()));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.key() != null && record.key().startsWith(keyPrefix)) {
						found.add(record);
					}
				}
			}
			return found;
		}
	}

	/** The workers' committed offset on one chunk partition: the next record to read. */
	long committedOffset(int partition) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			TopicPartition topicPartition = new TopicPartition(ChunkTopics.PHOTO_CHUNKS, partition);
			Map<TopicPartition, OffsetAndMetadata> offsets = admin
				.listConsumerGroupOffsets(Map.of(WORKER_GROUP,
						new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(topicPartition))))
				.partitionsToOffsetAndMetadata(WORKER_GROUP)
				.get(30, TimeUnit.SECONDS);
			OffsetAndMetadata committed = offsets.get(topicPartition);
			return (committed != null) ? committed.offset() : -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot read the offsets of " + WORKER_GROUP, ex);
		}
	}

}
