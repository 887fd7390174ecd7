package io.sluice.worker.reconcile;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sluice.common.chunk.ChunkTopics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Tells whether a stretch of the chunk topic holds any record a read_committed consumer
 * would get, or only transaction markers and aborted records.
 *
 * <p>
 * The workers commit the offset after the last record they processed. On a partition that
 * ends in a transaction's commit marker that is the marker's own offset, one short of the
 * end offset, and it stays so while the topic is idle: a committed offset below an end
 * offset proves nothing by itself. Reading the stretch settles it. Its consumer has no
 * group, so it can never move the workers' offsets.
 */
class TopicGapReader implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(100);

	private final Consumer<byte[], byte[]> consumer;

	TopicGapReader(Consumer<byte[], byte[]> consumer) {
		this.consumer = consumer;
	}

	/**
	 * A reader built from the application's consumer settings (servers, security),
	 * without their group.
	 * @param consumerConfig the application's consumer settings
	 * @param timeout the longest one request may take
	 * @return the reader; it connects on its first read
	 */
	static TopicGapReader create(Map<String, Object> consumerConfig, Duration timeout) {
		Map<String, Object> config = new HashMap<>(consumerConfig);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-reconciler-reader");
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// A stretch that retention removed reads as empty: its records are gone.
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		// The first record of a stretch decides it; no more is needed.
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
		config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, ChunkTopics.MAX_RECORD_BYTES);
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ChunkTopics.MAX_RECORD_BYTES);
		config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		return new TopicGapReader(
				new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
	}

	/**
	 * Reads each gap from its start until a record shows (it holds one) or the position
	 * passes its end with none.
	 * @param gaps at most one per partition
	 * @param deadline {@link System#nanoTime()} by which to give up
	 * @return for each gap, whether it holds a record
	 * @throws TimeoutException if some gap was not settled by the deadline
	 */
	synchronized Map<Gap, Boolean> holdRecords(Collection<Gap> gaps, long deadline) {
		Map<Gap, Boolean> found = new HashMap<>();
		Map<TopicPartition, Gap> open = new HashMap<>();
		gaps.forEach((gap) -> open.put(gap.partition(), gap));
		if (open.isEmpty()) {
			return found;
		}
		this.consumer.assign(open.keySet());
		try {
			open.values().forEach((gap) -> this.consumer.seek(gap.partition(), gap.from()));
			while (true) {
				Set<TopicPartition> passed = new HashSet<>();
				for (Gap gap : open.values()) {
					if (this.consumer.position(gap.partition(), remaining(deadline)) >= gap.end()) {
						found.put(gap, false);
						passed.add(gap.partition());
					}
				}
				passed.forEach(open::remove);
				this.consumer.pause(passed);
				if (open.isEmpty()) {
					return found;
				}
				Duration left = remaining(deadline);
				if (left.isZero()) {
					throw new TimeoutException("No answer about partitions " + open.keySet());
				}
				for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(min(POLL, left))) {
					Gap gap = open.remove(new TopicPartition(record.topic(), record.partition()));
					if (gap != null) {
						found.put(gap, record.offset() < gap.end());
						this.consumer.pause(List.of(gap.partition()));
					}
				}
			}
		}
		finally {
			this.consumer.unsubscribe();
		}
	}

	@Override
	public synchronized void close() {
		this.consumer.close(Duration.ofSeconds(2));
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

	private static Duration min(Duration one, Duration other) {
		return (one.compareTo(other) <= 0) ? one : other;
	}

	/**
	 * Offsets {@code from} (included) up to {@code end} (excluded) of one partition.
	 *
	 * @param partition the partition
	 * @param from the workers' committed offset
	 * @param end an end offset recorded earlier
	 */
	record Gap(TopicPartition partition, long from, long end) {

	}

}
