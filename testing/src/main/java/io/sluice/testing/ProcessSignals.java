package io.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

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
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run kill -" + signal + " " + pid, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending " + signal + " to " + pid, ex);
		}
	}

}
