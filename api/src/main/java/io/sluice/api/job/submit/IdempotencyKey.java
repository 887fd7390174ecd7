package io.sluice.api.job.submit;

import java.util.List;

/**
 * The {@code Idempotency-Key} header of a job submission: 1 to {@value #MAX_LENGTH}
 * printable ASCII characters, chosen by the client, unique per owner for as long as
 * {@code sluice.api.jobs.idempotency-key-ttl}.
 *
 * @param value the key as sent
 */
record IdempotencyKey(String value) {

	/** The header's name. */
	static final String HEADER = "Idempotency-Key";

	/** Longest key accepted, in characters. */
	static final int MAX_LENGTH = 255;

	/**
	 * Reads the header.
	 * @param values every value of the header in the request, or {@code null} if absent
	 * @return the key, or {@code null} if the request has none
	 * @throws InvalidIdempotencyKeyException if the header is given more than once,
	 * empty, longer than {@value #MAX_LENGTH} characters, or holds anything but printable
	 * ASCII
	 */
	static IdempotencyKey from(List<String> values) {
		if (values == null || values.isEmpty()) {
			return null;
		}
		String problem = (values.size() > 1) ? "must be sent once, not " + values.size() + " times"
				: problem(values.get(0));
		if (problem != null) {
			throw new InvalidIdempotencyKeyException(problem);
		}
		return new IdempotencyKey(values.get(0));
	}

	private static String problem(String value) {
		if (value.isEmpty()) {
			return "must not be empty";
		}
		if (value.length() > MAX_LENGTH) {
			return "must be at most " + MAX_LENGTH + " characters, not " + value.length();
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7E) {
				return "must hold printable ASCII characters only (" + String.format("U+%04X", (int) c) + " at index "
						+ i + ")";
			}
		}
		return null;
	}

}
