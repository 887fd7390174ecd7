package io.sluice.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.sluice.embedded.FreePorts;
import io.sluice.embedded.PrometheusScrape;
import io.sluice.embedded.TestInfrastructure;
import io.sluice.worker.TestDatabase.JobRow;
import io.sluice.worker.intake.IntakePause;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.sluice.worker.TestJob.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker reaches PostgreSQL through a TCP proxy that the test closes (every
 * connection cut, new ones refused) and opens again: intake must pause rather than retry,
 * dead-letter or fail anything, and resume within 10 s of the database answering. Its
 * context is closed after the class: a worker left behind on a closed proxy would keep
 * taking partitions from the next test class's worker.
 */
@DirtiesContext
class DatabaseOutageIntegrationTests extends WorkerIntegrationTest {

	private static NioReactor reactor;

	private static TcpCrusher proxy;

	@Autowired
	IntakePause pause;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) throws IOException {
		String jdbcUrl = TestInfrastructure.shared().jdbcUrl();
		URI database = URI.create(jdbcUrl.substring("jdbc:".length()));
		int port = FreePorts.find();
		reactor = new NioReactor();
		proxy = TcpCrusherBuilder.builder()
			.withReactor(reactor)
			.withBindAddress("127.0.0.1", port)
			.withConnectAddress(database.getHost(), database.getPort())
			.buildAndOpen();
		// Bound onto the pool itself, so it wins over the base class's
		// spring.datasource.url
		registry.add("spring.datasource.hikari.jdbc-url",
				() -> jdbcUrl.replace("//" + database.getHost() + ":" + database.getPort(), "//127.0.0.1:" + port));
	}

	@AfterAll
	static void closeProxy() {
		proxy.close();
		reactor.close();
	}

	@Test
	void pausesIntakeWhileTheDatabaseIsUnreachableAndResumesWithinTenSecondsOfItsReturn() throws Exception {
		TestJob job = queued(aJob().withPhotos(20_000).inChunksOf(500).build());
		job.chunks().subList(0, 20).forEach(this.kafka::publish);
		await().atMost(JOB_TIMEOUT).until(() -> this.database.job(job.id()).chunksDone() == 20);

		double retriesBefore = retries();
		proxy.close();
		job.chunks().subList(20, 40).forEach(this.kafka::publish);
		await().atMost(Duration.ofSeconds(60)).until(this.pause::isPaused);
		await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.pause.isPaused()).isTrue();
			assertThat(this.database.job(job.id())).isEqualTo(new JobRow("RUNNING", 20, 10_000, 0, 0, false));
			assertThat(this.kafka.deadLetters(job.id().toString())).isEmpty();
		});
		// what an operator sees meanwhile: paused and retried in the metrics, not ready
		// because of the database, still live
		PrometheusScrape paused = PrometheusScrape.of(this.managementPort);
		assertThat(paused.value("sluice_intake_paused", Map.of("application", "sluice-worker"))).hasValue(1.0);
		assertThat(retries()).isGreaterThan(retriesBefore);
		assertThat(status("/readyz")).isEqualTo(503);
		assertThat(status("/livez")).isEqualTo(200);

		proxy.open();
		Instant reopened = Instant.now();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.pause.isPaused());
		assertThat(Duration.between(reopened, Instant.now())).isLessThan(Duration.ofSeconds(10));
		assertThat(PrometheusScrape.of(this.managementPort)
			.value("sluice_intake_paused", Map.of("application", "sluice-worker"))).hasValue(0.0);

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED", 40, 20_000, 0, 0, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(20_000);
		assertThat(this.kafka.deadLetters(job.id().toString())).isEmpty();
		await().atMost(Duration.ofSeconds(30)).until(() -> status("/readyz") == 200);
	}

	private double retries() {
		return PrometheusScrape.of(this.managementPort)
			.value("sluice_chunk_retries_total", Map.of("application", "sluice-worker"))
			.orElseThrow();
	}

	private int status(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
