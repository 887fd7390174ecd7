package io.sluice.client.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.sluice.client.ApiException;

/**
 * When a request is sent again: on {@code 429} and {@code 503} (and the {@code 409} of an
 * Idempotency-Key that was busy), after the {@code Retry-After} the API answered, and on
 * a connection that failed, after a backoff of 1, 2, 4... seconds (at most 30). Bounded
 * twice: at most {@code maxAttempts} tries, and no wait that would end later than
 * {@code within} after the first. Every other answer is final at once.
 *
 * <p>
 * Safe for every request {@code sluice} makes: reads and cancels are idempotent, and a
 * submit carries an Idempotency-Key, so one that reached the API before its connection
 * failed is answered with the job it made.
 */
final class Retries {

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final URI apiUrl;

	private final int maxAttempts;

	private final Duration within;

	private final Environment.Sleeper sleeper;

	private final PrintWriter err;

	Retries(URI apiUrl, int maxAttempts, Duration within, Environment.Sleeper sleeper, PrintWriter err) {
		this.apiUrl = apiUrl;
		this.maxAttempts = Math.max(1, maxAttempts);
		this.within = within;
		this.sleeper = sleeper;
		this.err = err;
	}

	/**
	 * A request of the generated client.
	 *
	 * @param <T> what it answers
	 */
	@FunctionalInterface
	interface Call<T> {

		T call() throws ApiException;

	}

	/**
	 * Makes a request until it is answered, or a retry is not allowed.
	 * @param <T> what it answers
	 * @param action what it does, for the messages: {@code get job 3f0e...}
	 * @param call the request
	 * @return its answer
	 * @throws ApiFailure if it was refused or could not be sent, for good
	 * @throws Interrupted if interrupted while waiting
	 */
	<T> T call(String action, Call<T> call) {
		long start = System.nanoTime();
		Duration waited = Duration.ZERO;
		for (int attempt = 1;; attempt++) {
			try {
				return call.call();
			}
			catch (ApiException ex) {
				if (ex.getCause() instanceof InterruptedException interrupted) {
					throw new Interrupted(interrupted);
				}
				Optional<Duration> pause = retryable(ex) ? Optional.of(pause(ex, attempt)) : Optional.empty();
				if (pause.isEmpty() || attempt >= this.maxAttempts) {
					throw new ApiFailure(action, this.apiUrl, ex, attempt, null);
				}
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start).plus(waited);
				if (elapsed.plus(pause.get()).compareTo(this.within) > 0) {
					this.err.printf("sluice: %s: %s; waiting %s more would exceed the retry time (--retry-within %s)%n",
							action, summary(ex), Durations.format(pause.get()), Durations.format(this.within));
					throw new ApiFailure(action, this.apiUrl, ex, attempt, null);
				}
				this.err.printf("sluice: %s: %s; retrying in %s (attempt %d of %d)%n", action, summary(ex),
						Durations.format(pause.get()), attempt + 1, this.maxAttempts);
				this.err.flush();
				sleep(pause.get());
				waited = waited.plus(pause.get());
			}
		}
	}

	/**
	 * Waits, turning an interruption into {@link Interrupted}.
	 * @param duration how long
	 */
	void sleep(Duration duration) {
		try {
			this.sleeper.sleep(duration);
		}
		catch (InterruptedException ex) {
			throw new Interrupted(ex);
		}
	}

	/**
	 * Whether an answer may change if the request is sent again.
	 * @param ex the generated client's exception
	 * @return whether to retry
	 */
	static boolean retryable(ApiException ex) {
		return switch (ex.getCode()) {
			case 0 -> ex.getCause() instanceof IOException;
			case 429, 503 -> true;
			case 409 -> ex.getResponseBody() != null && ex.getResponseBody().contains("idempotency-key-busy");
			default -> false;
		};
	}

	private static Duration pause(ApiException ex, int attempt) {
		return retryAfter(ex.getResponseHeaders()).orElseGet(() -> backoff(attempt));
	}

	/**
	 * The wait before a retry the API gave no {@code Retry-After} for.
	 * @param attempt the attempt that failed, from 1
	 * @return 1, 2, 4... seconds, at most 30
	 */
	static Duration backoff(int attempt) {
		Duration doubled = Duration.ofSeconds(1L << Math.min(attempt - 1, 5));
		return (doubled.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : doubled;
	}

	/**
	 * The {@code Retry-After} of an answer, in seconds or as an HTTP date.
	 * @param headers the answer's headers, or {@code null}
	 * @return how long to wait, if the answer says
	 */
	static Optional<Duration> retryAfter(HttpHeaders headers) {
		if (headers == null) {
			return Optional.empty();
		}
		return headers.firstValue("Retry-After").flatMap(Retries::parseRetryAfter);
	}

	static Optional<Duration> parseRetryAfter(String value) {
		String trimmed = value.strip();
		try {
			return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Duration until = Duration.between(ZonedDateTime.now(),
						ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
				return Optional.of(until.isNegative() ? Duration.ZERO : until.withNanos(0));
			}
			catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
	}

	private static String summary(ApiException ex) {
		if (ex.getCode() == 0) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return "no answer (" + ProblemReport.describe(cause) + ")";
		}
		return "answered " + ex.getCode();
	}

}
