package io.sluice.client.cli;

/**
 * The command cannot run as given: a missing setting, an unreadable or malformed photo
 * file, a value out of range. Exits with {@link ExitCodes#USAGE} and its message, which
 * says what to change; nothing was sent to the API.
 */
final class UsageException extends RuntimeException {

	UsageException(String message) {
		super(message);
	}

}
