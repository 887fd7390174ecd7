package io.sluice.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Large request bodies for the resource-consumption tests, without holding them in the
 * test's memory: a job body generated as it is sent, and a raw request that declares a
 * body and sends only its first bytes, holding its place on the server until closed.
 */
public final class LargeBodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ExecutorService THREADS = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "large-body-client");
		thread.setDaemon(true);
		return thread;
	});

	private LargeBodies() {
	}

	/**
	 * Posts a valid job of {@code photos} photos whose URLs are padded to
	 * {@code urlLength} characters, generated while it is sent, over a plain socket with
	 * its {@code Content-Length} and {@code Expect: 100-continue}, as curl sends a large
	 * body: the body goes out only once the server asks for it, so a refusal comes back
	 * before any of it is sent.
	 * @param port the API's port
	 * @param token the bearer token
	 * @param photos how many photos
	 * @param urlLength the length of every URL
	 * @return the final answer
	 */
	public static Answer postGeneratedJob(int port, String token, int photos, int urlLength) {
		GeneratedJob body = new GeneratedJob(photos, urlLength);
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout((int) Duration.ofMinutes(3).toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
					+ "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			Answer answer = Answer.readHead(in);
			if (answer.status() == 100) {
				body.transferTo(out);
				out.flush();
				answer = Answer.readHead(in);
			}
			return answer.withBody(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@link #postGeneratedJob} on a thread of its own.
	 * @param port the API's port
	 * @param token the bearer token
	 * @param photos how many photos
	 * @param urlLength the length of every URL
	 * @return the final answer, once it is in
	 */
	public static CompletableFuture<Answer> postGeneratedJobAsync(int port, String token, int photos, int urlLength) {
		return CompletableFuture.supplyAsync(() -> postGeneratedJob(port, token, photos, urlLength), THREADS);
	}

	/**
	 * The length of the body {@link #postGeneratedJob} sends.
	 * @param photos how many photos
	 * @param urlLength the length of every URL
	 * @return its bytes
	 */
	public static long generatedJobLength(int photos, int urlLength) {
		return new GeneratedJob(photos, urlLength).length();
	}

	/**
	 * Sends a job request's headers declaring a body of {@code declaredBytes} and then
	 * only its first bytes, and leaves the connection open: the server holds the request
	 * while it waits for the rest. Close the socket to abandon it, as a client that goes
	 * away does.
	 * @param port the API's port
	 * @param token the bearer token
	 * @param declaredBytes the {@code Content-Length} to declare
	 * @return the open socket
	 */
	public static Socket startBody(int port, String token, long declaredBytes) {
		try {
			Socket socket = new Socket("127.0.0.1", port);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + declaredBytes
					+ "\r\n\r\n{\"albumId\": 1, \"photos\": [")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An HTTP answer read off a plain socket.
	 *
	 * @param status its status
	 * @param headers its headers, names in lower case
	 * @param body its body
	 */
	public record Answer(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		static Answer readHead(InputStream in) throws IOException {
			String statusLine = line(in);
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			Map<String, String> headers = new HashMap<>();
			for (String line = line(in); !line.isEmpty(); line = line(in)) {
				int colon = line.indexOf(':');
				headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
			}
			return new Answer(status, headers, null);
		}

		Answer withBody(InputStream in) throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			if (header("Content-Length") != null) {
				body.write(in.readNBytes(Integer.parseInt(header("Content-Length"))));
			}
			else if ("chunked".equalsIgnoreCase(header("Transfer-Encoding"))) {
				for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer
					.parseInt(line(in).trim(), 16)) {
					body.write(in.readNBytes(size));
					line(in);
				}
			}
			else {
				in.transferTo(body);
			}
			return new Answer(this.status, this.headers, body.toString(StandardCharsets.UTF_8));
		}

		private static String line(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			for (int b = in.read(); b != '\n'; b = in.read()) {
				if (b < 0) {
					throw new IOException("Connection closed after: " + line);
				}
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

	}

	/**
	 * A job body, {@code {"albumId":1234567890,"photos":[{"url":"..."},...]}}, produced
	 * as it is read. Each into an album of its own (ten digits, so that every body of a
	 * size is as long), which its owner claims.
	 */
	private static final class GeneratedJob extends InputStream {

		private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);

		private static final String URL_PREFIX = "https://cdn.example.com/large/";

		private final int photos;

		private final int urlLength;

		private final String run = Long.toHexString(System.nanoTime());

		private final byte[] head = ("{\"albumId\":"
				+ ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L) + ",\"photos\":[")
			.getBytes(StandardCharsets.US_ASCII);

		private byte[] current = this.head;

		private int position;

		private int next;

		GeneratedJob(int photos, int urlLength) {
			this.photos = photos;
			this.urlLength = urlLength;
		}

		long length() {
			long entry = "{\"url\":\"\"}".length() + this.urlLength;
			return this.head.length + this.photos * entry + (this.photos - 1) + TAIL.length;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.current == null) {
				return -1;
			}
			if (this.position == this.current.length) {
				this.current = advance();
				this.position = 0;
				if (this.current == null) {
					return -1;
				}
			}
			int n = Math.min(length, this.current.length - this.position);
			System.arraycopy(this.current, this.position, buffer, offset, n);
			this.position += n;
			return n;
		}

		private byte[] advance() {
			if (this.next > this.photos) {
				return null;
			}
			if (this.next == this.photos) {
				this.next++;
				return TAIL;
			}
			StringBuilder url = new StringBuilder(URL_PREFIX).append(this.run)
				.append('/')
				.append(this.next)
				.append('/');
			while (url.length() < this.urlLength - 4) {
				url.append('x');
			}
			url.append(".jpg");
			String entry = ((this.next > 0) ? "," : "") + "{\"url\":\"" + url + "\"}";
			this.next++;
			return entry.getBytes(StandardCharsets.US_ASCII);
		}

	}

}
