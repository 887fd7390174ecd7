package io.sluice.worker.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver of webhooks on a free port of 127.0.0.1, for tests: it records
 * every request it gets, and answers each with the next status queued (200 once the queue
 * is empty), or holds it until released.
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Deque<Integer> answers = new ArrayDeque<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private volatile boolean holding;

	private WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "webhook-receiver");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	/** A receiver that answers every request with 200. */
	public static WebhookReceiver start() {
		try {
			return new WebhookReceiver();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Answers the next requests with these statuses, in order, then with 200 again.
	 * @param statuses the statuses
	 * @return this receiver
	 */
	public synchronized WebhookReceiver answering(Integer... statuses) {
		this.answers.addAll(List.of(statuses));
		return this;
	}

	/**
	 * Holds every request unanswered until {@link #close()}.
	 * @return this receiver
	 */
	public WebhookReceiver holding() {
		this.holding = true;
		return this;
	}

	/**
	 * The URL of a path on this receiver, such as {@code http://127.0.0.1:41234/hook}.
	 */
	public String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** Every request received so far, in order. */
	public List<Received> received() {
		return List.copyOf(this.received);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
					new String(body.readAllBytes(), StandardCharsets.UTF_8)));
			if (this.holding) {
				this.release.await(30, TimeUnit.SECONDS);
			}
			int status = nextStatus();
			if (status >= 300 && status <= 399) {
				exchange.getResponseHeaders().add("Location", url("/elsewhere"));
			}
			exchange.sendResponseHeaders(status, -1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized int nextStatus() {
		Integer next = this.answers.poll();
		return (next != null) ? next : 200;
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
	}

	/**
	 * One request as received.
	 *
	 * @param method the method
	 * @param target the request target (path and query)
	 * @param headers its headers, by case-insensitive name
	 * @param body its body
	 */
	public record Received(String method, String target, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name);
		}

	}

}
