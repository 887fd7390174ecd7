package io.sluice.api.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes a problem body straight to the servlet response, for the errors that happen
 * outside Spring MVC (security filters, the body size limit).
 */
@Component
public class ProblemResponses {

	private final JsonMapper mapper;

	ProblemResponses(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Writes the problem with its status and {@code application/problem+json}, unless the
	 * response is already committed.
	 * @param response the response to write to
	 * @param problem the problem
	 * @throws IOException if the client has gone away
	 */
	public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.mapper.writeValue(response.getOutputStream(), problem);
	}

}
