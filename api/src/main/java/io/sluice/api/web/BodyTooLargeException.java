package io.sluice.api.web;

import java.io.IOException;

/**
 * The request body grew past the configured maximum while it was being read. An
 * {@link IOException} so that JSON parsers pass it on as a read failure; the error
 * handlers look for it in the cause chain and answer 413.
 */
public class BodyTooLargeException extends IOException {

	private final long limitBytes;

	public BodyTooLargeException(long limitBytes) {
		super("Request body is larger than " + limitBytes + " bytes");
		this.limitBytes = limitBytes;
	}

	public long getLimitBytes() {
		return this.limitBytes;
	}

	/**
	 * Finds a {@link BodyTooLargeException} in a cause chain.
	 * @param failure any exception
	 * @return the exception, or {@code null} if the chain holds none
	 */
	public static BodyTooLargeException findIn(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof BodyTooLargeException tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}

}
