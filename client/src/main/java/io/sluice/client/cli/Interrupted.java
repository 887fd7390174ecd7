package io.sluice.client.cli;

/**
 * The command was interrupted while it waited; the jobs it submitted go on on the server.
 * Exits with {@link ExitCodes#INTERRUPTED}.
 */
final class Interrupted extends RuntimeException {

	Interrupted(InterruptedException cause) {
		super("Interrupted", cause);
		Thread.currentThread().interrupt();
	}

}
