package io.sluice.worker.webhook;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.sluice.common.webhook.CallbackUrlRule;

/**
 * One attempt to POST a delivery to its callback URL, over a connection to exactly the
 * addresses that were judged (ADR 0041). The URL is checked again by
 * {@link CallbackUrlRule}, its host resolved once, every address judged, and the socket
 * connected to one of those addresses: the host is never resolved a second time, so a
 * name that answers differently the second time (DNS rebinding) cannot move the request
 * to an address the check did not see. TLS is then layered on that socket with the URL's
 * host for SNI and certificate verification, as any HTTPS client does.
 *
 * <p>
 * That is why this is a small HTTP/1.1 client of its own rather than the JDK's
 * {@code HttpClient}, which resolves the host itself and has no way to be handed the
 * address. It sends one request with {@code Connection: close}, reads the status line
 * (skipping interim 1xx answers) and closes: the answer's headers and body are not read,
 * redirects are not followed, and nothing is kept between attempts. Connecting, TLS
 * included, is bounded by the connect timeout; everything after the request is written,
 * by the read timeout as a whole, however slowly the receiver dribbles bytes.
 */
final class CallbackPost {

	private static final int MAX_LINE_BYTES = 8 * 1024;

	private static final String NO_ANSWER = "no answer within the read timeout";

	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d\\.\\d (\\d{3})(?: .*)?");

	private final CallbackUrlRule rule;

	private final HostResolver resolver;

	private final long connectTimeoutNanos;

	private final long readTimeoutNanos;

	private final SSLSocketFactory tls;

	CallbackPost(CallbackUrlRule rule, HostResolver resolver, Duration connectTimeout, Duration readTimeout,
			SSLSocketFactory tls) {
		this.rule = rule;
		this.resolver = resolver;
		this.connectTimeoutNanos = connectTimeout.toNanos();
		this.readTimeoutNanos = readTimeout.toNanos();
		this.tls = tls;
	}

	/**
	 * Makes one attempt.
	 * @param url the callback URL
	 * @param headers headers beside {@code Host}, {@code Content-Type},
	 * {@code Content-Length}, {@code Connection} and {@code User-Agent}
	 * @param body the JSON body
	 * @return the status that answered, or why there was none
	 */
	Attempt send(String url, Map<String, String> headers, byte[] body) {
		String problem = this.rule.problem(url);
		if (problem != null) {
			return Attempt.unanswered("refused: the callback URL " + problem);
		}
		URI uri = CallbackUrlRule.uri(url);
		String host = CallbackUrlRule.host(uri);
		List<InetAddress> addresses;
		try {
			addresses = List.of(this.resolver.resolve(host));
		}
		catch (UnknownHostException ex) {
			return Attempt.unanswered("the host " + host + " does not resolve");
		}
		String refused = this.rule.addressProblem(host, addresses);
		if (refused != null) {
			return Attempt.unanswered("refused: the callback URL " + refused);
		}
		boolean https = uri.getScheme().toLowerCase(Locale.ROOT).equals("https");
		int port = (uri.getPort() != -1) ? uri.getPort() : (https ? 443 : 80);
		long connectDeadline = System.nanoTime() + this.connectTimeoutNanos;
		try (Socket socket = connect(addresses, port, connectDeadline)) {
			Socket channel = https ? handshake(socket, uri.getHost(), host, port, connectDeadline) : socket;
			OutputStream out = channel.getOutputStream();
			out.write(request(uri, headers, body.length));
			out.write(body);
			out.flush();
			return Attempt.answered(readStatus(new BufferedInputStream(channel.getInputStream()), channel,
					System.nanoTime() + this.readTimeoutNanos));
		}
		catch (SocketTimeoutException ex) {
			return Attempt.unanswered("timed out: " + ex.getMessage());
		}
		catch (IOException ex) {
			return Attempt.unanswered(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private static Socket connect(List<InetAddress> addresses, int port, long deadline) throws IOException {
		IOException failure = null;
		for (InetAddress address : addresses) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(address, port), remainingMillis(deadline, "connecting"));
				return socket;
			}
			catch (IOException ex) {
				socket.close();
				IOException named = (ex instanceof SocketTimeoutException)
						? new SocketTimeoutException("connecting to " + address.getHostAddress() + " port " + port)
						: new IOException(
								"connecting to " + address.getHostAddress() + " port " + port + ": " + ex.getMessage(),
								ex);
				if (failure == null) {
					failure = named;
				}
				else {
					failure.addSuppressed(named);
				}
			}
		}
		throw failure;
	}

	private Socket handshake(Socket socket, String uriHost, String host, int port, long deadline) throws IOException {
		SSLSocket ssl = (SSLSocket) this.tls.createSocket(socket, host, port, true);
		SSLParameters parameters = ssl.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (!uriHost.startsWith("[") && !host.matches("[0-9.]+")) {
			// a name, not an address: SNI carries names only
			parameters.setServerNames(List.of(new SNIHostName(host)));
		}
		ssl.setSSLParameters(parameters);
		ssl.setSoTimeout(remainingMillis(deadline, "in the TLS handshake"));
		try {
			ssl.startHandshake();
		}
		catch (SocketTimeoutException ex) {
			throw new SocketTimeoutException("in the TLS handshake with " + host);
		}
		return ssl;
	}

	private static byte[] request(URI uri, Map<String, String> headers, int contentLength) {
		String target = ((uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath())
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		StringBuilder request = new StringBuilder(256).append("POST ")
			.append(target)
			.append(" HTTP/1.1\r\nHost: ")
			.append(uri.getRawAuthority())
			.append("\r\nUser-Agent: Sluice-Webhooks/1\r\nContent-Type: application/json\r\nContent-Length: ")
			.append(contentLength)
			.append("\r\nConnection: close\r\n");
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		return request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
	}

	/** The first final status: interim (1xx) answers and their headers are skipped. */
	private static int readStatus(InputStream in, Socket socket, long deadline) throws IOException {
		while (true) {
			String line = readLine(in, socket, deadline);
			Matcher status = STATUS_LINE.matcher(line);
			if (!status.matches()) {
				throw new IOException("not an HTTP answer: " + printable(line));
			}
			int code = Integer.parseInt(status.group(1));
			if (code >= 200) {
				return code;
			}
			while (!readLine(in, socket, deadline).isEmpty()) {
				// the interim answer's headers
			}
		}
	}

	private static String readLine(InputStream in, Socket socket, long deadline) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
		while (true) {
			socket.setSoTimeout(remainingMillis(deadline, NO_ANSWER));
			int b;
			try {
				b = in.read();
			}
			catch (SocketTimeoutException ex) {
				throw new SocketTimeoutException(NO_ANSWER);
			}
			if (b == -1) {
				throw new IOException("the connection was closed before an answer");
			}
			if (b == '\n') {
				break;
			}
			if (bytes.size() >= MAX_LINE_BYTES) {
				throw new IOException("an answer line longer than " + MAX_LINE_BYTES + " bytes");
			}
			bytes.write(b);
		}
		String text = bytes.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	private static int remainingMillis(long deadline, String doing) throws SocketTimeoutException {
		long remaining = (deadline - System.nanoTime()) / 1_000_000;
		if (remaining <= 0) {
			throw new SocketTimeoutException(doing);
		}
		return (int) Math.min(remaining, Integer.MAX_VALUE);
	}

	private static String printable(String text) {
		String cut = (text.length() > 100) ? text.substring(0, 100) + "..." : text;
		return cut.replaceAll("[^\\x20-\\x7e]", "?");
	}

	/**
	 * What one attempt came to.
	 *
	 * @param status the HTTP status that answered, or {@code null} if none did
	 * @param error why the attempt failed, or {@code null} if it was delivered
	 */
	record Attempt(Integer status, String error) {

		static Attempt answered(int status) {
			if (status >= 200 && status <= 299) {
				return new Attempt(status, null);
			}
			return new Attempt(status, "answered " + status
					+ ((status >= 300 && status <= 399) ? "; redirects are not followed" : "") + ", not 2xx");
		}

		static Attempt unanswered(String error) {
			return new Attempt(null, error);
		}

		/** Whether the receiver took the delivery: a 2xx answer. */
		boolean delivered() {
			return this.error == null;
		}

	}

	/** Looks a host up: {@link InetAddress#getAllByName} outside tests. */
	@FunctionalInterface
	interface HostResolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

}
