package io.sluice.common.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule a job's callback URL must pass, at submit and again before every delivery (ADR
 * 0041): at most {@link #MAX_LENGTH} printable ASCII characters, an absolute
 * {@code https} URL with a host and no user name, password or fragment, and, unless
 * {@code sluice.webhook.allow-private} is set, a host that is not a private, loopback,
 * link-local, unique-local, multicast, reserved or unspecified address
 * ({@link AddressClass}), whether written as such or resolved to one. With
 * {@code allow-private}, plain {@code http} is accepted too, for a receiver on the same
 * machine.
 *
 * <p>
 * {@link #problem(String)} judges the URL as written and does no DNS;
 * {@link #addressProblem} judges the addresses its host resolved to, which the caller
 * looks up: the API when the job is submitted, the worker before each attempt, which then
 * connects to exactly the addresses it judged, so that a name that resolves elsewhere the
 * second time (DNS rebinding) cannot redirect the request.
 */
public final class CallbackUrlRule {

	/** Longest callback URL accepted, in characters. */
	public static final int MAX_LENGTH = 2048;

	/** A dotted-quad IPv4 address as written in a URL, without leading zeros. */
	private static final Pattern DOTTED_QUAD = Pattern
		.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

	/** A host written with digits and dots only, which is meant as an address. */
	private static final Pattern NUMERIC = Pattern.compile("[0-9.]+");

	private final boolean allowPrivate;

	/**
	 * @param allowPrivate whether any address, and plain http, is accepted
	 * ({@code sluice.webhook.allow-private})
	 */
	public CallbackUrlRule(boolean allowPrivate) {
		this.allowPrivate = allowPrivate;
	}

	/**
	 * Checks a URL as written. Pure: no DNS.
	 * @param url the URL, possibly {@code null}
	 * @return what is wrong with it, as the end of a sentence that begins with the
	 * field's name, or {@code null} if it is acceptable
	 */
	public String problem(String url) {
		if (url == null) {
			return "is required";
		}
		int length = url.codePointCount(0, url.length());
		if (length > MAX_LENGTH) {
			return "must be at most " + MAX_LENGTH + " characters long (it has " + length + ")";
		}
		for (int i = 0; i < url.length(); i++) {
			char c = url.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				return "must be printable ASCII without spaces (percent-encode other characters; write an "
						+ "internationalised host name in punycode): " + String.format("U+%04X", (int) c) + " at index "
						+ i;
			}
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "must be an absolute https URL (" + ex.getReason() + " at index " + ex.getIndex() + ")";
		}
		if (uri.getScheme() == null || uri.isOpaque()) {
			return "must be an absolute https URL, such as https://hooks.example.com/sluice";
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !(this.allowPrivate && scheme.equals("http"))) {
			return "must use the https scheme, not '" + uri.getScheme() + "'";
		}
		if (uri.getRawUserInfo() != null) {
			return "must not carry a user name or password; the receiver checks the Sluice-Signature header instead";
		}
		if (uri.getHost() == null) {
			String authority = (uri.getRawAuthority() != null) ? uri.getRawAuthority().replaceFirst(":[0-9]*$", "")
					: "";
			return NUMERIC.matcher(authority).matches() ? numericHostProblem(authority)
					: "must name a host, such as https://hooks.example.com/sluice";
		}
		if (uri.getRawFragment() != null) {
			return "must not have a fragment (#...): it is never sent";
		}
		if (uri.getPort() == 0 || uri.getPort() > 65535) {
			return "must name a port between 1 and 65535, not " + uri.getPort();
		}
		return literalProblem(uri.getHost());
	}

	/**
	 * The URL as a {@link URI}, for a URL {@link #problem(String)} accepted.
	 * @param url an accepted URL
	 * @return the URI
	 */
	public static URI uri(String url) {
		return URI.create(url);
	}

	/**
	 * The host to resolve, for a URL {@link #problem(String)} accepted: without the
	 * brackets of an IPv6 address.
	 * @param uri an accepted URL
	 * @return the host name or address
	 */
	public static String host(URI uri) {
		String host = uri.getHost();
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	/**
	 * Checks the addresses a callback URL's host resolved to: every one must be
	 * acceptable, since the request may go to any of them.
	 * @param host the host as written
	 * @param addresses what it resolved to
	 * @return what is wrong, or {@code null} if every address is acceptable
	 */
	public String addressProblem(String host, List<InetAddress> addresses) {
		if (this.allowPrivate) {
			return null;
		}
		for (InetAddress address : addresses) {
			AddressClass kind = AddressClass.of(address);
			if (kind != AddressClass.PUBLIC) {
				return "must not point at " + kind.description() + ": " + host + " resolves to "
						+ address.getHostAddress();
			}
		}
		return null;
	}

	private static String numericHostProblem(String host) {
		return "must name a host by name, by a dotted-quad IPv4 address or by a bracketed IPv6 address, not '" + host
				+ "'";
	}

	private String literalProblem(String host) {
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		String lower = bare.toLowerCase(Locale.ROOT);
		if (lower.equals("localhost") || lower.endsWith(".localhost") || lower.equals("localhost.")
				|| lower.endsWith(".localhost.")) {
			return this.allowPrivate ? null
					: "must not point at " + AddressClass.LOOPBACK.description() + ": " + host + " is this machine";
		}
		boolean ipv6 = host.startsWith("[");
		if (!ipv6 && NUMERIC.matcher(bare).matches() && !DOTTED_QUAD.matcher(bare).matches()) {
			return numericHostProblem(host);
		}
		if (!ipv6 && !NUMERIC.matcher(bare).matches()) {
			return null; // a name: judged once resolved
		}
		InetAddress address;
		try {
			address = InetAddress.getByName(bare); // a literal: no DNS
		}
		catch (UnknownHostException ex) {
			return "must name a valid IP address, not '" + host + "'";
		}
		AddressClass kind = AddressClass.of(address);
		if (this.allowPrivate || kind == AddressClass.PUBLIC) {
			return null;
		}
		return "must not point at " + kind.description() + " (" + host + ")";
	}

}
