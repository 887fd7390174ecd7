package io.sluice.client.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.sluice.client.cli.StubApi.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code sluice} retries a request the API answers 429 or 503, or that cannot reach
 * it: after the Retry-After answered, within {@code --retries} and
 * {@code --retry-within}, with the same Idempotency-Key; against a stub, as the real API
 * does not refuse on demand.
 */
class RetriesTests {

	private static final String JOBS = "/api/v1/jobs";

	@TempDir
	Path directory;

	private StubApi api;

	private CliRunner cli;

	@BeforeEach
	void start() throws IOException {
		this.api = new StubApi();
		this.cli = new CliRunner(this.directory).withVariable("SLUICE_API_URL", this.api.url())
			.withVariable("SLUICE_TOKEN", "t0ken");
		Files.writeString(this.directory.resolve("photos.csv"), "url,caption\nhttps://h/a.jpg,A\n");
	}

	@AfterEach
	void stop() {
		this.api.close();
	}

	@Test
	void retriesA429AndA503AfterTheirRetryAfterWithTheSameIdempotencyKey() {
		this.api.answer("POST", JOBS,
				Answer.json(429,
						StubViews.problem(429, "urn:sluice:problem:too-many-pending-photos", "Too many pending photos",
								"Wait"),
						"Retry-After", "7"),
				Answer.json(503,
						StubViews.problem(503, "urn:sluice:problem:unavailable", "Service unavailable",
								"Kafka is down"),
						"Retry-After", "3"),
				Answer.json(202, StubViews.view("QUEUED", 1, 0, 0), "Location", JOBS + "/" + StubViews.ID));

		CliRunner.Result result = this.cli.run("submit", "--album", "42", "--no-wait", "photos.csv");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.outLines()).containsExactly(StubViews.ID.toString());
		assertThat(this.cli.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
		assertThat(result.err()).contains("submit: answered 429; retrying in 7s (attempt 2 of 10)")
			.contains("submit: answered 503; retrying in 3s (attempt 3 of 10)");
		assertThat(this.api.requests()).hasSize(3)
			.extracting((request) -> request.headers().getFirst("Idempotency-Key"))
			.containsOnly(this.api.requests().get(0).headers().getFirst("Idempotency-Key"))
			.allSatisfy((key) -> assertThat(key).startsWith("sluice-cli-v1-42-1of1-"));
		assertThat(this.api.requests().get(0).headers().getFirst("Authorization")).isEqualTo("Bearer t0ken");
	}

	@Test
	void givesUpAfterRetriesAndPrintsTheProblem() {
		this.api.answer("POST", JOBS, Answer.json(503, StubViews.problem(503, "urn:sluice:problem:unavailable",
				"Service unavailable", "The database is unavailable."), "Retry-After", "2"));

		CliRunner.Result result = this.cli.run("submit", "--album", "42", "--retries", "3", "photos.csv");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
		assertThat(this.cli.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
		assertThat(result.err())
			.contains("sluice: submit: 503 Service unavailable (tried 3 times)\n" + "  The database is unavailable.\n");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void givesUpAtOnceWhenRetryAfterWouldOutlastRetryWithin() {
		this.api.answer("POST", JOBS, Answer.json(429,
				StubViews.problem(429, "urn:sluice:problem:too-many-requests", "Too many requests", "Slow down."),
				"Retry-After", "3600"));

		CliRunner.Result result = this.cli.run("submit", "--album", "42", "--retry-within", "1m", "photos.csv");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
		assertThat(this.cli.sleeps()).isEmpty();
		assertThat(result.err()).contains("waiting 1h more would exceed the retry time (--retry-within 1m)")
			.contains("sluice: submit: 429 Too many requests");
	}

	@Test
	void doesNotRetryAProblemThatWillNotChange() {
		this.api.answer("POST", JOBS,
				Answer.json(403, "{\"type\":\"urn:sluice:problem:album-forbidden\",\"title\":\"Album forbidden\","
						+ "\"status\":403,\"detail\":\"You may not import into album 42.\",\"albumId\":42}"));

		CliRunner.Result result = this.cli.run("submit", "--album", "42", "photos.csv");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
		assertThat(this.api.requests()).hasSize(1);
		assertThat(result.err())
			.isEqualTo("sluice: submit: 403 Album forbidden\n  You may not import into album 42.\n  album 42\n");
	}

	@Test
	void retriesAConnectionThatFailsWithBackoff() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}

		CliRunner.Result result = this.cli.run("--url", "http://127.0.0.1:" + closedPort, "--retries", "3", "status",
				StubViews.ID.toString());

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
		assertThat(this.cli.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThat(result.err()).contains("sluice: get job " + StubViews.ID + ": could not reach the API at "
				+ "http://127.0.0.1:" + closedPort + " (tried 3 times): ConnectException");
	}

	@Test
	void readsRetryAfterAsSecondsOrAnHttpDate() {
		assertThat(Retries.parseRetryAfter("12")).contains(Duration.ofSeconds(12));
		assertThat(Retries.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
		assertThat(Retries.parseRetryAfter("soon")).isEmpty();
		assertThat(Retries.backoff(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(Retries.backoff(4)).isEqualTo(Duration.ofSeconds(8));
		assertThat(Retries.backoff(9)).isEqualTo(Duration.ofSeconds(30));
	}

}
