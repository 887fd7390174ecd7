package io.sluice.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.sluice.embedded.DevTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the API under test: real requests over a real socket, with
 * tokens minted like a client would get them.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final String baseUrl;

	private final String secret;

	public ApiClient(int port, String secret) {
		this.baseUrl = "http://127.0.0.1:" + port;
		this.secret = secret;
	}

	/**
	 * A valid token for an owner.
	 * @param owner the subject
	 * @return the token
	 */
	public String tokenFor(String owner) {
		return DevTokens.mint(this.secret, owner);
	}

	public Response postJob(String token, String json) {
		return postJob(token, json, new String[0]);
	}

	/**
	 * Posts a job with extra headers.
	 * @param token the bearer token
	 * @param json the body
	 * @param headers names and values, alternating; a name may come more than once
	 * @return the response
	 */
	public Response postJob(String token, String json, String... headers) {
		HttpRequest.Builder request = request("/api/v1/jobs", token).header("Content-Type", "application/json");
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.POST(BodyPublishers.ofString(json)));
	}

	/**
	 * Posts a body with {@code Transfer-Encoding: chunked} and no {@code Content-Length}.
	 * @param token the bearer token
	 * @param body the body
	 * @return the response
	 */
	public Response postJobChunked(String token, byte[] body) {
		BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
		return send(request("/api/v1/jobs", token).header("Content-Type", "application/json").POST(chunked));
	}

	public Response postJobBytes(String token, byte[] body) {
		return send(request("/api/v1/jobs", token).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(body)));
	}

	public Response get(String path, String token) {
		return send(request(path, token).GET());
	}

	/**
	 * A {@code GET} with extra headers.
	 * @param path the path
	 * @param token the bearer token
	 * @param headers names and values, alternating
	 * @return the response
	 */
	public Response get(String path, String token, String... headers) {
		return send(request(path, token).headers(headers).GET());
	}

	public Response delete(String path, String token) {
		return send(request(path, token).DELETE());
	}

	/**
	 * Opens a job's event stream; returns once the response's headers are in.
	 * @param path the stream's path
	 * @param token the bearer token, or {@code null}
	 * @param lastEventId the {@code Last-Event-ID} header, or {@code null}
	 * @return the stream (or the refusal's body)
	 */
	public EventStream events(String path, String token, String lastEventId) {
		HttpRequest.Builder request = request(path, token).header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		return EventStream.open(this.http, request.GET().build());
	}

	public Response send(String method, String path, String token, String contentType, String body) {
		HttpRequest.Builder builder = request(path, token).method(method,
				(body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		if (contentType != null) {
			builder.header("Content-Type", contentType);
		}
		return send(builder);
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(60));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(),
					BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A response, with its body parsed as JSON on demand.
	 */
	public static final class Response {

		private final HttpResponse<String> response;

		Response(HttpResponse<String> response) {
			this.response = response;
		}

		public int status() {
			return this.response.statusCode();
		}

		public String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

		public String body() {
			return this.response.body();
		}

		public JsonNode json() {
			return JSON.readTree(this.response.body());
		}

		@Override
		public String toString() {
			return this.response.statusCode() + " " + this.response.headers().map() + " " + this.response.body();
		}

	}

}
