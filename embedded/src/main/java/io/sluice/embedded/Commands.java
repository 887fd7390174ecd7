package io.sluice.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end, for the tools tests drive: {@code kill}, {@code pg_ctl},
 * Kafka's {@code kafka-consumer-groups}.
 */
public final class Commands {

	private Commands() {
	}

	/**
	 * Runs the command with its output appended to a file.
	 * @param command the program and its arguments
	 * @param output where its standard output and error go
	 * @param timeout how long it may take
	 * @throws IllegalStateException if it fails, or takes longer (it is then killed)
	 */
	public static void run(List<String> command, Path output, Duration timeout) {
		run(command, ProcessBuilder.Redirect.appendTo(output.toFile()), timeout, "; see " + output);
	}

	/**
	 * Runs the command with its output on this process's.
	 * @param command the program and its arguments
	 * @param timeout how long it may take
	 * @throws IllegalStateException if it fails, or takes longer (it is then killed)
	 */
	public static void run(List<String> command, Duration timeout) {
		run(command, ProcessBuilder.Redirect.INHERIT, timeout, "");
	}

	private static void run(List<String> command, ProcessBuilder.Redirect output, Duration timeout, String where) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout + where);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						String.join(" ", command) + " failed with exit code " + process.exitValue() + where);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + String.join(" ", command), ex);
		}
	}

}
