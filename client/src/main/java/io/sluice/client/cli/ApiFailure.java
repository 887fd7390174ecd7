package io.sluice.client.cli;

import java.net.URI;
import java.util.function.IntFunction;

import io.sluice.client.ApiException;

/**
 * A request the API refused, or that never reached it, after the retries that apply.
 * Exits with {@link ExitCodes#API_ERROR}; {@link ProblemReport} prints it.
 */
final class ApiFailure extends RuntimeException {

	private final String action;

	private final URI apiUrl;

	private final transient ApiException cause;

	private final int attempts;

	private final transient IntFunction<String> photoNames;

	/**
	 * A failure.
	 * @param action what was tried, such as {@code submit part 2 of 3}
	 * @param apiUrl where the request was sent
	 * @param cause the generated client's exception
	 * @param attempts how many times it was tried
	 * @param photoNames how to name the photo at an index of a refused request's
	 * {@code errors}, such as {@code photos.csv line 17}
	 */
	ApiFailure(String action, URI apiUrl, ApiException cause, int attempts, IntFunction<String> photoNames) {
		super(action + ": " + cause.getMessage(), cause);
		this.action = action;
		this.apiUrl = apiUrl;
		this.cause = cause;
		this.attempts = attempts;
		this.photoNames = photoNames;
	}

	String action() {
		return this.action;
	}

	URI apiUrl() {
		return this.apiUrl;
	}

	ApiException apiException() {
		return this.cause;
	}

	int attempts() {
		return this.attempts;
	}

	IntFunction<String> photoNames() {
		return this.photoNames;
	}

	/**
	 * This failure with photos named by the caller's function.
	 * @param names the names of photos by their index in the request
	 * @return a failure naming them
	 */
	ApiFailure namingPhotos(IntFunction<String> names) {
		return new ApiFailure(this.action, this.apiUrl, this.cause, this.attempts, names);
	}

}
