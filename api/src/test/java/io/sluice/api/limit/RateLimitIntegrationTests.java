package io.sluice.api.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.sluice.api.ApiClient;
import io.sluice.api.ApiClient.Response;
import io.sluice.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-owner request rate limit (defaults: 50 requests/s, bursts of 100) on
 * {@code /api/v1/**}. Requests go out concurrently, so that they outpace the refill
 * however slow the machine.
 */
class RateLimitIntegrationTests extends ApiIntegrationTest {

	private static final int BATCH = 150;

	@Test
	void refusesAnOwnerPastItsBurstWithRetryAfterAndLeavesOthersAlone() throws Exception {
		ApiClient api = api();
		String owner = "rate-" + UUID.randomUUID();
		String token = api.tokenFor(owner);
		AtomicReference<Response> limited = new AtomicReference<>();
		ExecutorService clients = Executors.newFixedThreadPool(16);
		try {
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(10)).until(() -> {
				for (Response response : batch(clients, api, token)) {
					if (response.status() == 429) {
						limited.set(response);
						return true;
					}
					assertThat(response.status()).as(response.toString()).isEqualTo(200);
				}
				return false;
			});
		}
		finally {
			clients.shutdownNow();
		}

		Response refused = limited.get();
		assertThat(refused.contentType()).startsWith("application/problem+json");
		JsonNode problem = refused.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:sluice:problem:too-many-requests");
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/jobs");
		assertThat(Long.parseLong(refused.header("Retry-After"))).as("a token is back within 20 ms, rounded up")
			.isEqualTo(1);
		Response otherOwner = api.get("/api/v1/jobs", api.tokenFor("rate-" + UUID.randomUUID()));
		assertThat(otherOwner.status()).as(otherOwner.toString()).isEqualTo(200);
		assertThat(api.get("/livez", token).status()).as("health is not limited").isEqualTo(200);
		assertThat(api.get("/v3/api-docs", token).status()).as("the API document is not limited").isEqualTo(200);
	}

	private static List<Response> batch(ExecutorService clients, ApiClient api, String token) throws Exception {
		List<Future<Response>> answers = new ArrayList<>();
		for (int i = 0; i < BATCH; i++) {
			answers.add(clients.submit(() -> api.get("/api/v1/jobs?limit=1", token)));
		}
		List<Response> responses = new ArrayList<>();
		for (Future<Response> answer : answers) {
			responses.add(answer.get(60, TimeUnit.SECONDS));
		}
		return responses;
	}

}
