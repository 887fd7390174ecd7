package io.sluice.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server-sent events client over a real socket, as a browser's {@code EventSource}
 * reads the stream: lines are parsed as they arrive on a thread of its own, and the test
 * looks at what has arrived so far (with Awaitility).
 */
public final class EventStream implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpResponse<InputStream> response;

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final List<String> comments = new CopyOnWriteArrayList<>();

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private volatile boolean ended;

	private volatile String body;

	private EventStream(HttpResponse<InputStream> response) {
		this.response = response;
	}

	static EventStream open(HttpClient http, HttpRequest request) {
		try {
			EventStream stream = new EventStream(http.send(request, BodyHandlers.ofInputStream()));
			if (stream.status() == 200) {
				Thread reader = new Thread(stream::read, "event-stream-reader");
				reader.setDaemon(true);
				reader.start();
			}
			else {
				try (InputStream in = stream.response.body()) {
					stream.body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
				stream.ended = true;
			}
			return stream;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String id = null;
			String name = null;
			StringBuilder data = null;
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
				if (line.isEmpty()) {
					if (data != null) {
						this.events.add(new Event(id, name, data.toString()));
					}
					id = null;
					name = null;
					data = null;
				}
				else if (line.startsWith(":")) {
					this.comments.add(line);
				}
				else {
					int colon = line.indexOf(':');
					String field = (colon < 0) ? line : line.substring(0, colon);
					String value = (colon < 0) ? "" : line.substring(colon + 1);
					if (value.startsWith(" ")) {
						value = value.substring(1);
					}
					switch (field) {
						case "id" -> id = value;
						case "event" -> name = value;
						case "data" ->
							data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
						default -> {
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// closed by the test, or the connection dropped: either way the stream ended
		}
		finally {
			this.ended = true;
		}
	}

	public int status() {
		return this.response.statusCode();
	}

	public String header(String name) {
		return this.response.headers().firstValue(name).orElse(null);
	}

	/** The events received so far, in order. */
	public List<Event> events() {
		return List.copyOf(this.events);
	}

	/** The comment lines received so far, as sent (with the leading colon). */
	public List<String> comments() {
		return List.copyOf(this.comments);
	}

	/** Every line received so far. */
	public List<String> lines() {
		return new ArrayList<>(this.lines);
	}

	/** Whether the server closed the stream (or the test did). */
	public boolean ended() {
		return this.ended;
	}

	/** The body of a response that is not a stream (a problem, say). */
	public String body() {
		return this.body;
	}

	public JsonNode json() {
		return JSON.readTree(this.body);
	}

	/** Drops the connection, as a closed browser tab does. */
	@Override
	public void close() {
		try {
			this.response.body().close();
		}
		catch (IOException ex) {
			// already gone
		}
	}

	@Override
	public String toString() {
		return status() + " " + this.response.headers().map() + " " + ((this.body != null) ? this.body : this.lines);
	}

	/**
	 * One event.
	 *
	 * @param id its {@code id} field
	 * @param name its {@code event} field
	 * @param data its data lines, joined
	 */
	public record Event(String id, String name, String data) {

		public long version() {
			return Long.parseLong(this.id);
		}

		public JsonNode json() {
			return JSON.readTree(this.data);
		}

	}

}
