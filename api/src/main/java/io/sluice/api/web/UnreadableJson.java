package io.sluice.api.web;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Names the field (and the photo index, when there is one) that made a request body
 * unreadable, from the JSON path Jackson records on its exceptions, without echoing
 * Jackson's class names or stack traces to the client.
 */
final class UnreadableJson {

	private UnreadableJson() {
	}

	/**
	 * Describes a body that could not be read as the expected JSON.
	 * @param failure the exception thrown while reading the body, or {@code null}
	 * @return one problem naming the field and index where that can be told
	 */
	static FieldProblem describe(Throwable failure) {
		JacksonException json = find(failure);
		if (json == null) {
			return new FieldProblem(null, null,
					"The request body must be a JSON object; it is missing, empty or null.");
		}
		Integer index = null;
		String field = null;
		for (JacksonException.Reference reference : json.getPath()) {
			if (reference.getPropertyName() != null) {
				field = reference.getPropertyName();
			}
			else if (reference.getIndex() >= 0) {
				index = reference.getIndex();
			}
		}
		if (index != null && lastIsIndex(json.getPath())) {
			// the array element itself has the wrong type, e.g. photos[3] is a string
			return new FieldProblem(index, null, "must be a JSON object");
		}
		return new FieldProblem(index, field, message(json, field));
	}

	private static boolean lastIsIndex(List<JacksonException.Reference> path) {
		return !path.isEmpty() && path.get(path.size() - 1).getPropertyName() == null;
	}

	private static String message(JacksonException json, String field) {
		if (json instanceof InputCoercionException) {
			return "is out of range";
		}
		if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			if (field == null && json.getPath().isEmpty()) {
				return "The request body must be a JSON object.";
			}
			return "must be " + describeType(mismatch.getTargetType());
		}
		if (json instanceof StreamReadException) {
			String location = (json.getLocation() != null)
					? " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr()
					: "";
			return "The request body is not valid JSON" + location + ": " + json.getOriginalMessage();
		}
		return "has the wrong JSON type";
	}

	private static String describeType(Class<?> type) {
		if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
			return "a JSON integer";
		}
		if (type == String.class) {
			return "a JSON string";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "a JSON array";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "a JSON boolean";
		}
		if (Number.class.isAssignableFrom(type)) {
			return "a JSON number";
		}
		if (Map.class.isAssignableFrom(type) || type.isRecord()) {
			return "a JSON object";
		}
		return "of another JSON type";
	}

	private static JacksonException find(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof JacksonException json) {
				return json;
			}
		}
		return null;
	}

}
