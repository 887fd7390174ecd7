package io.sluice.worker.intake;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.chunk.UnreadableChunkException;
import io.sluice.common.db.DatabaseFailure;
import io.sluice.worker.write.FailedChunkRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ErrorHandlingUtils;

/**
 * Deals with a record that can never succeed: records its chunk {@code FAILED} (when the
 * record is readable and its job exists), then publishes the record to the dead-letter
 * topic with the exception's class and message in headers, so the partition moves on.
 *
 * <p>
 * If recording fails transiently, or the dead-letter topic cannot take the record, this
 * throws and the record is redelivered: a permanent failure is never silently dropped.
 */
class FailedChunkRecoverer implements ConsumerRecordRecoverer {

	private static final Logger log = LoggerFactory.getLogger(FailedChunkRecoverer.class);

	private final ChunkCodec codec;

	private final FailedChunkRecorder recorder;

	private final DeadLetterPublishingRecoverer deadLetters;

	private final ChunkMetrics metrics;

	FailedChunkRecoverer(ChunkCodec codec, FailedChunkRecorder recorder, DeadLetterPublishingRecoverer deadLetters,
			ChunkMetrics metrics) {
		this.codec = codec;
		this.recorder = recorder;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Exception exception) {
		Exception failure = ErrorHandlingUtils.findRootCause(exception);
		log.warn("Record {} (partition {}, offset {}) can never be written, sending it to the dead-letter topic: {}",
				record.key(), record.partition(), record.offset(), failure.toString());
		PhotoChunk chunk = readable(record);
		if (chunk != null) {
			recordFailed(chunk, failure);
		}
		this.deadLetters.accept(record, failure);
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
			this.recorder.recordFailed(chunk, failure.getMessage()).ifPresent((job) -> {
				this.metrics.failed(chunk);
				log.info("Chunk {} of job {} recorded FAILED; job is {} ({} of {} chunks done)", chunk.chunkIndex(),
						chunk.jobId(), job.status(), job.chunksDone(), job.chunkCount());
			});
		}
		catch (RuntimeException ex) {
			if (DatabaseFailure.classify(ex) == DatabaseFailure.TRANSIENT) {
				throw ex;
			}
			log.error("Chunk {} of job {} could not be recorded FAILED; dead-lettering it anyway", chunk.chunkIndex(),
					chunk.jobId(), ex);
		}
	}

}
