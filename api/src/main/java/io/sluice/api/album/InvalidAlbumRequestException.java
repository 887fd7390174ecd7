package io.sluice.api.album;

import io.sluice.api.web.FieldProblem;

/**
 * An operator's request names an album id or an owner that cannot be one. Answered with
 * 400 naming the field.
 */
class InvalidAlbumRequestException extends RuntimeException {

	private final FieldProblem problem;

	InvalidAlbumRequestException(String field, String message) {
		super(field + ": " + message);
		this.problem = FieldProblem.ofField(field, message);
	}

	FieldProblem problem() {
		return this.problem;
	}

}
