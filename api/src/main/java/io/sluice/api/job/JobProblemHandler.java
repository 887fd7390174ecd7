package io.sluice.api.job;

import io.sluice.api.web.Problems;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The failures every job endpoint shares, as problem bodies: unknown jobs (404, from the
 * controllers of this package and of every feature package under it) and cancelling a job
 * that has ended (409). Each feature package answers its own failures with a handler of
 * its own; all of them run before the API's catch-all
 * ({@code io.sluice.api.web.ApiExceptionHandler}).
 */
@RestControllerAdvice(basePackageClasses = JobProblemHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class JobProblemHandler {

	@ExceptionHandler(JobNotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(JobNotFoundException ex, HttpServletRequest request) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Problems.of(HttpStatus.NOT_FOUND, "There is no job with id '" + ex.id() + "'.",
					request.getRequestURI()));
	}

	@ExceptionHandler(JobTerminalException.class)
	ResponseEntity<ProblemDetail> terminal(JobTerminalException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Problems.JOB_TERMINAL, "Job already ended", HttpStatus.CONFLICT,
				"Job " + ex.jobId() + " has already ended as " + ex.status()
						+ "; only a PENDING, QUEUED or RUNNING job can be cancelled.",
				request.getRequestURI());
		problem.setProperty("jobId", ex.jobId());
		problem.setProperty("jobStatus", ex.status());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

}
