package io.sluice.api.job.submit;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The rule every photo URL must pass: at most {@link #MAX_LENGTH} characters, no control
 * characters, valid Unicode, and an absolute {@code http} or {@code https} URI with a
 * host. Pure: no I/O, no DNS.
 *
 * <p>
 * {@link java.net.URI} decides, but parsing 100,000 URLs with it was the largest single
 * cost of accepting a job. So a URL of the plain shape almost every client sends
 * ({@link #isPlainHttpUrl(String)}) is accepted after one scan; everything else, and
 * every refusal with its message, goes through {@link #fullCheck(String)}.
 */
final class PhotoUrlRule {

	/** Longest URL accepted, in characters (Unicode code points). */
	static final int MAX_LENGTH = 2048;

	/**
	 * ASCII characters that {@link java.net.URI} accepts anywhere in a path, a query or a
	 * fragment: RFC 2396 unreserved and the reserved characters allowed in a path. No
	 * {@code %} (an escape needs two hex digits), no {@code ?} or {@code #} (they start
	 * the next part), no brackets.
	 */
	private static final boolean[] PATH_CHARACTERS = asciiSet("-_.!~*'()" + ":@&=+$,;/");

	/** ASCII characters of a host name or IPv4 address, as this rule scans them. */
	private static final boolean[] HOST_CHARACTERS = asciiSet("-.");

	private PhotoUrlRule() {
	}

	/**
	 * Checks one URL.
	 * @param url the URL, not {@code null}
	 * @return what is wrong with it, or {@code null} if it is acceptable
	 */
	static String problem(String url) {
		if (url.length() <= MAX_LENGTH && isPlainHttpUrl(url)) {
			return null;
		}
		return fullCheck(url);
	}

	/**
	 * Checks one URL the long way, with {@link URI}: what {@link #problem(String)} would
	 * answer without its shortcut.
	 * @param url the URL, not {@code null}
	 * @return what is wrong with it, or {@code null} if it is acceptable
	 */
	static String fullCheck(String url) {
		int length = url.codePointCount(0, url.length());
		if (length > MAX_LENGTH) {
			return "must be at most " + MAX_LENGTH + " characters long (it has " + length + ")";
		}
		String text = Text.problem(url, true);
		if (text != null) {
			return text;
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "must be an absolute http or https URL (" + ex.getReason() + " at index " + ex.getIndex() + ")";
		}
		if (uri.getScheme() == null) {
			return "must be an absolute http or https URL (it has no scheme)";
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return "must use the http or https scheme, not '" + uri.getScheme() + "'";
		}
		if (!hasHost(uri)) {
			return "must be an absolute http or https URL with a host";
		}
		return null;
	}

	/**
	 * Whether a URL has a shape that {@link #fullCheck(String)} is certain to accept:
	 * lower-case {@code http://} or {@code https://}, a host of ASCII letters, digits,
	 * dots and dashes with an optional numeric port, then a path, query and fragment of
	 * {@link #PATH_CHARACTERS} only. Such a URL is printable ASCII, so it is valid
	 * Unicode without control characters and its length in code points is its
	 * {@code length()}. Its authority is legal both as a server and as a registry name,
	 * so {@link URI} never refuses it and either finds a host or leaves the non-empty
	 * host part to {@link #hasHost(URI)}. A {@code false} proves nothing: the caller
	 * checks fully.
	 * @param url the URL
	 * @return {@code true} if the URL is certainly acceptable
	 */
	static boolean isPlainHttpUrl(String url) {
		int p;
		if (url.startsWith("https://")) {
			p = 8;
		}
		else if (url.startsWith("http://")) {
			p = 7;
		}
		else {
			return false;
		}
		int n = url.length();
		int hostStart = p;
		while (p < n && isIn(HOST_CHARACTERS, url.charAt(p))) {
			p++;
		}
		if (p == hostStart) {
			return false;
		}
		if (p < n && url.charAt(p) == ':') {
			int portStart = ++p;
			while (p < n && isDigit(url.charAt(p))) {
				p++;
			}
			if (p == portStart) {
				return false;
			}
		}
		if (p < n && url.charAt(p) != '/' && url.charAt(p) != '?' && url.charAt(p) != '#') {
			return false;
		}
		// The path ends at the first '?' or '#'; a later '?' is legal in a query or a
		// fragment, a second '#' nowhere.
		boolean inFragment = false;
		for (; p < n; p++) {
			char c = url.charAt(p);
			if (c == '#') {
				if (inFragment) {
					return false;
				}
				inFragment = true;
			}
			else if (c != '?' && !isIn(PATH_CHARACTERS, c)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isIn(boolean[] set, char c) {
		return c < set.length && set[c];
	}

	private static boolean[] asciiSet(String punctuation) {
		boolean[] set = new boolean[128];
		for (char c = '0'; c <= '9'; c++) {
			set[c] = true;
		}
		for (char c = 'a'; c <= 'z'; c++) {
			set[c] = true;
			set[Character.toUpperCase(c)] = true;
		}
		for (char c : punctuation.toCharArray()) {
			set[c] = true;
		}
		return set;
	}

	private static boolean hasHost(URI uri) {
		if (uri.getHost() != null) {
			return true;
		}
		// java.net.URI leaves the host null for legal but unusual names (an underscore,
		// for one); accept any non-empty host part of the authority.
		String authority = uri.getRawAuthority();
		if (authority == null) {
			return false;
		}
		String host = authority.substring(authority.lastIndexOf('@') + 1);
		int colon = host.lastIndexOf(':');
		if (colon >= 0 && host.indexOf(']') < colon) {
			host = host.substring(0, colon);
		}
		return !host.isEmpty();
	}

}
