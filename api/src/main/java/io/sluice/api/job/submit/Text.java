package io.sluice.api.job.submit;

/**
 * Character-level checks shared by the URL and caption rules.
 */
final class Text {

	private Text() {
	}

	/**
	 * Finds the first character a field may not hold.
	 * @param value the text
	 * @param noControlCharacters whether any control character (U+0000-U+001F,
	 * U+007F-U+009F) is refused; otherwise only U+0000 is, which PostgreSQL cannot store
	 * @return what is wrong, or {@code null}
	 */
	static String problem(String value, boolean noControlCharacters) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0) {
				return "must not contain the NUL character (U+0000, at index " + i + ")";
			}
			if (noControlCharacters && Character.isISOControl(c)) {
				return "must not contain control characters (" + codePoint(c) + " at index " + i + ")";
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "must be valid Unicode (unpaired surrogate " + codePoint(c) + " at index " + i + ")";
			}
		}
		return null;
	}

	private static String codePoint(char c) {
		return String.format("U+%04X", (int) c);
	}

}
