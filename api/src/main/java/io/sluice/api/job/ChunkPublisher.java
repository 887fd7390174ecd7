package io.sluice.api.job;

import java.util.List;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes all chunks of one job in one Kafka transaction, within the
 * {@link PublishBudget}: either every chunk becomes visible to read_committed consumers
 * or none does.
 */
@Component
class ChunkPublisher {

	private final KafkaTemplate<String, byte[]> kafka;

	private final ChunkCodec codec;

	private final PublishBudget budget;

	ChunkPublisher(KafkaTemplate<String, byte[]> kafka, ChunkCodec codec, PublishProperties properties) {
		this.kafka = kafka;
		this.codec = codec;
		this.budget = new PublishBudget(properties.timeout());
	}

	/**
	 * Publishes the chunks and commits the transaction.
	 * @param chunks one job's chunks, in order
	 * @throws ChunkPublishException if Kafka did not take them within the budget; the
	 * transaction was aborted
	 */
	void publish(List<PhotoChunk> chunks) {
		long sendDeadline = System.nanoTime() + this.budget.sendPhase().toNanos();
		try {
			this.kafka.executeInTransaction((operations) -> {
				for (PhotoChunk chunk : chunks) {
					if (System.nanoTime() - sendDeadline > 0) {
						throw new ChunkPublishException("Sending chunk " + chunk.chunkIndex() + " of " + chunks.size()
								+ " would overrun the publish timeout of " + this.budget.timeout().toMillis() + " ms",
								null);
					}
					operations.send(ChunkTopics.PHOTO_CHUNKS, chunk.key(), encode(chunk));
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
