package io.sluice.local;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.sluice.local.LauncherOptions.UsageException;
import io.sluice.testing.DevTokens;
import io.sluice.testing.PostgresServer;

/**
 * The local launcher, {@code ./sluice-local} (options: {@link LauncherOptions#help()}).
 * Starts PostgreSQL, Kafka, the API and the workers, prints how to use them, and stops
 * everything on Ctrl-C.
 */
public final class LocalSluice {

	/** The exit code of a command line the launcher refuses. */
	static final int USAGE = 2;

	private LocalSluice() {
	}

	public static void main(String[] args) throws InterruptedException {
		LocalSettings settings;
		try {
			LauncherOptions options = LauncherOptions.parse(args);
			if (options.helpAsked()) {
				System.out.println(LauncherOptions.help());
				return;
			}
			settings = options.settings(jwtSecret());
		}
		catch (UsageException ex) {
			System.err
				.println("sluice-local: " + ex.getMessage() + "\nThe options are listed by ./sluice-local --help");
			System.exit(USAGE);
			return;
		}
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

	private static String jwtSecret() {
		String secret = System.getenv("SLUICE_AUTH_JWT_SECRET");
		return (secret == null || secret.isBlank()) ? DevTokens.randomSecret() : secret;
	}

}
