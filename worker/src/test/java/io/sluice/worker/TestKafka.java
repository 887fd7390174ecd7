package io.sluice.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.embedded.Infrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The tests' side of the broker: publishes chunk records as the API would (String key,
 * ChunkCodec value, one by one or in one transaction), reads the dead-letter topic, and
 * reads the workers' committed offsets.
 */
final class TestKafka {

	static final String WORKER_GROUP = "sluice-workers";

	private static TestKafka shared;

	private final String bootstrapServers;

	private final KafkaProducer<String, byte[]> producer;

	private final Admin admin;

	private final ChunkCodec codec = new ChunkCodec();

	private TestKafka(Infrastructure infrastructure) {
		this.bootstrapServers = infrastructure.bootstrapServers();
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ProducerConfig.ACKS_CONFIG,
						"all", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ChunkTopics.MAX_RECORD_BYTES),
				new StringSerializer(), new ByteArraySerializer());
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers));
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
		return send(new ProducerRecord<>(ChunkTopics.PHOTO_CHUNKS, key, value));
	}

	/**
	 * Publishes each chunk to the partition of its index, as the API deals a job's chunks
	 * round-robin (from partition 0 here): a job of fewer chunks than partitions has no
	 * two chunks on one partition, so one chunk held up never holds up another behind it.
	 */
	void publishAllDealt(TestJob job) {
		job.chunks()
			.forEach((chunk) -> send(new ProducerRecord<>(ChunkTopics.PHOTO_CHUNKS, chunk.chunkIndex(), chunk.key(),
					this.codec.encode(chunk))));
	}

	private RecordMetadata send(ProducerRecord<String, byte[]> record) {
		String key = record.key();
		try {
			return this.producer.send(record).get(30, TimeUnit.SECONDS);
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
	 * Publishes chunks in one Kafka transaction, as the API does: each partition they
	 * land on then ends in a commit marker.
	 * @return where each chunk landed
	 */
	List<RecordMetadata> publishInOneTransaction(List<PhotoChunk> chunks) {
		return publishInTransaction(ChunkTopics.PHOTO_CHUNKS, chunks, true);
	}

	/**
	 * Publishes chunks in one Kafka transaction to the express lane, as the API does with
	 * a small job's.
	 * @return where each chunk landed
	 */
	List<RecordMetadata> publishToExpressLane(List<PhotoChunk> chunks) {
		return publishInTransaction(ChunkTopics.EXPRESS_CHUNKS, chunks, true);
	}

	/**
	 * Publishes chunks in one Kafka transaction and aborts it, as when the API's publish
	 * runs out of time: the records and an abort marker stay on the topic, and
	 * read_committed consumers skip them.
	 */
	void publishAndAbort(List<PhotoChunk> chunks) {
		publishInTransaction(ChunkTopics.PHOTO_CHUNKS, chunks, false);
	}

	private List<RecordMetadata> publishInTransaction(String topic, List<PhotoChunk> chunks, boolean commit) {
		try (KafkaProducer<String, byte[]> transactional = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ProducerConfig.TRANSACTIONAL_ID_CONFIG, "worker-tests-" + UUID.randomUUID(),
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ChunkTopics.MAX_RECORD_BYTES),
				new StringSerializer(), new ByteArraySerializer())) {
			transactional.initTransactions();
			transactional.beginTransaction();
			List<Future<RecordMetadata>> sent = new ArrayList<>();
			for (PhotoChunk chunk : chunks) {
				sent.add(transactional.send(new ProducerRecord<>(topic, chunk.key(), this.codec.encode(chunk))));
			}
			transactional.flush();
			List<RecordMetadata> landed = new ArrayList<>();
			for (Future<RecordMetadata> one : sent) {
				landed.add(one.get());
			}
			if (commit) {
				transactional.commitTransaction();
			}
			else {
				transactional.abortTransaction();
			}
			return landed;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot publish " + chunks.size() + " chunks", ex);
		}
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

	/**
	 * Makes the broker refuse every record on the dead-letter topic, as too large, until
	 * closed: a dead-letter publish that fails.
	 * @return restores the topic's {@code max.message.bytes} when closed
	 */
	Injected refuseDeadLetters() {
		setDeadLetterMaxMessageBytes(16);
		return () -> setDeadLetterMaxMessageBytes(ChunkTopics.MAX_RECORD_BYTES);
	}

	private void setDeadLetterMaxMessageBytes(int bytes) {
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, ChunkTopics.DEAD_LETTER);
		answer(this.admin.incrementalAlterConfigs(Map.of(topic,
				List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(bytes)),
						AlterConfigOp.OpType.SET))))
			.all());
	}

	/** The workers' committed offset on one chunk partition: the next record to read. */
	long committedOffset(int partition) {
		return committedOffsets().getOrDefault(partition, -1L);
	}

	/** Whether the workers have committed past every one of these records. */
	boolean consumed(List<RecordMetadata> records) {
		Map<Integer, Long> committed = committedOffsets();
		return records.stream().allMatch((record) -> committed.getOrDefault(record.partition(), -1L) > record.offset());
	}

	/**
	 * By chunk partition the workers have committed on, how far their committed offset is
	 * from the partition's end as a read_committed consumer sees it.
	 */
	Map<Integer, Long> workersShortOfTheEnd() {
		Map<Integer, Long> committed = committedOffsets();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		committed.keySet()
			.forEach((partition) -> latest.put(new TopicPartition(ChunkTopics.PHOTO_CHUNKS, partition),
					OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResultInfo> ends = answer(
				this.admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
		Map<Integer, Long> gaps = new HashMap<>();
		ends.forEach((partition, end) -> gaps.put(partition.partition(),
				end.offset() - committed.get(partition.partition())));
		return gaps;
	}

	private Map<Integer, Long> committedOffsets() {
		Map<TopicPartition, OffsetAndMetadata> offsets = answer(
				this.admin.listConsumerGroupOffsets(WORKER_GROUP).partitionsToOffsetAndMetadata());
		Map<Integer, Long> committed = new HashMap<>();
		offsets.forEach((partition, offset) -> {
			if (partition.topic().equals(ChunkTopics.PHOTO_CHUNKS) && offset != null) {
				committed.put(partition.partition(), offset.offset());
			}
		});
		return committed;
	}

	private static <T> T answer(KafkaFuture<T> future) {
		try {
			return future.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not answer about " + WORKER_GROUP, ex);
		}
	}

}
