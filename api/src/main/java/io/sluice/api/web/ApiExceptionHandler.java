package io.sluice.api.web;

import java.util.List;

import io.sluice.common.db.DatabaseFailure;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedRuntimeException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that leaves a controller into {@code application/problem+json}:
 * Spring MVC's own (404, 405, 415, ...), unreadable bodies (400, naming the field),
 * bodies over the size limit (413), an unreachable database (503) and anything unexpected
 * (500, logged, never with a stack trace in the body). Feature-specific handlers run
 * first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/** Seconds a client should wait before retrying when the database is unreachable. */
	private static final int DATABASE_RETRY_AFTER_SECONDS = 5;

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		BodyTooLargeException tooLarge = BodyTooLargeException.findIn(ex);
		if (tooLarge != null) {
			return handleExceptionInternal(ex, BodySizeLimitFilter.tooLarge(tooLarge.getLimitBytes(), path(request)),
					headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		FieldProblem problem = UnreadableJson.describe(ex);
		String detail = (problem.field() != null)
				? "The request body could not be read: field '" + problem.field() + "' " + problem.message()
				: problem.message();
		ProblemDetail body = Problems.of(Problems.MALFORMED_BODY, "Malformed request body", HttpStatus.BAD_REQUEST,
				detail, path(request));
		Problems.withErrors(body, List.of(problem), 1);
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A database failure: 503 with Retry-After if it is transient (the database is down,
	 * refuses connections, or lost one), else an unexpected failure. Spring reports it as
	 * a {@link DataAccessException} from a statement, or as a
	 * {@link TransactionException} when the transaction could not begin, commit or roll
	 * back.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> databaseFailed(NestedRuntimeException ex, HttpServletRequest request) {
		if (DatabaseFailure.classify(ex) == DatabaseFailure.TRANSIENT) {
			log.warn("Database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(),
					DatabaseFailure.describe(ex));
			ProblemDetail body = Problems.of(Problems.UNAVAILABLE, "Service unavailable",
					HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; retry later.",
					request.getRequestURI());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(DATABASE_RETRY_AFTER_SECONDS))
				.body(body);
		}
		return unexpected(ex, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure in {} {}", request.getMethod(), request.getRequestURI(), ex);
		return ResponseEntity.internalServerError()
			.body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "The request failed unexpectedly.",
					request.getRequestURI()));
	}

	/**
	 * Completes every problem body, Spring MVC's own included: an explicit
	 * {@code about:blank} type and the request path as {@code instance}.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			if (problem.getType() == null) {
				problem.setType(Problems.ABOUT_BLANK);
			}
			if (problem.getInstance() == null) {
				problem.setInstance(Problems.instanceUri(path(request)));
			}
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static String path(WebRequest request) {
		return (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI() : null;
	}

}
