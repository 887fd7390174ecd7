package io.sluice.api.job.submit.publish;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.sluice.api.job.Job;
import io.sluice.common.chunk.PhotoChunk;

/**
 * A recorded job waiting for a {@link PublishLanes lane} to publish its chunks, and the
 * outcome its request waits for: the job as it stands once queued, or the
 * {@link ChunkPublishException} that kept it from Kafka.
 *
 * @param pending the job as recorded, {@code PENDING}
 * @param chunks its chunks, in order
 * @param sendDeadlineNanos the {@link System#nanoTime()} after which no chunk of the job
 * may be sent: the start of its publish plus the budget's send phase
 * @param outcome completed by the lane
 */
record Publication(Job pending, List<PhotoChunk> chunks, long sendDeadlineNanos, CompletableFuture<Job> outcome) {

	Publication(Job pending, List<PhotoChunk> chunks, long sendDeadlineNanos) {
		this(pending, chunks, sendDeadlineNanos, new CompletableFuture<>());
	}

	/**
	 * Whether the job's send phase is over at {@code nanos}.
	 * @param nanos a {@link System#nanoTime()}
	 * @return {@code true} if no chunk of the job may be sent any more
	 */
	boolean expiredAt(long nanos) {
		return nanos - this.sendDeadlineNanos > 0;
	}

}
