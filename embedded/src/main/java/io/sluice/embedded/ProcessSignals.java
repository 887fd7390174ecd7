package io.sluice.embedded;

import java.time.Duration;
import java.util.List;

/**
 * Sends a process a signal with {@code kill}, for faults: {@code STOP} freezes it,
 * {@code CONT} thaws it.
 */
public final class ProcessSignals {

	private ProcessSignals() {
	}

	/**
	 * Sends the signal and waits for {@code kill} to confirm it.
	 * @param pid the process
	 * @param signal the signal's name without {@code SIG}
	 * @throws IllegalStateException if {@code kill} fails
	 */
	public static void send(long pid, String signal) {
		Commands.run(List.of("kill", "-" + signal, String.valueOf(pid)), Duration.ofSeconds(10));
	}

}
