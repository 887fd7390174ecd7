package io.sluice.client.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the API on a JDK {@link HttpServer}, for what the real one will not do
 * on demand: answer 429 and 503, break its event stream. Each request takes the next
 * answer queued for its method and path; the requests are recorded.
 */
final class StubApi implements AutoCloseable {

	/**
	 * One answer.
	 *
	 * @param status its status
	 * @param headers its headers
	 * @param body its body
	 */
	record Answer(int status, Map<String, String> headers, String body) {

		static Answer json(int status, String body, String... headers) {
			Map<String, String> map = new HashMap<>();
			map.put("Content-Type", (status >= 400) ? "application/problem+json" : "application/json");
			for (int i = 0; i < headers.length; i += 2) {
				map.put(headers[i], headers[i + 1]);
			}
			return new Answer(status, map, body);
		}

	}

	/**
	 * One request.
	 *
	 * @param method its method
	 * @param path its path
	 * @param query its query, or {@code null}
	 * @param headers its headers
	 * @param body its body
	 */
	record Request(String method, String path, String query, Headers headers, String body) {
	}

	private final HttpServer server;

	private final Map<String, Deque<Answer>> answers = new HashMap<>();

	private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

	StubApi() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	StubApi answer(String method, String path, Answer... answers) {
		synchronized (this.answers) {
			this.answers.computeIfAbsent(method + " " + path, (key) -> new ArrayDeque<>()).addAll(List.of(answers));
		}
		return this;
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String path = exchange.getRequestURI().getPath();
		this.requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
				exchange.getRequestHeaders(), body));
		Answer answer;
		synchronized (this.answers) {
			Deque<Answer> queued = this.answers.get(exchange.getRequestMethod() + " " + path);
			answer = (queued == null || queued.isEmpty()) ? null : (queued.size() == 1) ? queued.peek() : queued.poll();
		}
		if (answer == null) {
			answer = Answer.json(404, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}");
		}
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(answer.status(), (bytes.length == 0) ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
