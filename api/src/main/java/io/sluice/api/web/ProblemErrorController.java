package io.sluice.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatches (failures outside Spring MVC's
 * exception handling) with a problem body instead of Spring Boot's default error JSON or
 * page. Replaces Boot's {@code BasicErrorController}. Not an operation of the API: hidden
 * from the OpenAPI document, and a request for {@code /error} itself is a 404.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "${server.error.path:/error}", produces = MediaType.ALL_VALUE)
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = status(request);
		String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		BodyTooLargeException tooLarge = BodyTooLargeException.findIn(failure);
		ProblemDetail problem = (tooLarge != null) ? BodySizeLimitFilter.tooLarge(tooLarge.getLimitBytes(), path)
				: Problems.of(status, detail(status), path);
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code == null && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null) {
			// asked for directly, not an error dispatch: there is nothing at /error
			return HttpStatus.NOT_FOUND;
		}
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String detail(HttpStatus status) {
		return status.is5xxServerError() ? "The request failed unexpectedly."
				: "The request could not be processed: " + status.getReasonPhrase() + ".";
	}

}
