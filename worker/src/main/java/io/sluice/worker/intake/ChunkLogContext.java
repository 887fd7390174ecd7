package io.sluice.worker.intake;

import io.sluice.common.chunk.PhotoChunk;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;

/**
 * Puts the chunk a consumer thread is handling into the logging context (SLF4J's MDC), so
 * that every line logged while it is open names the chunk's job, index, partition and
 * offset, as fields of their own in structured (ECS) logs. Open it with
 * try-with-resources around one chunk's handling; closing it removes the keys. Do not
 * nest two: the inner one's close removes the outer one's keys.
 */
final class ChunkLogContext implements AutoCloseable {

	static final String JOB_ID = "sluice.jobId";

	static final String CHUNK_INDEX = "sluice.chunkIndex";

	static final String PARTITION = "kafka.partition";

	static final String OFFSET = "kafka.offset";

	private ChunkLogContext() {
	}

	/**
	 * Opens the context of one record.
	 * @param record the record
	 * @param chunk its decoded chunk, or {@code null} if unreadable (then only the
	 * partition and offset are set)
	 * @return the context, to close when the record is handled
	 */
	static ChunkLogContext of(ConsumerRecord<?, ?> record, PhotoChunk chunk) {
		MDC.put(PARTITION, String.valueOf(record.partition()));
		MDC.put(OFFSET, String.valueOf(record.offset()));
		if (chunk != null) {
			MDC.put(JOB_ID, String.valueOf(chunk.jobId()));
			MDC.put(CHUNK_INDEX, String.valueOf(chunk.chunkIndex()));
		}
		return new ChunkLogContext();
	}

	@Override
	public void close() {
		MDC.remove(JOB_ID);
		MDC.remove(CHUNK_INDEX);
		MDC.remove(PARTITION);
		MDC.remove(OFFSET);
	}

}
