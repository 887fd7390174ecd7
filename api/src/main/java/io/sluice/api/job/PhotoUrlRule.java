package io.sluice.api.job;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The rule every photo URL must pass: at most {@link #MAX_LENGTH} characters, no control
 * characters, valid Unicode, and an absolute {@code http} or {@code https} URI with a
 * host. Pure: no I/O, no DNS.
 */
final class PhotoUrlRule {

	/** Longest URL accepted, in characters (Unicode code points). */
	static final int MAX_LENGTH = 2048;

	private PhotoUrlRule() {
	}

	/**
	 * Checks one URL.
	 * @param url the URL, not {@code null}
	 * @return what is wrong with it, or {@code null} if it is acceptable
	 */
	static String problem(String url) {
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
