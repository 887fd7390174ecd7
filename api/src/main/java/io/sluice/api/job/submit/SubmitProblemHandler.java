package io.sluice.api.job.submit;

import java.util.List;

import io.sluice.api.job.submit.publish.JobNotQueuedException;
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
 * A submit's own failures as problem bodies: rule violations (400, every violation with
 * its photo index and field), a malformed Idempotency-Key header (the same 400, naming
 * the header), an idempotency key reused with a different request (422), or changing
 * hands all the while it was claimed (409 with Retry-After), a job over the owner's
 * backlog cap (429 with Retry-After), a job for an album of another owner (403) and a job
 * Kafka did not take (503 with Retry-After).
 */
@RestControllerAdvice(assignableTypes = JobSubmitController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SubmitProblemHandler {

	@ExceptionHandler(InvalidJobRequestException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidJobRequestException ex, HttpServletRequest request) {
		Violations violations = ex.violations();
		ProblemDetail problem = invalidRequest(violations.count(), request);
		Problems.withErrors(problem, violations.first(), violations.count());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(InvalidIdempotencyKeyException.class)
	ResponseEntity<ProblemDetail> invalidKey(InvalidIdempotencyKeyException ex, HttpServletRequest request) {
		ProblemDetail problem = invalidRequest(1, request);
		Problems.withErrors(problem, List.of(ex.problem()), 1);
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(IdempotencyKeyReusedException.class)
	ResponseEntity<ProblemDetail> keyReused(IdempotencyKeyReusedException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Problems.IDEMPOTENCY_KEY_REUSED, "Idempotency key reused",
				HttpStatus.UNPROCESSABLE_CONTENT,
				"The Idempotency-Key header names job " + ex.jobId() + ", which was created from a different "
						+ "request (album id, photo urls or captions differ). Send that request again to get the job, "
						+ "or use a new key for a new job. Nothing was stored.",
				request.getRequestURI());
		problem.setProperty("jobId", ex.jobId());
		problem.setProperty("keyExpiresAt", ex.keyExpiresAt());
		return ResponseEntity.unprocessableContent().body(problem);
	}

	@ExceptionHandler(IdempotencyKeyBusyException.class)
	ResponseEntity<ProblemDetail> keyBusy(IdempotencyKeyBusyException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Problems.IDEMPOTENCY_KEY_BUSY, "Idempotency key busy", HttpStatus.CONFLICT,
				"Other requests with the same Idempotency-Key kept taking it and giving it up while this one was being "
						+ "recorded. Nothing was stored; send the same request again after Retry-After seconds.",
				request.getRequestURI());
		return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

	@ExceptionHandler(BacklogFullException.class)
	ResponseEntity<ProblemDetail> backlogFull(BacklogFullException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Problems.TOO_MANY_PENDING_PHOTOS, "Too many pending photos",
				HttpStatus.TOO_MANY_REQUESTS,
				"Your unfinished jobs still hold " + ex.pendingPhotos() + " photos; with this job's " + ex.jobPhotos()
						+ " that would pass the limit of " + ex.maxPendingPhotos()
						+ " pending photos. Submit it again once enough have been imported, in about "
						+ ex.retryAfterSeconds() + " s. Nothing was stored.",
				request.getRequestURI());
		problem.setProperty("pendingPhotos", ex.pendingPhotos());
		problem.setProperty("jobPhotos", ex.jobPhotos());
		problem.setProperty("maxPendingPhotos", ex.maxPendingPhotos());
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
			.body(problem);
	}

	/**
	 * The same body whoever owns the album, and whether or not it holds any photo: the
	 * album id the caller sent is all it names.
	 */
	@ExceptionHandler(AlbumForbiddenException.class)
	ResponseEntity<ProblemDetail> albumForbidden(AlbumForbiddenException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Problems.ALBUM_FORBIDDEN, "Album forbidden", HttpStatus.FORBIDDEN,
				"You may not import into album " + ex.albumId() + ". Import into an album of your own, or ask "
						+ "an operator to share this one with you. Nothing was stored.",
				request.getRequestURI());
		problem.setProperty("albumId", ex.albumId());
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
	}

	@ExceptionHandler(JobNotQueuedException.class)
	ResponseEntity<ProblemDetail> notQueued(JobNotQueuedException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Problems.UNAVAILABLE, "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE,
				"The job could not be queued because Kafka did not accept it in time; it was marked FAILED. "
						+ "Submit it again later.",
				request.getRequestURI());
		problem.setProperty("jobId", ex.jobId());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
			.body(problem);
	}

	private static ProblemDetail invalidRequest(int violations, HttpServletRequest request) {
		return Problems.of(Problems.INVALID_REQUEST, "Invalid job request", HttpStatus.BAD_REQUEST,
				"The job request breaks " + violations + " rule(s); see errors. Nothing was stored.",
				request.getRequestURI());
	}

}
