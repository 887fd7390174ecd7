package io.sluice.api;

import java.util.List;
import java.util.Map;

import io.sluice.api.ApiClient.Response;
import io.sluice.common.job.JobStatus;
import io.sluice.embedded.PrometheusScrape;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.sluice.api.JobRequests.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API's probes on the public port and {@code /actuator/prometheus} and
 * {@code /actuator/health} on the management port, over HTTP and without a token, as a
 * load balancer and Prometheus reach them; and nothing of the actuator on the public
 * port.
 */
class ObservabilityIntegrationTests extends ApiIntegrationTest {

	private static final Map<String, String> API = Map.of("application", "sluice-api");

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void countsJobsByStatusExactlyAsTheDatabaseHoldsThem() {
		String token = api().tokenFor("observed-owner");
		for (int i = 0; i < 3; i++) {
			Response created = api().postJob(token, aJob().withPhotos(5).toJson());
			assertThat(created.status()).as(created.toString()).isEqualTo(202);
		}
		this.jdbc.update("UPDATE import_job SET status = 'CANCELLED', finished_at = now() WHERE id = "
				+ "(SELECT id FROM import_job WHERE owner = 'observed-owner' AND status = 'QUEUED' LIMIT 1)");

		await().untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.of(this.managementPort);
			for (JobStatus status : JobStatus.values()) {
				long inDatabase = this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE status = ?",
						Long.class, status.name());
				assertThat(scrape.value("sluice_jobs", Map.of("application", "sluice-api", "status", status.name())))
					.as(status.name())
					.hasValue(inDatabase);
			}
		});
	}

	@Test
	void exposesPoolAndRequestMetricsWithTheApplicationTag() {
		assertThat(api().get("/readyz", null).status()).isEqualTo(200);

		PrometheusScrape scrape = PrometheusScrape.of(this.managementPort);

		Map<String, String> pool = Map.of("application", "sluice-api", "pool", "sluice-api");
		for (String name : PrometheusScrape.POOL_SAMPLES) {
			assertThat(scrape.value(name, pool)).as(name).isPresent();
		}
		assertThat(scrape.samples("http_server_requests_seconds_count", API)).isNotEmpty();
		assertThat(scrape.samples("jvm_memory_used_bytes", API)).isNotEmpty();
	}

	@Test
	void answersLivenessAndReadinessWithTheDatabaseAndKafkaWithoutAToken() {
		Response livez = api().get("/livez", null);
		assertThat(livez.status()).as(livez.toString()).isEqualTo(200);
		assertThat(livez.json().path("status").asString()).isEqualTo("UP");
		assertThat(management().get("/actuator/health/liveness", null).status()).isEqualTo(200);

		Response readyz = api().get("/readyz", null);
		assertThat(readyz.status()).as(readyz.toString()).isEqualTo(200);
		JsonNode readiness = readyz.json();
		assertThat(readiness.path("status").asString()).isEqualTo("UP");
		for (String component : List.of("readinessState", "db", "kafka")) {
			assertThat(readiness.path("components").path(component).path("status").asString()).as(component)
				.isEqualTo("UP");
		}
		assertThat(management().get("/actuator/health/readiness", null).status()).isEqualTo(200);
		assertThat(readiness.path("components").path("db").has("details")).as("/readyz is public: no details")
			.isFalse();
	}

	@Test
	void showsHealthDetailsOnTheManagementPortOnly() {
		Response health = management().get("/actuator/health", null);

		assertThat(health.status()).as(health.toString()).isEqualTo(200);
		assertThat(health.json().path("components").path("db").path("details").path("database").asString())
			.isEqualTo("PostgreSQL");
	}

	@Test
	void servesNothingOfTheActuatorOnThePublicPort() {
		String token = api().tokenFor("actuator-prober");
		for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/health",
				"/actuator/health/readiness", "/actuator/env")) {
			Response anonymous = api().get(path, null);
			Response authenticated = api().get(path, token);

			assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
			assertThat(anonymous.contentType()).as(anonymous.toString()).startsWith("application/problem+json");
			assertThat(authenticated.status()).as(authenticated.toString()).isEqualTo(404);
			assertThat(authenticated.contentType()).as(authenticated.toString()).startsWith("application/problem+json");
			assertThat(authenticated.body()).doesNotContain("jvm_", "sluice_jobs", "PostgreSQL");
		}
	}

}
