package io.sluice.api.job.history;

import io.sluice.api.web.FieldProblem;

/**
 * A query parameter of a job listing is malformed or out of range. Answered with 400
 * {@code urn:sluice:problem:invalid-query}, naming the parameter.
 */
class InvalidQueryException extends RuntimeException {

	private final FieldProblem problem;

	InvalidQueryException(String parameter, String message) {
		super("Query parameter '" + parameter + "' " + message);
		this.problem = FieldProblem.ofField(parameter, message);
	}

	FieldProblem problem() {
		return this.problem;
	}

}
