package io.sluice.api.job.submit.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the chunks of one or more jobs in one Kafka transaction, each job within its
 * own {@link PublishBudget}: either every chunk of the transaction becomes visible to
 * read_committed consumers or none does, so a job is never half published.
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
	 * How long after the start of its publish a job's chunks may still be sent.
	 * @return the budget's send phase
	 */
	Duration sendPhase() {
		return this.budget.sendPhase();
	}

	/**
	 * Publishes the jobs' chunks and commits the transaction. A job whose send phase is
	 * over before its first chunk is sent is left out and failed at once; the others go
	 * on.
	 * @param jobs the jobs, each with its chunks in order
	 * @return the jobs whose chunks were committed
	 * @throws ChunkPublishException if Kafka did not take the chunks within the budget of
	 * a job being sent; the transaction was aborted, and none of the jobs published
	 */
	List<Publication> publish(List<Publication> jobs) {
		List<Publication> sent = new ArrayList<>(jobs.size());
		try {
			this.kafka.executeInTransaction((operations) -> {
				for (Publication job : jobs) {
					if (job.expiredAt(System.nanoTime())) {
						job.outcome().completeExceptionally(overrun(job, 0));
						continue;
					}
					send(operations, job);
					sent.add(job);
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
		return sent;
	}

	private void send(KafkaOperations<String, byte[]> operations, Publication job) {
		List<PhotoChunk> chunks = job.chunks();
		String topic = this.expressLane.topicFor(chunks.size());
		int partitions = operations.partitionsFor(topic).size();
		int first = ThreadLocalRandom.current().nextInt(partitions);
		for (PhotoChunk chunk : chunks) {
			if (job.expiredAt(System.nanoTime())) {
				throw overrun(job, chunk.chunkIndex());
			}
			operations.send(topic, partition(first, chunk.chunkIndex(), partitions), chunk.key(), encode(chunk));
		}
	}

	private ChunkPublishException overrun(Publication job, int chunkIndex) {
		return new ChunkPublishException("Sending chunk " + chunkIndex + " of " + job.chunks().size() + " to Kafka"
				+ " would overrun the publish timeout of " + this.budget.timeout().toMillis() + " ms", null);
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
