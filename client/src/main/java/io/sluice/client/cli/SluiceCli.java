package io.sluice.client.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code sluice}, the command line of Sluice: submit photo files as import jobs and
 * follow them, read, list and cancel jobs, list a job's failed photos, mint development
 * tokens. Built on the client generated from the contract (docs/openapi.yaml); the
 * options here apply to every command. client/README.md is its manual.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = SluiceCli.Version.class,
		description = { "Bulk photo imports into Sluice, from the command line.", "" },
		subcommands = { SubmitCommand.class, StatusCommand.class, WatchCommand.class, CancelCommand.class,
				FailuresCommand.class, ListCommand.class, TokenCommand.class, CommandLine.HelpCommand.class },
		exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:done; the job COMPLETED", "1:usage error: options, settings, the photo file",
				"2:the job ended COMPLETED_WITH_ERRORS", "3:the job ended FAILED or CANCELLED",
				"4:the API refused the request or could not be reached" },
		footerHeading = "%nSettings:%n",
		footer = { "Each of --url, --token and SLUICE_AUTH_JWT_SECRET comes from the first of:",
				"its option, the environment (SLUICE_API_URL, SLUICE_TOKEN), --env-file,",
				".sluice/local.env (which ./sluice-local writes). The URL defaults to",
				"http://localhost:8080. Manual: client/README.md" })
public final class SluiceCli implements Runnable {

	@Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
			description = "The API's base URL (else SLUICE_API_URL, the environment file, http://localhost:8080).")
	String url;

	@Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "JWT",
			description = "The bearer token (else SLUICE_TOKEN, the environment file).")
	String token;

	@Option(names = "--env-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
			description = "The environment file to read settings from (default: .sluice/local.env when present).")
	Path envFile;

	@Option(names = "--retries", scope = ScopeType.INHERIT, paramLabel = "N", defaultValue = "10",
			description = "Most tries of one request answered 429 or 503, or whose connection failed (default: ${DEFAULT-VALUE}).")
	int retries;

	@Option(names = "--retry-within", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "10m",
			converter = Durations.class,
			description = "Longest time one request is retried for, Retry-After waits included (default: ${DEFAULT-VALUE}).")
	Duration retryWithin;

	@Spec
	CommandSpec spec;

	private final Environment environment;

	SluiceCli(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Runs {@code sluice} and exits with its code.
	 * @param args the arguments
	 */
	public static void main(String... args) {
		System.exit(commandLine(Environment.system()).execute(args));
	}

	/**
	 * The command line in an environment, with its exit codes and error messages;
	 * {@link CommandLine#setOut} and {@link CommandLine#setErr} redirect its output.
	 * @param environment the environment
	 * @return the command line, ready to {@link CommandLine#execute}
	 */
	public static CommandLine commandLine(Environment environment) {
		CommandLine commandLine = new CommandLine(new SluiceCli(environment));
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.setParameterExceptionHandler(SluiceCli::usageError);
		commandLine.setExecutionExceptionHandler((ex, command, parseResult) -> failure(ex, command));
		return commandLine;
	}

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(),
				"Missing a command: submit, status, watch, cancel, failures, ls or token");
	}

	/** The settings, resolved from the options, the environment and the file. */
	ClientSettings settings() {
		return ClientSettings.resolve(this.url, this.token, this.envFile, this.environment);
	}

	/** The API as the settings name it, with their token. */
	Api api(ClientSettings settings) {
		return new Api(settings.url(), settings.requiredToken());
	}

	/** The retries of {@code --retries} and {@code --retry-within}. */
	Retries retries(Api api, PrintWriter err) {
		return new Retries(api.url(), this.retries, this.retryWithin, this.environment.sleeper(), err);
	}

	Environment environment() {
		return this.environment;
	}

	private static int usageError(ParameterException ex, String[] args) {
		CommandLine command = ex.getCommandLine();
		PrintWriter err = command.getErr();
		err.println("sluice: " + ex.getMessage());
		if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
			err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
		}
		err.flush();
		return ExitCodes.USAGE;
	}

	private static int failure(Exception ex, CommandLine command) throws Exception {
		PrintWriter err = command.getErr();
		try {
			if (ex instanceof ApiFailure failure) {
				new ProblemReport(io.sluice.client.ApiClient.createDefaultObjectMapper(), failure.apiUrl())
					.lines(failure)
					.forEach(err::println);
				return ExitCodes.API_ERROR;
			}
			if (ex instanceof UsageException) {
				err.println("sluice: " + ex.getMessage());
				return ExitCodes.USAGE;
			}
			if (ex instanceof Interrupted) {
				err.println("sluice: interrupted; the jobs go on (sluice status ID shows them)");
				return ExitCodes.INTERRUPTED;
			}
			throw ex;
		}
		finally {
			err.flush();
		}
	}

	/** The version in the jar's manifest. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = SluiceCli.class.getPackage().getImplementationVersion();
			return new String[] { "sluice " + ((version != null) ? version : "(development build)") };
		}

	}

}
