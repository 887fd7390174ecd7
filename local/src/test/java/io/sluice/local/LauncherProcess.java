package io.sluice.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.sluice.embedded.JavaProcesses;

import static org.awaitility.Awaitility.await;

/**
 * The launcher run as {@code ./sluice-local} runs it, {@link LocalSluice#main} in a JVM
 * of its own (on this JVM's class path), its standard output and error in one file.
 */
final class LauncherProcess implements AutoCloseable {

	private final Process process;

	private final Path output;

	private LauncherProcess(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/**
	 * Starts the launcher and returns at once.
	 * @param output where its standard output and error go
	 * @param environment variables on top of this process's
	 * @param args its command line
	 * @return the launcher, running
	 */
	static LauncherProcess start(Path output, Map<String, String> environment, String... args) {
		return start(output, environment, List.of(), args);
	}

	/**
	 * Starts the launcher with options for its JVM, and returns at once.
	 * @param output where its standard output and error go
	 * @param environment variables on top of this process's
	 * @param jvmOptions options for the launcher's JVM, such as system properties
	 * @param args its command line
	 * @return the launcher, running
	 */
	static LauncherProcess start(Path output, Map<String, String> environment, List<String> jvmOptions,
			String... args) {
		List<String> command = JavaProcesses.command("256m", LocalSluice.class);
		// after the java executable, before the class path and main class
		command.addAll(1, jvmOptions);
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(output.toFile()));
		builder.environment().putAll(environment);
		try {
			return new LauncherProcess(builder.start(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the launcher", ex);
		}
	}

	/**
	 * Runs the launcher to its end, for a command line it answers at once.
	 * @param output where its standard output and error go
	 * @param args its command line
	 * @return the launcher, exited
	 */
	static LauncherProcess run(Path output, String... args) {
		return run(output, List.of(), args);
	}

	/**
	 * Runs the launcher with options for its JVM to its end, for a command line it
	 * answers at once.
	 * @param output where its standard output and error go
	 * @param jvmOptions options for the launcher's JVM, such as system properties
	 * @param args its command line
	 * @return the launcher, exited
	 */
	static LauncherProcess run(Path output, List<String> jvmOptions, String... args) {
		LauncherProcess launcher = start(output, Map.of(), jvmOptions, args);
		launcher.awaitExit(Duration.ofSeconds(60));
		return launcher;
	}

	/** What it has printed so far. */
	String output() {
		try {
			return Files.readString(this.output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits until it has printed {@code text}, failing early if it exits. */
	void awaitOutput(String text, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(500)).failFast("the launcher exited", () -> {
			return !this.process.isAlive() && !output().contains(text);
		}).until(() -> output().contains(text));
	}

	int exitCode() {
		return this.process.exitValue();
	}

	/** The processes it started and that still run. */
	List<ProcessHandle> descendants() {
		return this.process.descendants().toList();
	}

	/** Sends it SIGTERM, as {@code kill} or a service manager would, and waits for it. */
	void terminate(Duration timeout) {
		this.process.destroy();
		awaitExit(timeout);
	}

	/**
	 * Stops it if it still runs, gracefully first so that it stops PostgreSQL (which is
	 * not its child), then kills whatever it started that is still there.
	 */
	@Override
	public void close() {
		List<ProcessHandle> started = descendants();
		if (this.process.isAlive()) {
			terminate(Duration.ofMinutes(3));
		}
		started.forEach(ProcessHandle::destroyForcibly);
	}

	private void awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				throw new IllegalStateException(
						"The launcher did not exit within " + timeout + "; it printed:\n" + output());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the launcher", ex);
		}
	}

}
