package io.sluice.api.job.events;

/**
 * The caller already has {@code sluice.api.events.max-streams-per-owner} job event
 * streams open on this API instance (429): it should close one, or follow further jobs by
 * polling them.
 */
class TooManyOwnerStreamsException extends RuntimeException {

	private final int maxStreamsPerOwner;

	TooManyOwnerStreamsException(int maxStreamsPerOwner) {
		super("Already " + maxStreamsPerOwner + " job event streams open for this owner");
		this.maxStreamsPerOwner = maxStreamsPerOwner;
	}

	int maxStreamsPerOwner() {
		return this.maxStreamsPerOwner;
	}

}
