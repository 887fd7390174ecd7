package io.sluice.worker.intake;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.db.DatabaseFailure;
import io.sluice.worker.write.ChunkOutcome;
import io.sluice.worker.write.ChunkWriter;
import io.sluice.worker.write.UnknownJobException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Takes chunk records off the topic: decodes each one, has the {@link ChunkWriter} write
 * it within the {@link TransientRetry} budget, and says what kind of failure escaped.
 * What happens next to a failed record is the error handler's business (see
 * {@link IntakeConfiguration}).
 */
@Component
class ChunkListener {

	static final String LISTENER_ID = "chunk-intake";

	private static final Logger log = LoggerFactory.getLogger(ChunkListener.class);

	private final ChunkCodec codec;

	private final ChunkWriter writer;

	private final TransientRetry retry;

	ChunkListener(ChunkCodec codec, ChunkWriter writer, TransientRetry retry) {
		this.codec = codec;
		this.writer = writer;
		this.retry = retry;
	}

	/**
	 * Writes one chunk record.
	 * @param record the record, value still undecoded
	 * @throws io.sluice.common.chunk.UnreadableChunkException if the value is not a chunk
	 * @throws UnknownJobException if the chunk's job does not exist
	 * @throws PermanentChunkFailure if the database rejects the chunk for good
	 * @throws TransientChunkFailure if the database stayed unavailable for the whole
	 * retry budget
	 */
	@KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = ChunkTopics.PHOTO_CHUNKS)
	void onChunk(ConsumerRecord<String, byte[]> record) {
		PhotoChunk chunk = this.codec.decode(record.value());
		ChunkOutcome outcome = write(chunk);
		report(chunk, record, outcome);
	}

	private ChunkOutcome write(PhotoChunk chunk) {
		try {
			return this.retry.run(chunk, () -> this.writer.write(chunk));
		}
		catch (UnknownJobException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (DatabaseFailure.classify(ex) == DatabaseFailure.TRANSIENT) {
				throw new TransientChunkFailure(chunk, ex);
			}
			throw new PermanentChunkFailure(chunk, ex);
		}
	}

	private void report(PhotoChunk chunk, ConsumerRecord<String, byte[]> record, ChunkOutcome outcome) {
		if (outcome instanceof ChunkOutcome.Written written) {
			log.debug("Chunk {} of job {} (partition {}, offset {}): {}", chunk.chunkIndex(), chunk.jobId(),
					record.partition(), record.offset(), written.counts());
			if (written.job().allChunksDone()) {
				log.info("Job {} finished {}: {} written, {} duplicate, {} failed", chunk.jobId(),
						written.job().status(), written.job().written(), written.job().duplicate(),
						written.job().failed());
			}
		}
		else {
			log.info("Chunk {} of job {} (partition {}, offset {}) skipped: {}", chunk.chunkIndex(), chunk.jobId(),
					record.partition(), record.offset(), outcome);
		}
	}

}
