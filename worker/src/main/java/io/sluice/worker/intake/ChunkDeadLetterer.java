package io.sluice.worker.intake;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.chunk.UnreadableChunkException;
import io.sluice.common.db.DatabaseFailure;
import io.sluice.worker.write.UnwritableChunks;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ErrorHandlingUtils;

/**
 * Deals with a record that can never be written for its own sake: publishes it to the
 * dead-letter topic with the exception's class and message in headers, waiting for the
 * broker's acknowledgement, and only then records its chunk {@code FAILED} (when the
 * record is readable and its job exists), so the partition moves on.
 *
 * <p>
 * The order is what keeps a dead letter from being lost: a chunk's {@code FAILED} ledger
 * row makes a redelivery of its record a no-op, so the row may only exist once the dead
 * letter does. If the publish fails, nothing is recorded; if recording fails (the
 * database is unavailable or refuses it), this throws {@link NotRecordedException}; a
 * worker that dies in between leaves the record uncommitted. In each case the record is
 * delivered again and published again: a dead letter is published at least once, and a
 * re-drive of two copies writes the chunk once (the chunk ledger).
 */
class ChunkDeadLetterer implements ConsumerRecordRecoverer {

	private static final Logger log = LoggerFactory.getLogger(ChunkDeadLetterer.class);

	private final ChunkCodec codec;

	private final UnwritableChunks unwritableChunks;

	private final DeadLetterPublishingRecoverer deadLetters;

	private final ChunkMetrics metrics;

	ChunkDeadLetterer(ChunkCodec codec, UnwritableChunks unwritableChunks, DeadLetterPublishingRecoverer deadLetters,
			ChunkMetrics metrics) {
		this.codec = codec;
		this.unwritableChunks = unwritableChunks;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
	}

	/**
	 * @throws org.springframework.kafka.KafkaException if the dead letter could not be
	 * published; nothing was recorded
	 * @throws NotRecordedException if the dead letter was published but the database
	 * could not record the chunk now
	 */
	@Override
	public void accept(ConsumerRecord<?, ?> record, Exception exception) {
		Exception failure = ErrorHandlingUtils.findRootCause(exception);
		log.warn("Record {} (partition {}, offset {}) can never be written, sending it to the dead-letter topic: {}",
				record.key(), record.partition(), record.offset(), failure.toString());
		this.deadLetters.accept(record, failure);
		this.metrics.deadLettered(failure);
		PhotoChunk chunk = readable(record);
		if (chunk != null) {
			recordFailed(chunk, failure);
		}
	}

	private PhotoChunk readable(ConsumerRecord<?, ?> record) {
		try {
			return (record.value() instanceof byte[] value) ? this.codec.decode(value) : null;
		}
		catch (UnreadableChunkException ex) {
			return null;
		}
	}

	private void recordFailed(PhotoChunk chunk, Exception failure) {
		try {
			if (this.unwritableChunks.recordFailed(chunk, failure.getMessage())) {
				this.metrics.failed(chunk);
				log.info("Chunk {} of job {} dead-lettered and recorded FAILED", chunk.chunkIndex(), chunk.jobId());
			}
		}
		catch (RuntimeException ex) {
			if (DatabaseFailure.classify(ex) != DatabaseFailure.DATA) {
				throw new NotRecordedException(chunk, ex);
			}
			// The ledger itself rejects the chunk's values (say an index no job has):
			// the dead letter is all there is of it.
			log.error("Chunk {} of job {} is dead-lettered but the ledger cannot record it FAILED", chunk.chunkIndex(),
					chunk.jobId(), ex);
		}
	}

	/**
	 * A chunk was dead-lettered but could not be recorded {@code FAILED}, because the
	 * database cannot take the write now: its record must be delivered again. The cause
	 * is the database's failure.
	 */
	static final class NotRecordedException extends RuntimeException {

		NotRecordedException(PhotoChunk chunk, RuntimeException cause) {
			super("Chunk " + chunk.chunkIndex() + " of job " + chunk.jobId()
					+ " is dead-lettered but not yet recorded FAILED: " + DatabaseFailure.describe(cause), cause);
		}

	}

}
