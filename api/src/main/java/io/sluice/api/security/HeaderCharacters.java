package io.sluice.api.security;

/**
 * The characters {@code StrictHttpFirewall} allows in header names and values, checked
 * one code point at a time instead of with its regular expressions
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*} for names, the same plus tab for values),
 * which took a sixth of the API's CPU per submit, most of it on the bearer token (ADR
 * 0037). Printable ASCII is accepted at once; any other code point must be assigned and
 * not a control character, exactly as the expressions say.
 */
final class HeaderCharacters {

	private HeaderCharacters() {
	}

	/**
	 * Whether a header name is allowed.
	 * @param name the name
	 * @return {@code true} if every code point is assigned and none is a control
	 * character
	 */
	static boolean allowedName(String name) {
		return allowed(name, false);
	}

	/**
	 * Whether a header value is allowed.
	 * @param value the value
	 * @return {@code true} if every code point is assigned and none is a control
	 * character but tab
	 */
	static boolean allowedValue(String value) {
		return allowed(value, true);
	}

	private static boolean allowed(String text, boolean tab) {
		int i = 0;
		while (i < text.length()) {
			int c = text.codePointAt(i);
			if (c < 0x20 || c >= 0x7F) {
				boolean control = Character.getType(c) == Character.CONTROL;
				if (!Character.isDefined(c) || (control && !(tab && c == '\t'))) {
					return false;
				}
			}
			i += Character.charCount(c);
		}
		return true;
	}

}
