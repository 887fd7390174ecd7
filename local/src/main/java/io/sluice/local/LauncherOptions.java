package io.sluice.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's command line. Each option is {@code --name=value} or
 * {@code --name value}; a later one wins over an earlier one (so that the script's
 * {@code --home} can be overridden). Anything else is refused with a
 * {@link UsageException}, whose message says what was wrong.
 */
final class LauncherOptions {

	/**
	 * One option.
	 *
	 * @param name its name without the dashes
	 * @param value what it takes, for the help ({@code N}, {@code PATH})
	 * @param byDefault what applies when it is not given
	 * @param meaning one line for the help
	 */
	record Option(String name, String value, String byDefault, String meaning) {

		String synopsis() {
			return "--" + this.name + "=" + this.value;
		}

	}

	static final Option WORKERS = new Option("workers", "N", String.valueOf(LocalSettings.DEFAULT_WORKERS),
			"worker processes; one that dies is started again");

	static final Option WORKER_CONCURRENCY = new Option("worker-concurrency", "N",
			String.valueOf(LocalSettings.DEFAULT_WORKER_CONCURRENCY),
			"consumer threads per worker; a worker leases up to N + 1 connections");

	static final Option PORT = new Option("port", "N", String.valueOf(LocalSettings.DEFAULT_API_PORT),
			"the API's HTTP port");

	static final Option API_POOL_SIZE = new Option("api-pool-size", "N",
			String.valueOf(LocalSettings.DEFAULT_API_POOL_SIZE), "each API instance's connection pool");

	static final Option API_INSTANCES = new Option("api-instances", "N",
			String.valueOf(LocalSettings.DEFAULT_API_INSTANCES),
			"API processes, on ports --port, --port + 1, ...; rate limits are per instance");

	static final Option PARTITIONS = new Option("partitions", "N", String.valueOf(LocalSettings.DEFAULT_PARTITIONS),
			"partitions of the chunk topics");

	static final Option DIR = new Option("dir", "PATH", ".sluice under --home",
			"data (emptied on every start), logs and local.env");

	static final Option HOME = new Option("home", "PATH", "the current directory",
			"the repository, whose api/target and worker/target hold the jars (./sluice-local sets it)");

	static final List<Option> ALL = List.of(WORKERS, WORKER_CONCURRENCY, PORT, API_POOL_SIZE, API_INSTANCES, PARTITIONS,
			DIR, HOME);

	private final Map<Option, String> values;

	private final boolean help;

	private LauncherOptions(Map<Option, String> values, boolean help) {
		this.values = values;
		this.help = help;
	}

	/**
	 * Reads the command line.
	 * @param args the arguments as given
	 * @return the options
	 * @throws UsageException naming an unknown option, a missing value or a stray
	 * argument
	 */
	static LauncherOptions parse(String... args) {
		Map<Option, String> values = new LinkedHashMap<>();
		boolean help = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--help") || arg.equals("-h")) {
				help = true;
				continue;
			}
			if (arg.startsWith("--help=")) {
				throw new UsageException("--help takes no value");
			}
			if (!arg.startsWith("--")) {
				throw new UsageException("Unexpected argument '" + arg + "': every option starts with --");
			}
			int equals = arg.indexOf('=');
			String name = arg.substring(2, (equals < 0) ? arg.length() : equals);
			Option option = ALL.stream()
				.filter((candidate) -> candidate.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new UsageException("Unknown option --" + name + suggestion(name)));
			String value;
			if (equals >= 0) {
				value = arg.substring(equals + 1);
			}
			else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
				value = args[++i];
			}
			else {
				throw new UsageException(option.synopsis() + " needs a value");
			}
			if (value.isBlank()) {
				throw new UsageException(option.synopsis() + " needs a value");
			}
			values.put(option, value);
		}
		return new LauncherOptions(values, help);
	}

	boolean helpAsked() {
		return this.help;
	}

	/**
	 * The settings these options ask for, the defaults where none is given.
	 * @param jwtSecret the secret of the API's tokens
	 * @return the settings
	 * @throws UsageException if a value is not a whole number or out of its range, or the
	 * directory cannot be created
	 */
	LocalSettings settings(String jwtSecret) {
		Path home = Path.of(value(HOME).orElse(".")).toAbsolutePath().normalize();
		Path directory = value(DIR).map(Path::of).orElse(home.resolve(".sluice")).toAbsolutePath().normalize();
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UsageException("--dir " + directory + " cannot be created: " + ex);
		}
		try {
			return new LocalSettings(home, directory, number(PORT), number(WORKERS), number(WORKER_CONCURRENCY),
					number(API_POOL_SIZE), number(API_INSTANCES), number(PARTITIONS), jwtSecret,
					LocalSettings.defaultJavaExecutable());
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
	}

	/** What {@code --help} prints: every option with its default. */
	static String help() {
		StringBuilder help = new StringBuilder("""
				Usage: ./sluice-local [OPTION]...
				Runs PostgreSQL, Kafka, the Sluice API and its workers on this machine, each its own process,
				and starts again an API or worker that dies. Ctrl-C stops them all.

				Options (default in brackets):
				""");
		for (Option option : ALL) {
			help.append(String.format("  %-25s %s [%s]%n", option.synopsis(), option.meaning(), option.byDefault()));
		}
		help.append(String.format("  %-25s %s%n", "-h, --help", "print this and exit"));
		help.append("""

				The API and the workers also read the environment: SLUICE_DB_CONNECTION_BUDGET caps the
				connections of all workers together (a worker that finds none free waits for one), and
				SLUICE_AUTH_JWT_SECRET is the token secret when set (otherwise one is generated), as
				SLUICE_WEBHOOK_SECRET is the key of the webhooks' signatures. Job callbacks may go to
				this machine over plain http (sluice.webhook.allow-private).""");
		return help.toString();
	}

	/**
	 * The option a misspelt name probably meant: one whose name starts with the other.
	 */
	private static String suggestion(String name) {
		return ALL.stream()
			.filter((option) -> !name.isEmpty() && (option.name().startsWith(name) || name.startsWith(option.name())))
			.findFirst()
			.map((option) -> " (did you mean --" + option.name() + "?)")
			.orElse("");
	}

	private Optional<String> value(Option option) {
		return Optional.ofNullable(this.values.get(option));
	}

	private int number(Option option) {
		String value = value(option).orElse(option.byDefault());
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--" + option.name() + " takes a whole number, not '" + value + "'");
		}
	}

	/** A command line the launcher refuses; its message says why. */
	static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}

	}

}
