package io.sluice.api.web;

/**
 * One entry of a problem's {@code errors} array: what is wrong with which field.
 *
 * @param index position of the photo in the submitted {@code photos} array, or
 * {@code null} for a field of the request itself (such as {@code albumId})
 * @param field name of the offending field, or {@code null} when the whole body is at
 * fault (such as JSON that does not parse)
 * @param message what is wrong, in words a client developer can act on
 */
public record FieldProblem(Integer index, String field, String message) {

	/**
	 * A problem with a field of the request itself.
	 * @param field the field's name
	 * @param message what is wrong
	 * @return the problem
	 */
	public static FieldProblem ofField(String field, String message) {
		return new FieldProblem(null, field, message);
	}

	/**
	 * A problem with a field of one photo.
	 * @param index the photo's position in the {@code photos} array
	 * @param field the field's name
	 * @param message what is wrong
	 * @return the problem
	 */
	public static FieldProblem ofPhoto(int index, String field, String message) {
		return new FieldProblem(index, field, message);
	}

}
