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
 * The API's probes and {@code /actuator/prometheus}, over HTTP and without a token, as a
 * load balancer and Prometheus reach them.
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
			PrometheusScrape scrape = PrometheusScrape.of(this.port);
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

		PrometheusScrape scrape = PrometheusScrape.of(this.port);

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
		assertThat(api().get("/actuator/health/liveness", null).status()).isEqualTo(200);

		Response readyz = api().get("/readyz", null);
		assertThat(readyz.status()).as(readyz.toString()).isEqualTo(200);
		JsonNode readiness = readyz.json();
		assertThat(readiness.path("status").asString()).isEqualTo("UP");
		for (String component : List.of("readinessState", "db", "kafka")) {
			assertThat(readiness.path("components").path(component).path("status").asString()).as(component)
				.isEqualTo("UP");
		}
		assertThat(api().get("/actuator/health/readiness", null).status()).isEqualTo(200);
	}

}
