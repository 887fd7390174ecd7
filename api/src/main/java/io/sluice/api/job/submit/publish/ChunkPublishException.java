package io.sluice.api.job.submit.publish;

/**
 * Kafka did not take a job's chunks within the publish timeout; the transaction was
 * aborted (or its outcome is unknown) and nothing was made visible to read_committed
 * consumers.
 */
class ChunkPublishException extends RuntimeException {

	ChunkPublishException(String message, Throwable cause) {
		super(message, cause);
	}

}
