package io.sluice.api.job.submit;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sluice.api.ApiClient;
import io.sluice.api.ApiClient.Response;
import io.sluice.embedded.FreePorts;
import io.sluice.embedded.TestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.sluice.api.JobRequests.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API with a real database but a Kafka bootstrap address where nothing listens: jobs
 * cannot be queued, and must say so quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sluice.auth.jwt-secret=" + KafkaUnavailableIntegrationTests.SECRET,
				"sluice.api.publish.timeout=3s", "spring.kafka.admin.auto-create=false", "management.server.port=0" })
class KafkaUnavailableIntegrationTests {

	static final String SECRET = "kafka-unavailable-tests-secret-0123456789abcdef";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		String nobodyListens = "127.0.0.1:" + FreePorts.find();
		TestInfrastructure.shared()
			.springProperties()
			.forEach((name, value) -> registry.add(name,
					() -> name.equals("spring.kafka.bootstrap-servers") ? nobodyListens : value));
	}

	@Test
	void answers503WithRetryAfterAndFailsTheJob() {
		ApiClient api = new ApiClient(this.port, SECRET);
		String token = api.tokenFor("erin");

		long started = System.nanoTime();
		Response response = api.postJob(token, aJob().withPhotos(120).toJson());
		long tookMs = (System.nanoTime() - started) / 1_000_000;

		assertThat(response.status()).as(response.toString()).isEqualTo(503);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
		JsonNode problem = response.json();
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:unavailable");
		UUID jobId = UUID.fromString(problem.get("jobId").asString());
		Map<String, Object> row = this.jdbc.queryForMap(
				"SELECT status, failure_reason, finished_at, written, duplicate, failed FROM import_job WHERE id = ?",
				jobId);
		assertThat(row.get("status")).isEqualTo("FAILED");
		assertThat(row).as("every photo counted failed")
			.containsEntry("written", 0)
			.containsEntry("duplicate", 0)
			.containsEntry("failed", 120);
		assertThat((String) row.get("failure_reason")).contains("Kafka");
		assertThat(row.get("finished_at")).isNotNull();
		// bounded by the publish timeout (plus the rest of the request), never a hang
		assertThat(tookMs).as("request time in ms").isLessThan(30_000);

		JsonNode view = api.get("/api/v1/jobs/" + jobId, token).json();
		assertThat(view.get("status").asString()).isEqualTo("FAILED");
		assertThat(view.get("finishedAt").isNull()).isFalse();
		JsonNode photos = view.get("photos");
		assertThat(photos.get("written").asInt() + photos.get("duplicate").asInt() + photos.get("failed").asInt())
			.isEqualTo(photos.get("total").asInt())
			.isEqualTo(120);
		assertThat(view.get("failureReason").asString()).isEqualTo(row.get("failure_reason"));

		Response failures = api.get("/api/v1/jobs/" + jobId + "/failures", token);
		assertThat(failures.status()).as(failures.toString()).isEqualTo(200);
		JsonNode list = failures.json();
		assertThat(list.get("status").asString()).isEqualTo("FAILED");
		assertThat(list.get("failed").asInt()).isEqualTo(120);
		assertThat(list.get("failureReason").asString()).as("the reason for photos that have no row")
			.isEqualTo(row.get("failure_reason"));
		assertThat(list.get("failures").isEmpty()).isTrue();
		assertThat(list.get("next").isNull()).isTrue();
	}

	@Test
	void aJobCancelledWhileItsPublishHangsStaysCancelled() throws Exception {
		ApiClient api = new ApiClient(this.port, SECRET);
		String token = api.tokenFor("pending-canceller-" + UUID.randomUUID());
		CompletableFuture<Response> submitted = CompletableFuture
			.supplyAsync(() -> api.postJob(token, aJob().withPhotos(40).toJson()));
		String[] pendingId = new String[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
			JsonNode pending = api.get("/api/v1/jobs?status=PENDING", token).json().get("jobs");
			pendingId[0] = pending.isEmpty() ? null : pending.get(0).get("id").asString();
			return pendingId[0] != null;
		});

		Response cancelled = api.delete("/api/v1/jobs/" + pendingId[0], token);
		Response answer = submitted.get(60, TimeUnit.SECONDS);

		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(answer.status()).as("the publish failed after the cancel: " + answer).isEqualTo(202);
		assertThat(answer.json().get("status").asString()).isEqualTo("CANCELLED");
		JsonNode view = api.get("/api/v1/jobs/" + pendingId[0], token).json();
		assertThat(view.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(view.get("failureReason").isNull()).isTrue();
		assertThat(view.get("photos").get("failed").asInt()).isZero();
		assertThat(view.get("photos").get("cancelled").asInt()).isEqualTo(40);
	}

	@Test
	void releasesTheIdempotencyKeyOfAJobKafkaDidNotTake() {
		ApiClient api = new ApiClient(this.port, SECRET);
		String token = api.tokenFor("erin");
		String body = aJob().withPhotos(3).toJson();
		String key = "retry-after-503-" + UUID.randomUUID();

		Response first = api.postJob(token, body, "Idempotency-Key", key);
		Response retried = api.postJob(token, body, "Idempotency-Key", key);

		assertThat(first.status()).as(first.toString()).isEqualTo(503);
		assertThat(retried.status()).as(retried.toString()).isEqualTo(503);
		assertThat(retried.json().get("jobId").asString()).as("a new job, not the failed one replayed")
			.isNotEqualTo(first.json().get("jobId").asString());
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE idempotency_key = ?", Long.class, key))
			.isZero();
	}

	@Test
	void isNotReadyWhileKafkaIsUnreachable() {
		ApiClient api = new ApiClient(this.port, SECRET);
		assertThat(api.get("/livez", null).status()).isEqualTo(200);
		assertThat(api.get("/readyz", null).status()).isEqualTo(503);
	}

}
