package io.sluice.api.job.events;

import io.sluice.api.web.Problems;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The event streams' own failures as problem bodies: the caller's share of the streams
 * taken (429 with Retry-After), every stream of this instance taken (503 with
 * Retry-After).
 */
@RestControllerAdvice(assignableTypes = JobEventsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class JobEventsProblemHandler {

	/** Seconds a client should wait before opening a stream again when none is free. */
	static final int STREAMS_RETRY_AFTER_SECONDS = 5;

	@ExceptionHandler(TooManyOwnerStreamsException.class)
	ResponseEntity<ProblemDetail> tooManyOwnerStreams(TooManyOwnerStreamsException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Problems.TOO_MANY_STREAMS, "Too many event streams",
				HttpStatus.TOO_MANY_REQUESTS,
				"You already have " + ex.maxStreamsPerOwner() + " event streams open on this API instance, the most "
						+ "one caller may have (sluice.api.events.max-streams-per-owner); close one, or poll "
						+ "GET /api/v1/jobs/{id} for the others.",
				request.getRequestURI());
		problem.setProperty("maxStreamsPerOwner", ex.maxStreamsPerOwner());
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(STREAMS_RETRY_AFTER_SECONDS))
			.body(problem);
	}

	@ExceptionHandler(TooManyJobStreamsException.class)
	ResponseEntity<ProblemDetail> tooManyStreams(TooManyJobStreamsException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Problems.UNAVAILABLE, "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE,
				"This API instance already serves " + ex.maxStreams() + " event streams; retry later, or poll "
						+ "GET /api/v1/jobs/{id} meanwhile.",
				request.getRequestURI());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(STREAMS_RETRY_AFTER_SECONDS))
			.body(problem);
	}

}
