package io.sluice.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.sluice.testing.DevTokens;
import io.sluice.testing.PostgresServer;

/**
 * The local launcher:
 * {@code ./sluice-local [--workers=2] [--port=8080] [--worker-concurrency=2]}. Starts
 * PostgreSQL, Kafka, the API and the workers, prints how to use them, and stops
 * everything on Ctrl-C.
 */
public final class LocalSluice {

	private LocalSluice() {
	}

	public static void main(String[] args) throws InterruptedException {
		Map<String, String> options = parse(args);
		if (options.containsKey("help")) {
			System.out.println("""
					Usage: ./sluice-local [--workers=N] [--port=N] [--worker-concurrency=N] [--api-pool-size=N]
					                      [--partitions=N] [--dir=PATH]
					Runs PostgreSQL, Kafka, the Sluice API and N workers on this machine. Ctrl-C stops them.
					SLUICE_AUTH_JWT_SECRET is used as the token secret when set; otherwise one is generated.""");
			return;
		}
		LocalSettings settings = settings(options);
		// The hook below stops PostgreSQL last, once the workers have given back their
		// leases and the API has finished its requests.
		System.setProperty(PostgresServer.OWN_SHUTDOWN_HOOK_PROPERTY, "false");
		LocalStack stack = new LocalStack(settings);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("\nStopping Sluice...");
			stack.close();
			System.out.println("Sluice stopped.");
			stopped.countDown();
		}, "sluice-local-stop"));
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			System.err.println("\nSluice did not start: " + ex.getMessage());
			System.exit(1);
		}
		System.out.println(Banner.ready(stack));
		while (!stopped.await(1, TimeUnit.SECONDS)) {
			var dead = stack.deadProcess();
			if (dead.isPresent()) {
				System.err.println("\n" + dead.get().name() + " stopped unexpectedly; last lines of " + dead.get().log()
						+ ":\n" + dead.get().logTail(30));
				System.exit(2);
			}
		}
	}

	static LocalSettings settings(Map<String, String> options) {
		String secret = System.getenv("SLUICE_AUTH_JWT_SECRET");
		if (secret == null || secret.isBlank()) {
			secret = DevTokens.randomSecret();
		}
		Path home = Path.of(options.getOrDefault("home", System.getProperty("sluice.home", ".")))
			.toAbsolutePath()
			.normalize();
		Path directory = Path.of(options.getOrDefault("dir", home.resolve(".sluice").toString()));
		LocalSettings defaults = LocalSettings.defaults(home, directory, secret);
		return new LocalSettings(home, directory, intOption(options, "port", defaults.apiPort()),
				intOption(options, "workers", defaults.workers()),
				intOption(options, "worker-concurrency", defaults.workerConcurrency()),
				intOption(options, "api-pool-size", defaults.apiPoolSize()),
				intOption(options, "partitions", defaults.partitions()), secret, defaults.javaExecutable());
	}

	private static int intOption(Map<String, String> options, String name, int fallback) {
		String value = options.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + value + "'");
		}
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'; see --help");
			}
			int equals = arg.indexOf('=');
			if (equals < 0) {
				options.put(arg.substring(2), "true");
			}
			else {
				options.put(arg.substring(2, equals), arg.substring(equals + 1));
			}
		}
		if (options.containsKey("dir")) {
			try {
				Files.createDirectories(Path.of(options.get("dir")));
			}
			catch (java.io.IOException ex) {
				throw new IllegalArgumentException("--dir " + options.get("dir") + " cannot be created", ex);
			}
		}
		return options;
	}

}
