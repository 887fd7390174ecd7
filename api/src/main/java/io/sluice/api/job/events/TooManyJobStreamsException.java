package io.sluice.api.job.events;

/**
 * This API instance already serves {@code sluice.api.events.max-streams} job event
 * streams; the client should retry later, possibly on another instance (503).
 */
class TooManyJobStreamsException extends RuntimeException {

	private final int maxStreams;

	TooManyJobStreamsException(int maxStreams) {
		super("Already " + maxStreams + " job event streams open");
		this.maxStreams = maxStreams;
	}

	int maxStreams() {
		return this.maxStreams;
	}

}
