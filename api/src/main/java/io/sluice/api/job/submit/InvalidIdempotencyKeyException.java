package io.sluice.api.job.submit;

import io.sluice.api.web.FieldProblem;

/**
 * A submit's {@code Idempotency-Key} header is malformed: sent more than once, empty, too
 * long, or not printable ASCII. Answered like a broken rule of the body (400
 * {@code urn:sluice:problem:invalid-request}, the header named in {@code field}); nothing
 * was stored.
 */
class InvalidIdempotencyKeyException extends RuntimeException {

	private final FieldProblem problem;

	InvalidIdempotencyKeyException(String message) {
		super("Header " + IdempotencyKey.HEADER + " " + message);
		this.problem = FieldProblem.ofField(IdempotencyKey.HEADER, message);
	}

	/**
	 * What is wrong with the header.
	 * @return the problem, naming the header as its field
	 */
	FieldProblem problem() {
		return this.problem;
	}

}
