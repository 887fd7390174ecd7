package io.sluice.api.job.history;

import java.util.List;

import io.sluice.api.web.FieldProblem;
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
 * The listings' own failure as a problem body: a malformed query parameter (400, naming
 * the parameter).
 */
@RestControllerAdvice(assignableTypes = { JobHistoryController.class, JobFailuresController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class JobHistoryProblemHandler {

	@ExceptionHandler(InvalidQueryException.class)
	ResponseEntity<ProblemDetail> invalidQuery(InvalidQueryException ex, HttpServletRequest request) {
		FieldProblem parameter = ex.problem();
		ProblemDetail problem = Problems.of(Problems.INVALID_QUERY, "Invalid query parameter", HttpStatus.BAD_REQUEST,
				"Query parameter '" + parameter.field() + "' " + parameter.message() + ".", request.getRequestURI());
		Problems.withErrors(problem, List.of(parameter), 1);
		return ResponseEntity.badRequest().body(problem);
	}

}
