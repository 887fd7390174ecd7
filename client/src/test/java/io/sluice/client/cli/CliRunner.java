package io.sluice.client.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;

/**
 * Runs {@code sluice} in-process, in an environment of the test's making: its own
 * variables and directory (nothing of the test JVM's), a sleeper that records each wait
 * rather than waiting, or a real one.
 */
final class CliRunner {

	private final Map<String, String> variables = new HashMap<>();

	private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

	private Path directory;

	private boolean realSleeps;

	private byte[] stdin = new byte[0];

	CliRunner(Path directory) {
		this.directory = directory;
	}

	CliRunner withVariable(String name, String value) {
		this.variables.put(name, value);
		return this;
	}

	/** Waits for real, as a command following a real job must. */
	CliRunner sleepingForReal() {
		this.realSleeps = true;
		return this;
	}

	CliRunner withStdin(byte[] stdin) {
		this.stdin = stdin;
		return this;
	}

	CliRunner in(Path directory) {
		this.directory = directory;
		return this;
	}

	/** Every wait so far, in order. */
	List<Duration> sleeps() {
		return List.copyOf(this.sleeps);
	}

	Result run(String... args) {
		Environment environment = new Environment(Map.copyOf(this.variables), this.directory, null,
				new ByteArrayInputStream(this.stdin), (duration) -> {
					this.sleeps.add(duration);
					if (this.realSleeps) {
						Thread.sleep(duration.toMillis());
					}
				}, false);
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine commandLine = SluiceCli.commandLine(environment);
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		int code = commandLine.execute(args);
		return new Result(code, out.toString(), err.toString());
	}

	/**
	 * What a run did.
	 *
	 * @param exitCode its exit code
	 * @param out its standard output
	 * @param err its standard error
	 */
	record Result(int exitCode, String out, String err) {

		List<String> outLines() {
			return this.out.lines().toList();
		}

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- out\n" + this.out + "--- err\n" + this.err;
		}

	}

}
