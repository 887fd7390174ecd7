package io.sluice.common.job;

/**
 * The life of an import job. A job is created {@link #PENDING}, becomes {@link #QUEUED}
 * once its chunks are committed to Kafka, {@link #RUNNING} when the first chunk lands,
 * and ends in one of the terminal states.
 */
public enum JobStatus {

	/** Recorded; its chunks are being published. */
	PENDING(false),
	/** All chunks are on the topic; no chunk has landed yet. */
	QUEUED(false),
	/** At least one chunk has landed. */
	RUNNING(false),
	/** Every chunk landed and no photo failed. */
	COMPLETED(true),
	/** Every chunk landed and at least one photo failed. */
	COMPLETED_WITH_ERRORS(true),
	/** The job could not be carried out; {@code failure_reason} says why. */
	FAILED(true),
	/** Cancelled by its owner. */
	CANCELLED(true);

	private final boolean terminal;

	JobStatus(boolean terminal) {
		this.terminal = terminal;
	}

	public boolean isTerminal() {
		return this.terminal;
	}

}
