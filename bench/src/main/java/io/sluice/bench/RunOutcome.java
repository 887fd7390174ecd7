package io.sluice.bench;

import java.util.UUID;

/**
 * What one timed run of a variant reports, before its rows are counted.
 *
 * @param elapsedNanos the timed part
 * @param poolTimeouts photos that failed because no pooled connection came in time
 * @param failedPhotos photos that were not written, pool timeouts included
 * @param sluice Sluice's own figures, {@code null} for the other variants
 */
record RunOutcome(long elapsedNanos, int poolTimeouts, int failedPhotos, SluiceFigures sluice) {

	static RunOutcome clean(long elapsedNanos) {
		return new RunOutcome(elapsedNanos, 0, 0, null);
	}

	/**
	 * What an end-to-end Sluice run adds.
	 *
	 * @param jobId the job
	 * @param acceptNanos {@code POST} sent to {@code 202} received
	 * @param acceptToFirstChunkMillis {@code 202} received to the first chunk's
	 * transaction ({@code import_chunk.created_at})
	 * @param observedNanos {@code POST} sent to the client seeing the terminal status
	 * (includes the polling interval)
	 */
	record SluiceFigures(UUID jobId, long acceptNanos, double acceptToFirstChunkMillis, long observedNanos) {

	}

}
