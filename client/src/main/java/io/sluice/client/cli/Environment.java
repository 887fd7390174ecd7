package io.sluice.client.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line takes from the process it runs in, rather than from its
 * arguments: environment variables, the current directory, where the repository is, how
 * to wait and whether standard error is a terminal. Tests give their own, so that the
 * commands run in-process with nothing of the test's JVM leaking in.
 *
 * @param variables the environment variables
 * @param workingDirectory where relative paths and {@code .sluice/local.env} are looked
 * up first
 * @param home the repository ({@code ./sluice} passes it), whose
 * {@code .sluice/local.env} is looked up last; may be {@code null}
 * @param stdin standard input, which {@code sluice submit -} reads
 * @param sleeper how the commands wait between retries and polls
 * @param stderrIsTerminal whether progress may redraw one line on standard error
 */
public record Environment(Map<String, String> variables, Path workingDirectory, Path home, InputStream stdin,
		Sleeper sleeper, boolean stderrIsTerminal) {

	/** The system property {@code ./sluice} sets to the repository. */
	static final String HOME_PROPERTY = "sluice.home";

	/**
	 * The system property {@code ./sluice} sets to whether standard error is a terminal;
	 * Java cannot tell for standard error alone.
	 */
	static final String STDERR_TTY_PROPERTY = "sluice.stderr.tty";

	/**
	 * Waits; {@link Thread#sleep} outside tests.
	 */
	@FunctionalInterface
	public interface Sleeper {

		/**
		 * Waits this long.
		 * @param duration how long
		 * @throws InterruptedException if interrupted while waiting
		 */
		void sleep(Duration duration) throws InterruptedException;

	}

	/**
	 * The environment of this process.
	 * @return the real environment
	 */
	public static Environment system() {
		String home = System.getProperty(HOME_PROPERTY);
		String tty = System.getProperty(STDERR_TTY_PROPERTY);
		boolean terminal = (tty != null) ? Boolean.parseBoolean(tty) : System.console() != null;
		return new Environment(System.getenv(), Path.of("").toAbsolutePath(), (home != null) ? Path.of(home) : null,
				System.in, (duration) -> Thread.sleep(duration.toMillis()),
				terminal && !"dumb".equals(System.getenv("TERM")));
	}

	/**
	 * An environment variable that is set and not blank.
	 * @param name its name
	 * @return its value
	 */
	Optional<String> variable(String name) {
		return Optional.ofNullable(this.variables.get(name)).filter((value) -> !value.isBlank());
	}

}
