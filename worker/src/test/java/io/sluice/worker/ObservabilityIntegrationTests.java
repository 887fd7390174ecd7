package io.sluice.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.embedded.PrometheusScrape;
import io.sluice.worker.TestDatabase.JobRow;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static io.sluice.worker.TestJob.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker's probes on its main port and {@code /actuator/prometheus} on its management
 * port, scraped over HTTP while real jobs run. The context is shared with other test
 * classes, so counters are compared before and after a job, never read as absolute
 * values.
 */
class ObservabilityIntegrationTests extends WorkerIntegrationTest {

	private static final Map<String, String> WORKER = Map.of("application", "sluice-worker");

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void countsEveryPhotoByOutcomeExactlyOnce() {
		PrometheusScrape before = PrometheusScrape.of(this.managementPort);
		TestJob job = aJob().withPhotos(withOneBadCaption(1_000, 321)).inChunksOf(250).build();
		this.database.insertPhotos(job.albumId(), job.photos().subList(0, 100).stream().map(ChunkPhoto::url).toList());
		queued(job);
		TestJob cancelled = queued(aJob().withPhotos(200).inChunksOf(100).build());
		this.database.cancel(cancelled.id());
		this.kafka.publishAll(job);
		this.kafka.publishAll(cancelled);

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 4, 899, 100, 1, true));
		await().atMost(JOB_TIMEOUT).untilAsserted(() -> {
			PrometheusScrape after = PrometheusScrape.of(this.managementPort);
			assertThat(photos(after, "written") - photos(before, "written")).isEqualTo(899);
			assertThat(photos(after, "duplicate") - photos(before, "duplicate")).isEqualTo(100);
			assertThat(photos(after, "failed") - photos(before, "failed")).isEqualTo(1);
			assertThat(photos(after, "cancelled") - photos(before, "cancelled")).isEqualTo(200);
		});
	}

	@Test
	void timesChunkWritesByLaneAndOutcomeInAHistogram() {
		PrometheusScrape before = PrometheusScrape.of(this.managementPort);
		TestJob main = queued(aJob().withPhotos(400).inChunksOf(100).build());
		TestJob express = queued(aJob().withPhotos(50).build());
		this.kafka.publishAll(main);
		this.kafka.publishToExpressLane(express.chunks());
		awaitFinished(main.id());
		awaitFinished(express.id());

		await().atMost(JOB_TIMEOUT).untilAsserted(() -> {
			PrometheusScrape after = PrometheusScrape.of(this.managementPort);
			assertThat(writes(after, "main") - writes(before, "main")).isBetween(1.0, 4.0);
			assertThat(writes(after, "express") - writes(before, "express")).isEqualTo(1.0);
		});
		PrometheusScrape after = PrometheusScrape.of(this.managementPort);
		assertThat(after.samples("sluice_chunk_write_seconds_bucket",
				Map.of("application", "sluice-worker", "lane", "main", "outcome", "written")))
			.hasSizeGreaterThan(10)
			.anyMatch((bucket) -> bucket.contains("le=\"+Inf\""));
		assertThat(after.value("sluice_chunk_retries_total", WORKER)).isPresent();
		assertThat(after.value("sluice_intake_paused", WORKER)).hasValue(0.0);
	}

	@Test
	void exposesPoolListenerAndConsumerLagMetricsWithTheApplicationTag() {
		TestJob job = queued(aJob().withPhotos(300).inChunksOf(100).build());
		this.kafka.publishAll(job);
		awaitFinished(job.id());

		await().atMost(JOB_TIMEOUT).untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.of(this.managementPort);
			Map<String, String> pool = Map.of("application", "sluice-worker", "pool", "sluice-worker");
			for (String name : PrometheusScrape.POOL_SAMPLES) {
				assertThat(scrape.value(name, pool)).as(name).isPresent();
			}
			assertThat(scrape.samples("spring_kafka_listener_seconds_count", WORKER)).isNotEmpty();
			assertThat(scrape.samples("kafka_consumer_fetch_manager_records_lag_max", WORKER)).isNotEmpty();
			assertThat(scrape.samples("kafka_consumer_fetch_manager_records_lag",
					Map.of("application", "sluice-worker", "topic", "sluice.photo-chunks")))
				.isNotEmpty();
			assertThat(scrape.samples("sluice_jobs_stalled", WORKER)).isNotEmpty();
			assertThat(scrape.value("sluice_lease_connections", WORKER)).hasValue(CONCURRENCY + 1);
			assertThat(scrape.value("sluice_lease_budget", WORKER)).hasValue(FLEET_BUDGET);
			assertThat(scrape.value("sluice_lease_waiting", WORKER)).hasValue(0);
			for (String what : List.of("jobs", "keys")) {
				assertThat(scrape.samples("sluice_retention_deleted_total",
						Map.of("application", "sluice-worker", "what", what)))
					.as("retention's " + what)
					.isNotEmpty();
			}
			assertThat(scrape.value("sluice_retention_last_run_seconds", WORKER)).isPresent();
		});
	}

	@Test
	void answersLivenessAndReadinessWithTheDatabaseKafkaListenersAndLease() throws Exception {
		HttpResponse<String> livez = get("/livez");
		assertThat(livez.statusCode()).isEqualTo(200);
		assertThat(json.readTree(livez.body()).path("status").asString()).isEqualTo("UP");
		assertThat(get(this.managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);

		HttpResponse<String> readyz = get("/readyz");
		assertThat(readyz.statusCode()).isEqualTo(200);
		JsonNode readiness = json.readTree(readyz.body());
		assertThat(readiness.path("status").asString()).isEqualTo("UP");
		for (String component : List.of("readinessState", "db", "kafka", "listeners", "lease")) {
			assertThat(readiness.path("components").path(component).path("status").asString()).as(component)
				.isEqualTo("UP");
		}
		assertThat(get(this.managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	void servesTheActuatorOnItsManagementPortOnly() throws Exception {
		assertThat(get(this.managementPort, "/actuator/health").body()).contains("\"details\"");
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/health").statusCode()).isEqualTo(404);
	}

	@Test
	void isNotReadyWhileAListenerContainerIsStoppedButStaysLive() throws Exception {
		MessageListenerContainer express = this.listeners.getListenerContainer("chunk-express");
		express.stop();
		try {
			HttpResponse<String> readyz = get("/readyz");
			assertThat(readyz.statusCode()).isEqualTo(503);
			assertThat(json.readTree(readyz.body()).path("components").path("listeners").path("status").asString())
				.isEqualTo("DOWN");
			assertThat(get("/livez").statusCode()).isEqualTo(200);
		}
		finally {
			express.start();
		}
		await().atMost(JOB_TIMEOUT).untilAsserted(() -> assertThat(get("/readyz").statusCode()).isEqualTo(200));
	}

	private static double photos(PrometheusScrape scrape, String outcome) {
		return scrape.value("sluice_photos_total", Map.of("application", "sluice-worker", "outcome", outcome))
			.orElseThrow();
	}

	private static double writes(PrometheusScrape scrape, String lane) {
		return scrape
			.value("sluice_chunk_write_seconds_count",
					Map.of("application", "sluice-worker", "lane", lane, "outcome", "written"))
			.orElse(0);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(this.port, path);
	}

	private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private static List<ChunkPhoto> withOneBadCaption(int count, int bad) {
		long album = System.nanoTime();
		List<ChunkPhoto> photos = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String caption = (i == bad) ? "bad \u0000 caption" : "Photo " + i;
			photos.add(new ChunkPhoto("https://img.example/observed/" + album + "/" + i + ".jpg", caption));
		}
		return photos;
	}

}
