package io.sluice.api.job.submit.publish;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes all chunks of one job in one Kafka transaction, within the
 * {@link PublishBudget}: either every chunk becomes visible to read_committed consumers
 * or none does.
 *
 * <p>
 * Chunks are dealt round-robin over the topic's partitions, starting at a random one, so
 * that every partition gets the same number of a job's chunks, give or take one. Hashing
 * the key spreads them only on average: with a few hundred chunks some partitions got
 * twice as many as others, and the consumer threads holding them set the job's pace (ADR
 * 0009). The key stays {@code jobId:chunkIndex} for tools and compaction.
 *
 * <p>
 * A small job's chunks go to the express lane instead of the main topic (see
 * {@link ExpressLaneProperties}), so that they never queue behind a large job's (ADR
 * 0023).
 */
@Component
class ChunkPublisher {

	private final KafkaTemplate<String, byte[]> kafka;

	private final ChunkCodec codec;

	private final PublishBudget budget;

	private final ExpressLaneProperties expressLane;

	ChunkPublisher(KafkaTemplate<String, byte[]> kafka, ChunkCodec codec, PublishProperties properties,
			ExpressLaneProperties expressLane) {
		this.kafka = kafka;
		this.codec = codec;
		this.budget = new PublishBudget(properties.timeout());
		this.expressLane = expressLane;
	}

	/**
	 * Publishes the chunks and commits the transaction.
	 * @param chunks one job's chunks, in order
	 * @throws ChunkPublishException if Kafka did not take them within the budget; the
	 * transaction was aborted
	 */
	void publish(List<PhotoChunk> chunks) {
		long sendDeadline = System.nanoTime() + this.budget.sendPhase().toNanos();
		String topic = this.expressLane.topicFor(chunks.size());
		try {
			this.kafka.executeInTransaction((operations) -> {
				int partitions = operations.partitionsFor(topic).size();
				int first = ThreadLocalRandom.current().nextInt(partitions);
				for (PhotoChunk chunk : chunks) {
					if (System.nanoTime() - sendDeadline > 0) {
						throw new ChunkPublishException("Sending chunk " + chunk.chunkIndex() + " of " + chunks.size()
								+ " would overrun the publish timeout of " + this.budget.timeout().toMillis() + " ms",
								null);
					}
					operations.send(topic, partition(first, chunk.chunkIndex(), partitions), chunk.key(),
							encode(chunk));
				}
				return null;
			});
		}
		catch (ChunkPublishException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new ChunkPublishException("Kafka did not accept the chunks within " + this.budget.timeout().toMillis()
					+ " ms: " + describe(ex), ex);
		}
	}

	/**
	 * The partition of a job's chunk: round-robin from the job's first partition.
	 * @param first the partition of the job's chunk 0
	 * @param chunkIndex the chunk's index
	 * @param partitions the topic's partition count
	 * @return a partition in {@code 0..partitions-1}
	 */
	static int partition(int first, int chunkIndex, int partitions) {
		return (first + chunkIndex) % partitions;
	}

	private byte[] encode(PhotoChunk chunk) {
		byte[] value = this.codec.encode(chunk);
		if (value.length > ChunkTopics.MAX_CHUNK_BYTES) {
			throw new IllegalStateException("Chunk " + chunk.key() + " encodes to " + value.length
					+ " bytes, over the limit of " + ChunkTopics.MAX_CHUNK_BYTES);
		}
		return value;
	}

	private static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
	}

}
