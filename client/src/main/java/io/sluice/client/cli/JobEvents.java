package io.sluice.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sluice.client.model.JobView;

/**
 * Reads a job's server-sent events ({@code GET /api/v1/jobs/{id}/events}) with
 * {@code java.net.http}, which the generated client cannot do: it would wait for the
 * stream's end. Each {@code job} event's data is a {@link JobView}; comments (heartbeats)
 * only prove the stream alive. A stream silent for longer than the idle timeout (the API
 * sends a heartbeat at least every 15 s) is given up, as is one that cannot be opened:
 * the caller then polls.
 */
final class JobEvents {

	/** The stream could not be opened, or broke off. */
	static final class StreamFailure extends Exception {

		StreamFailure(String message) {
			super(message);
		}

	}

	/** How a stream that did not fail ended. */
	enum End {

		/** The server closed it: after a job's final view, or when it timed out. */
		CLOSED,

		/** The server asked the client to reconnect, as it fell behind. */
		RECONNECT,

		/** {@code 204}: the client has the job's final view already. */
		NO_CONTENT

	}

	/**
	 * How a stream ended, and the id of the last event read.
	 *
	 * @param end how it ended
	 * @param lastEventId the last event's id, to resume from; {@code null} if none came
	 */
	record Outcome(End end, String lastEventId) {
	}

	private static final Object END_OF_STREAM = new Object();

	private final Api api;

	private final Duration idleTimeout;

	JobEvents(Api api, Duration idleTimeout) {
		this.api = api;
		this.idleTimeout = idleTimeout;
	}

	/**
	 * Follows one stream until it ends.
	 * @param id the job
	 * @param lastEventId the id of the last event read on an earlier stream, or
	 * {@code null}
	 * @param onView takes each view as it comes
	 * @return how the stream ended
	 * @throws StreamFailure if it could not be opened, broke off or fell silent
	 * @throws Interrupted if interrupted
	 */
	Outcome follow(UUID id, String lastEventId, Consumer<JobView> onView) throws StreamFailure {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.api.url() + "/api/v1/jobs/" + id + "/events"))
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + this.api.token())
			.header("User-Agent", "sluice-cli")
			.timeout(Api.READ_TIMEOUT)
			.GET();
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<InputStream> response;
		try {
			response = this.api.http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw new StreamFailure("no answer (" + ProblemReport.describe(ex) + ")");
		}
		catch (InterruptedException ex) {
			throw new Interrupted(ex);
		}
		try (InputStream body = response.body()) {
			if (response.statusCode() == 204) {
				return new Outcome(End.NO_CONTENT, lastEventId);
			}
			if (response.statusCode() != 200) {
				throw new StreamFailure("answered " + response.statusCode());
			}
			return read(body, lastEventId, onView);
		}
		catch (IOException ex) {
			throw new StreamFailure("broke off (" + ProblemReport.describe(ex) + ")");
		}
	}

	private Outcome read(InputStream body, String resumedFrom, Consumer<JobView> onView) throws StreamFailure {
		BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> readLines(body, lines), "sluice-events");
		reader.setDaemon(true);
		reader.start();
		String lastEventId = resumedFrom;
		String event = null;
		String id = null;
		StringBuilder data = null;
		try {
			while (true) {
				Object item = lines.poll(this.idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
				if (item == null) {
					throw new StreamFailure("silent for " + Durations.format(this.idleTimeout));
				}
				if (item == END_OF_STREAM) {
					return new Outcome(End.CLOSED, lastEventId);
				}
				if (item instanceof IOException ex) {
					throw new StreamFailure("broke off (" + ProblemReport.describe(ex) + ")");
				}
				String line = (String) item;
				if (line.isEmpty()) {
					if (id != null) {
						lastEventId = id;
					}
					if (data != null && "job".equals(event)) {
						onView.accept(view(data.toString()));
					}
					else if ("reconnect".equals(event)) {
						return new Outcome(End.RECONNECT, lastEventId);
					}
					event = null;
					id = null;
					data = null;
				}
				else if (!line.startsWith(":")) {
					int colon = line.indexOf(':');
					String field = (colon < 0) ? line : line.substring(0, colon);
					String value = (colon < 0) ? "" : line.substring(colon + 1);
					value = value.startsWith(" ") ? value.substring(1) : value;
					switch (field) {
						case "event" -> event = value;
						case "id" -> id = value;
						case "data" ->
							data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
						default -> {
							// retry: and unknown fields
						}
					}
				}
			}
		}
		catch (InterruptedException ex) {
			throw new Interrupted(ex);
		}
		finally {
			reader.interrupt();
		}
	}

	private JobView view(String data) throws StreamFailure {
		try {
			return this.api.mapper().readValue(data, JobView.class);
		}
		catch (JsonProcessingException ex) {
			throw new StreamFailure("sent an event that is not a job view (" + ex.getOriginalMessage() + ")");
		}
	}

	private static void readLines(InputStream body, BlockingQueue<Object> lines) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.add(line);
			}
			lines.add(END_OF_STREAM);
		}
		catch (IOException ex) {
			lines.add(ex);
		}
	}

}
