package io.sluice.local;

import java.time.Duration;

/**
 * How long the launcher waits before it starts again a process that exited, as Compose's
 * {@code restart: unless-stopped} does: {@link #FIRST} after the first exit, twice as
 * long after each exit that follows, at most {@link #LONGEST}, and {@link #FIRST} again
 * once a process had run for {@link #RESET_AFTER}. One per process; not thread-safe.
 */
final class RestartBackOff {

	static final Duration FIRST = Duration.ofSeconds(1);

	static final Duration LONGEST = Duration.ofSeconds(30);

	/**
	 * A run this long counts as a success: longer than a JVM needs to start on a busy
	 * machine, so that a process that fails while starting keeps backing off.
	 */
	static final Duration RESET_AFTER = Duration.ofSeconds(60);

	private Duration next = FIRST;

	/**
	 * The wait before starting again a process that has just exited.
	 * @param ran how long the process ran
	 * @return how long to wait
	 */
	Duration after(Duration ran) {
		if (ran.compareTo(RESET_AFTER) >= 0) {
			this.next = FIRST;
		}
		Duration wait = this.next;
		this.next = (wait.multipliedBy(2).compareTo(LONGEST) < 0) ? wait.multipliedBy(2) : LONGEST;
		return wait;
	}

}
