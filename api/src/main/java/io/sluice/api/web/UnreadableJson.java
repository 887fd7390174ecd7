package io.sluice.api.web;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Names the field (and the photo index, when there is one) that made a request body
 * unreadable (a wrong type, or a property the body may not have), from the JSON path
 * Jackson records on its exceptions, without echoing Jackson's class names or stack
 * traces to the client.
 */
final class UnreadableJson {

	/** The most edits between an unknown property and a known one it is taken for. */
	private static final int MAX_TYPO_EDITS = 2;

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
				field = (field != null) ? field + "." + reference.getPropertyName() : reference.getPropertyName();
			}
			else if (reference.getIndex() >= 0) {
				// a photo's fields are named without the array's: index 3, field "url"
				index = reference.getIndex();
				field = null;
			}
		}
		if (index != null && lastIsIndex(json.getPath())) {
			// the array element itself has the wrong type, e.g. photos[3] is a string
			return new FieldProblem(index, null, "must be a JSON object");
		}
		if (json instanceof UnrecognizedPropertyException unknown) {
			return new FieldProblem(index, field, unknownProperty(unknown));
		}
		return new FieldProblem(index, field, message(json, field));
	}

	/**
	 * An unknown property is refused rather than ignored (ADR 0044): a misspelt
	 * {@code "captoin"} or {@code "calback"} would otherwise lose what it carries behind
	 * a 202.
	 */
	private static String unknownProperty(UnrecognizedPropertyException unknown) {
		List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
		String message = "is not a property of this object";
		String likely = closest(unknown.getPropertyName(), known);
		if (likely != null) {
			message += " (did you mean '" + likely + "'?)";
		}
		return known.isEmpty() ? message : message + "; its properties are " + String.join(", ", known);
	}

	/**
	 * The known property {@code name} was most likely meant to be: the same but for case,
	 * or at most two edits away; {@code null} if none is.
	 */
	private static String closest(String name, List<String> known) {
		String best = null;
		int bestDistance = MAX_TYPO_EDITS + 1;
		for (String candidate : known) {
			int distance = candidate.equalsIgnoreCase(name) ? 0
					: editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	/** Levenshtein distance, with two rows. */
	private static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
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
