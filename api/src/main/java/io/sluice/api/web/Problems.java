package io.sluice.api.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the RFC 9457 problem bodies every client-visible error of the API answers with.
 * Plain HTTP failures use {@code about:blank} (the title is the status phrase); failures
 * specific to Sluice carry one of the {@code urn:sluice:problem:*} types below.
 */
public final class Problems {

	/**
	 * The type of plain HTTP failures; written out rather than left implicit so that
	 * every problem carries all five RFC 9457 members.
	 */
	public static final URI ABOUT_BLANK = URI.create("about:blank");

	/** No bearer token came with a request that needs one (401). */
	public static final URI TOKEN_REQUIRED = URI.create("urn:sluice:problem:token-required");

	/** The bearer token failed a check, which the detail names (401, ADR 0033). */
	public static final URI INVALID_TOKEN = URI.create("urn:sluice:problem:invalid-token");

	/**
	 * The bearer token lacks the scope the request needs, named in {@code requiredScope}
	 * (403).
	 */
	public static final URI INSUFFICIENT_SCOPE = URI.create("urn:sluice:problem:insufficient-scope");

	/** The request body breaks one or more rules; see {@code errors}. */
	public static final URI INVALID_REQUEST = URI.create("urn:sluice:problem:invalid-request");

	/** The request body is not JSON, or a value has the wrong JSON type. */
	public static final URI MALFORMED_BODY = URI.create("urn:sluice:problem:malformed-body");

	/** The request body is larger than the configured maximum. */
	public static final URI BODY_TOO_LARGE = URI.create("urn:sluice:problem:body-too-large");

	/**
	 * An idempotency key was sent again with a different request; the key's job is in
	 * {@code jobId}.
	 */
	public static final URI IDEMPOTENCY_KEY_REUSED = URI.create("urn:sluice:problem:idempotency-key-reused");

	/**
	 * Other requests with the same idempotency key kept taking it and giving it up while
	 * this one tried to claim it; retry after {@code Retry-After}.
	 */
	public static final URI IDEMPOTENCY_KEY_BUSY = URI.create("urn:sluice:problem:idempotency-key-busy");

	/**
	 * A query parameter is malformed or out of range; {@code errors} names each one in
	 * {@code field}.
	 */
	public static final URI INVALID_QUERY = URI.create("urn:sluice:problem:invalid-query");

	/**
	 * The job has already ended and cannot be cancelled; its {@code jobId} and
	 * {@code jobStatus} are given.
	 */
	public static final URI JOB_TERMINAL = URI.create("urn:sluice:problem:job-terminal");

	/**
	 * The owner's unfinished jobs already hold so many photos that the new job would take
	 * them past the cap; {@code Retry-After} says when enough will have drained.
	 */
	public static final URI TOO_MANY_PENDING_PHOTOS = URI.create("urn:sluice:problem:too-many-pending-photos");

	/**
	 * The owner made more requests than the rate limit allows; retry after Retry-After.
	 */
	public static final URI TOO_MANY_REQUESTS = URI.create("urn:sluice:problem:too-many-requests");

	/**
	 * The album belongs to another owner, who has not shared it with the caller. The same
	 * body whoever owns it (ADR 0032), so that it tells nothing more.
	 */
	public static final URI ALBUM_FORBIDDEN = URI.create("urn:sluice:problem:album-forbidden");

	/** No one owns the album an operator asked about (no job has claimed it). */
	public static final URI ALBUM_NOT_FOUND = URI.create("urn:sluice:problem:album-not-found");

	/**
	 * The owner already has {@code sluice.api.events.max-streams-per-owner} event streams
	 * open on this instance; retry after Retry-After.
	 */
	public static final URI TOO_MANY_STREAMS = URI.create("urn:sluice:problem:too-many-streams");

	/**
	 * The owner already has {@code sluice.api.limits.max-large-bodies-per-owner} large
	 * request bodies being received by this instance; retry after Retry-After.
	 */
	public static final URI TOO_MANY_LARGE_BODIES = URI.create("urn:sluice:problem:too-many-large-bodies");

	/**
	 * A backing service (database or Kafka) cannot take the request now, or this instance
	 * is already receiving as many body bytes or serving as many event streams as it may;
	 * retry later.
	 */
	public static final URI UNAVAILABLE = URI.create("urn:sluice:problem:unavailable");

	/**
	 * Longest {@code errors} array a problem carries; {@code errorCount} gives the total.
	 */
	public static final int MAX_ERRORS = 100;

	private Problems() {
	}

	/**
	 * A problem of a plain HTTP kind ({@code about:blank}).
	 * @param status the response status
	 * @param detail a sentence about this occurrence
	 * @param instance the request path
	 * @return the problem
	 */
	public static ProblemDetail of(HttpStatusCode status, String detail, String instance) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ABOUT_BLANK);
		problem.setInstance(instanceUri(instance));
		return problem;
	}

	/**
	 * A problem of a Sluice-specific kind.
	 * @param type one of this class's type URIs
	 * @param title a short summary of the type
	 * @param status the response status
	 * @param detail a sentence about this occurrence
	 * @param instance the request path
	 * @return the problem
	 */
	public static ProblemDetail of(URI type, String title, HttpStatusCode status, String detail, String instance) {
		ProblemDetail problem = of(status, detail, instance);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	/**
	 * Adds the {@code errors} array (at most {@link #MAX_ERRORS} entries) and the total
	 * {@code errorCount}.
	 * @param problem the problem to extend
	 * @param errors the first errors found, in order
	 * @param errorCount how many errors were found in all
	 * @return the same problem
	 */
	public static ProblemDetail withErrors(ProblemDetail problem, List<FieldProblem> errors, int errorCount) {
		problem.setProperty("errors", List.copyOf(errors.subList(0, Math.min(errors.size(), MAX_ERRORS))));
		problem.setProperty("errorCount", errorCount);
		return problem;
	}

	static URI instanceUri(String path) {
		if (path == null || path.isEmpty()) {
			return null;
		}
		try {
			return URI.create(path);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
