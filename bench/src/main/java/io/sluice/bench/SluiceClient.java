package io.sluice.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark as a Sluice client: submits jobs and reads them back over HTTP with a
 * bearer token, like any other client.
 */
final class SluiceClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http;

	private final String apiUrl;

	private final String token;

	SluiceClient(String apiUrl, String token) {
		this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), apiUrl, token);
	}

	private SluiceClient(HttpClient http, String apiUrl, String token) {
		this.http = http;
		this.apiUrl = apiUrl;
		this.token = token;
	}

	/**
	 * The same API as another owner, over the same connections.
	 * @param ownerToken a bearer token whose subject is the other owner
	 * @return a client that sends that token
	 */
	SluiceClient as(String ownerToken) {
		return new SluiceClient(this.http, this.apiUrl, ownerToken);
	}

	/**
	 * Submits a job and returns once the API has accepted it.
	 * @param body the request body
	 * @return the job's id, where to poll it, and when it was sent and accepted
	 * @throws BenchmarkFailure if the API answers anything but 202
	 */
	Submitted submit(byte[] body) {
		Answer answer = post(body);
		if (answer.status() != 202) {
			throw new BenchmarkFailure(
					"The API answered " + answer.status() + " to a job submission: " + answer.body());
		}
		return answer.submitted();
	}

	/**
	 * Submits a job and returns the API's answer, whatever it is.
	 * @param body the request body
	 * @return the status, the body and, for a 202, the job
	 */
	Answer post(byte[] body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.apiUrl + "/api/v1/jobs"))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		Instant sent = Instant.now();
		long sentNanos = System.nanoTime();
		HttpResponse<String> response = send(request);
		long answeredNanos = System.nanoTime();
		if (response.statusCode() != 202) {
			return new Answer(response.statusCode(), response.body(), answeredNanos - sentNanos, null);
		}
		String location = response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new BenchmarkFailure("The API accepted a job without a Location header"));
		UUID id = UUID.fromString(json.readTree(response.body()).get("id").asString());
		return new Answer(202, response.body(), answeredNanos - sentNanos,
				new Submitted(id, location, sent, sent.plusNanos(answeredNanos - sentNanos), sentNanos, answeredNanos));
	}

	/**
	 * The job as the API shows it now.
	 * @param submitted the job
	 * @return the job view
	 */
	JobState read(Submitted submitted) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.apiUrl + submitted.location()))
			.header("Authorization", "Bearer " + this.token)
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = send(request);
		if (response.statusCode() != 200) {
			throw new BenchmarkFailure("The API answered " + response.statusCode() + " to a status read of job "
					+ submitted.id() + ": " + response.body());
		}
		JsonNode view = json.readTree(response.body());
		JsonNode photos = view.get("photos");
		JsonNode finished = view.get("finishedAt");
		return new JobState(view.get("status").asString(), photos.get("total").asInt(), photos.get("written").asInt(),
				photos.get("duplicate").asInt(), photos.get("failed").asInt(),
				(finished == null || finished.isNull()) ? null : Instant.parse(finished.asString()));
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new BenchmarkFailure("The API did not answer " + request.method() + " " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchmarkFailure("Interrupted while calling the API", ex);
		}
	}

	/**
	 * The API's answer to a job submission.
	 *
	 * @param status the HTTP status
	 * @param body the answer's body
	 * @param nanos from sending the request to reading the whole answer
	 * @param submitted the job, for a 202; {@code null} otherwise
	 */
	record Answer(int status, String body, long nanos, Submitted submitted) {

	}

	/**
	 * A job the API accepted.
	 *
	 * @param id the job's id
	 * @param location its status URL, relative to the API
	 * @param sent when the request was sent (wall clock)
	 * @param accepted when the 202 arrived (wall clock)
	 * @param sentNanos when the request was sent ({@link System#nanoTime()})
	 * @param acceptedNanos when the 202 arrived ({@link System#nanoTime()})
	 */
	record Submitted(UUID id, String location, Instant sent, Instant accepted, long sentNanos, long acceptedNanos) {

		long acceptNanos() {
			return this.acceptedNanos - this.sentNanos;
		}

	}

	/**
	 * A job's status and counters.
	 *
	 * @param status the job's status
	 * @param total photos submitted
	 * @param written photos inserted
	 * @param duplicate photos already in the album
	 * @param failed photos not written
	 * @param finishedAt when the job became terminal, or {@code null}
	 */
	record JobState(String status, int total, int written, int duplicate, int failed, Instant finishedAt) {

		boolean terminal() {
			return !this.status.equals("PENDING") && !this.status.equals("QUEUED") && !this.status.equals("RUNNING");
		}

	}

}
