package io.sluice.api;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.ApiClient.Response;
import io.sluice.api.LargeBodies.Answer;
import io.sluice.api.limit.BodyAdmissionFilter;
import io.sluice.embedded.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.sluice.api.JobRequests.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No owner can starve the others (issue 14, ADR 0035), against the real API, PostgreSQL
 * and Kafka, with the production body size (32 MiB) and large-body rules. Its own
 * context: the shared one caps bodies at 256 KB. Event streams are polled every 50 ms
 * with at most 8 events queued and a 2 s write timeout, and the server's socket send
 * buffer is small, so that a client that stops reading blocks its stream's writes within
 * seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sluice.auth.jwt-secret=" + ApiIntegrationTest.SECRET, "sluice.api.publish.timeout=60s",
				"sluice.api.events.poll-interval=50ms", "sluice.api.events.heartbeat-interval=1s",
				"sluice.api.events.max-queued-events=8", "sluice.api.events.write-timeout=2s" })
@Import(OwnerFairnessIntegrationTests.SmallSendBuffers.class)
class OwnerFairnessIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/**
	 * Photos of each large job, and the length of their URLs: a body just under 32 MiB.
	 */
	private static final int PHOTOS = 20_000;

	private static final int URL_LENGTH = 1_650;

	private static final long MIB = 1024 * 1024;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private FilterRegistrationBean<BodyAdmissionFilter> bodyAdmission;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void twelveLargeBodiesFromOneOwnerLeaveTheApiReadyAndServingOthers() throws Exception {
		ApiClient api = new ApiClient(this.port, ApiIntegrationTest.SECRET);
		String alice = "fair-alice-" + UUID.randomUUID();
		String bob = "fair-bob-" + UUID.randomUUID();
		long bodyBytes = LargeBodies.generatedJobLength(PHOTOS, URL_LENGTH);
		assertThat(bodyBytes).isBetween(31 * MIB, 32 * MIB);
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		memory.gc();
		long baselineHeap = memory.getHeapMemoryUsage().getUsed();
		AtomicLong mostBytesInFlight = new AtomicLong();
		AtomicLong mostLiveHeap = new AtomicLong(baselineHeap);
		AtomicInteger heapSamples = new AtomicInteger();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleWithFixedDelay(() -> {
			long inFlight = admission().bodyBytesInFlight();
			mostBytesInFlight.accumulateAndGet(inFlight, Math::max);
			// the heap that stays after a collection while bodies are being received:
			// what they hold, not the garbage a young generation happens to contain
			if (inFlight > 0 && heapSamples.get() < 10) {
				heapSamples.incrementAndGet();
				memory.gc();
				mostLiveHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
			}
		}, 0, 300, TimeUnit.MILLISECONDS);
		List<CompletableFuture<Answer>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < 12; i++) {
				answers.add(LargeBodies.postGeneratedJobAsync(this.port, api.tokenFor(alice), PHOTOS, URL_LENGTH));
			}
			await().atMost(WAIT).until(() -> admission().bodyBytesInFlight() > 0);

			long startNanos = System.nanoTime();
			Response submitted = api.postJob(api.tokenFor(bob), aJob().withPhotos(50).toJson());
			assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
			Response read = api.get(submitted.header("Location"), api.tokenFor(bob));
			assertThat(read.status()).as(read.toString()).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - startNanos))
				.as("bob submits and reads his job while alice's bodies are in flight")
				.isLessThan(Duration.ofSeconds(5));
			assertThat(api.get("/readyz", null).status()).isEqualTo(200);

			CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
		}
		finally {
			sampler.shutdownNow();
		}

		int accepted = 0;
		int refused = 0;
		for (CompletableFuture<Answer> future : answers) {
			Answer answer = future.get();
			if (answer.status() == 202) {
				accepted++;
			}
			else {
				assertThat(answer.status()).as(answer.toString()).isEqualTo(429);
				assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
				assertThat(answer.json().get("type").asString()).isEqualTo("urn:sluice:problem:too-many-large-bodies");
				assertThat(answer.header("Retry-After")).isEqualTo("2");
				refused++;
			}
		}
		assertThat(refused).as("bodies refused unread beyond alice's two in flight").isPositive();
		assertThat(accepted).isPositive();
		assertThat(jobsOf(alice)).as("a job for each 202 and none for a 429").isEqualTo(accepted);
		assertThat(mostBytesInFlight.get()).as("never more than two of alice's bodies (and bob's small one) at once")
			.isLessThanOrEqualTo(2 * bodyBytes + 64 * 1024);
		long heldByBodies = mostLiveHeap.get() - baselineHeap;
		// two bodies in flight, each held at most three times over while it is parsed and
		// published (its text as strings, its encoded chunks, the producer's batches):
		// 2 x 3 x 32 MiB. Twelve bodies read at once could hold six times that. Measured
		// here: 65 to 115 MiB.
		assertThat(heldByBodies)
			.as("live heap held while the bodies were in flight (baseline %d MiB, %d sample(s), %d accepted, "
					+ "%d refused)", baselineHeap / MIB, heapSamples.get(), accepted, refused)
			.isLessThan(2 * 3 * 32 * MIB);
		assertThat(api.get("/readyz", null).status()).isEqualTo(200);
	}

	@Test
	void aClientThatStopsReadingDelaysNoOtherStream() throws Exception {
		ApiClient api = new ApiClient(this.port, ApiIntegrationTest.SECRET);
		String carol = api.tokenFor("fair-carol-" + UUID.randomUUID());
		String dave = api.tokenFor("fair-dave-" + UUID.randomUUID());
		String stalledJob = submit(api, carol);
		String liveJob = submit(api, dave);
		double streamsBefore = openStreams();
		ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
		try (Socket stalled = new Socket(); EventStream live = api.events(eventsOf(liveJob), dave, null)) {
			stalled.setReceiveBufferSize(2048);
			stalled.connect(new InetSocketAddress("127.0.0.1", this.port));
			OutputStream out = stalled.getOutputStream();
			out.write(("GET " + eventsOf(stalledJob) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + carol
					+ "\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(WAIT).until(() -> openStreams() == streamsBefore + 2);
			// a new view of the stalled job on every tick, which its client never reads
			AtomicInteger progress = new AtomicInteger();
			worker.scheduleAtFixedRate(() -> progress(stalledJob, progress.incrementAndGet()), 0, 20,
					TimeUnit.MILLISECONDS);

			int round = 0;
			int roundsAfterRelease = 0;
			while (roundsAfterRelease < 3) {
				round++;
				progress(liveJob, round);
				int expected = round + 1;
				await("round " + round + ": the live stream's view within a second").atMost(Duration.ofSeconds(1))
					.until(() -> live.events().size() >= expected);
				if (openStreams() == streamsBefore + 1) {
					roundsAfterRelease++;
				}
				assertThat(round).as("the stalled stream's slot was freed").isLessThan(60);
			}
			assertThat(live.events().get(live.events().size() - 1).json().get("photos").get("written").asInt())
				.isEqualTo(round);
		}
		finally {
			worker.shutdownNow();
		}
	}

	private void progress(String job, int written) {
		this.jdbc.update("""
				UPDATE import_job SET status = 'RUNNING', written = ?, updated_at = clock_timestamp()
				WHERE id = ?::uuid
				""", written, job);
	}

	private static String submit(ApiClient api, String token) {
		Response created = api.postJob(token, aJob().withPhotos(1_000).toJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(202);
		return created.json().get("id").asString();
	}

	private static String eventsOf(String job) {
		return "/api/v1/jobs/" + job + "/events";
	}

	private double openStreams() {
		return this.meters.get("sluice.api.events.streams").gauge().value();
	}

	private int jobsOf(String owner) {
		return this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE owner = ?", Integer.class, owner);
	}

	private BodyAdmissionFilter admission() {
		return this.bodyAdmission.getFilter();
	}

	/**
	 * A small socket send buffer (4 KiB; Linux doubles it), so that a client that stops
	 * reading blocks the server's writes after a few kilobytes instead of megabytes.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class SmallSendBuffers {

		@Bean
		TomcatConnectorCustomizer smallSendBuffers() {
			return (connector) -> connector.setProperty("socket.txBufSize", "4096");
		}

	}

}
