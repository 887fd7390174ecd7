package io.sluice.local;

import java.util.concurrent.CountDownLatch;

import io.sluice.local.LauncherOptions.UsageException;
import io.sluice.embedded.DevTokens;
import io.sluice.embedded.PostgresPlatform;
import io.sluice.embedded.PostgresServer;

/**
 * The local launcher, {@code ./sluice-local} (options: {@link LauncherOptions#help()}).
 * Starts PostgreSQL, Kafka, the API and the workers, prints how to use them once the API
 * is ready and each worker is ready or waiting for a connection lease, starts again an
 * API or worker that dies, and stops everything on Ctrl-C: the workers first, so that
 * they give back their leases, PostgreSQL last.
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
			String unsupported = PostgresPlatform.current().unsupportedReason();
			if (unsupported != null) {
				System.err.println("sluice-local: " + unsupported);
				System.exit(1);
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
		Supervisor supervisor = new Supervisor(stack);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("\nStopping Sluice...");
			supervisor.close();
			stack.close();
			System.out.println("Sluice stopped.");
			stopped.countDown();
		}, "sluice-local-stop"));
		try {
			stack.launch();
		}
		catch (RuntimeException ex) {
			System.err.println("\nSluice did not start: " + ex.getMessage());
			System.exit(1);
		}
		supervisor.start();
		supervisor.awaitWorkersSettled(LocalStack.READY_TIMEOUT);
		System.out.println(Banner.ready(stack, supervisor.workerLines()));
		stopped.await();
	}

	private static String jwtSecret() {
		String secret = System.getenv("SLUICE_AUTH_JWT_SECRET");
		return (secret == null || secret.isBlank()) ? DevTokens.randomSecret() : secret;
	}

}
