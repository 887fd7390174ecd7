package io.sluice.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite as a Sluice client: submits jobs with an {@code Idempotency-Key} and reads
 * them back over HTTP, as any client would.
 */
final class FaultClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String apiUrl;

	private final String token;

	FaultClient(String apiUrl, String token) {
		this.apiUrl = apiUrl;
		this.token = token;
	}

	/**
	 * Submits a job once.
	 * @return the answer: status code, and the job's id when there is one
	 */
	Answer submit(byte[] body, String idempotencyKey) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.apiUrl + "/api/v1/jobs"))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		Optional<HttpResponse<String>> response = send(request);
		if (response.isEmpty()) {
			return new Answer(0, null);
		}
		UUID id = null;
		if (response.get().statusCode() == 202) {
			id = UUID.fromString(json.readTree(response.get().body()).get("id").asString());
		}
		return new Answer(response.get().statusCode(), id);
	}

	/** The job as the API shows it, or empty if the API did not answer. */
	Optional<JobView> read(UUID id) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.apiUrl + "/api/v1/jobs/" + id))
			.header("Authorization", "Bearer " + this.token)
			.timeout(Duration.ofSeconds(10))
			.build();
		return send(request).filter((response) -> response.statusCode() == 200).map((response) -> {
			JsonNode view = json.readTree(response.body());
			JsonNode photos = view.get("photos");
			return new JobView(id, view.get("status").asString(), photos.get("total").asInt(),
					photos.get("written").asInt(), photos.get("duplicate").asInt(), photos.get("failed").asInt());
		});
	}

	private Optional<HttpResponse<String>> send(HttpRequest request) {
		try {
			return Optional.of(this.http.send(request, HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling the API", ex);
		}
	}

	/** A status code (0 when the API did not answer) and the job it names, if any. */
	record Answer(int status, UUID jobId) {

	}

	/** A job's status and counters as the API shows them. */
	record JobView(UUID id, String status, int total, int written, int duplicate, int failed) {

		boolean terminal() {
			return !this.status.equals("PENDING") && !this.status.equals("QUEUED") && !this.status.equals("RUNNING");
		}

	}

}
