package io.sluice.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import io.sluice.faults.FaultClient.Answer;
import io.sluice.faults.Workload.Job;
import io.sluice.local.ServiceProcess;
import io.sluice.embedded.ConnectionSampler;
import io.sluice.embedded.LatencyProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scale test: PostgreSQL, one Kafka broker, the API and one worker as separate
 * processes, the workers reaching PostgreSQL through a {@link LatencyProxy}; one
 * 100,000-photo job; while it runs, workers are added one by one up to four, then removed
 * one by one with {@code SIGTERM} down to one (each worker count processing
 * {@value #PHOTOS_PER_STEP_DOWN} photos before the next leaves), and the last worker
 * finishes the job with the database near again. Throughout, {@code pg_stat_activity} is
 * sampled every 20 ms for the workers' connections
 * ({@code application_name LIKE 'sluice-worker/%'}) and the job's progress is read
 * through the API every 500 ms.
 *
 * <p>
 * The fleet-wide connection budget {@code SLUICE_DB_CONNECTION_BUDGET} is 10, 2 of which
 * are kept for starting workers (ADR 0026), and each worker (2 consumer threads) wants 3
 * connections: two workers get 3, the third gets 2, the fourth gets none at first and
 * waits ({@code /readyz} 503 naming its {@code lease} component, its log says so) until a
 * leased worker leaves. Asserted: the workers' connections never above the budget in any
 * sample, the job {@code COMPLETED} with exactly 100,000 photo rows and a chunk ledger
 * that balances, and no worker dead but those the test stopped. The photos per second at
 * each worker count are reported (test log and {@code faults/target/scale-report.md}),
 * not asserted.
 *
 * <p>
 * <strong>A job that lasts.</strong> On this machine's two shared cores a 100,000-photo
 * job takes about a second, far too short to start workers during. So the database is
 * made to look far away from the workers: every byte between them and PostgreSQL is
 * delayed {@value #DEFAULT_DISTANCE_MS} ms each way by a latency proxy (the API's and
 * this test's connections are direct), the API cuts chunks of
 * {@value #DEFAULT_CHUNK_SIZE} photos, and each poll takes one chunk
 * ({@code max.poll.records=1}): a chunk's poll and transaction then take about half a
 * second, most of it in round trips, so one worker writes about as fast as it did with
 * the 750 ms commit latency this replaced (ADR 0029), and the job lasts minutes. Unlike a
 * wait added to one call, the delay is on every round trip, with its locks held: on
 * today's write path, where every chunk transaction updates its job's row, the job row
 * caps the pace at about one chunk per round trip ({@value #DEFAULT_CHUNK_SIZE} photos
 * per 80 ms), whatever the number of workers. Once the workers are down to one, the
 * distance drops to zero and the last worker finishes the job at once. How one job's
 * throughput scales with the real chunk sizes is the benchmark's business
 * ({@code ./sluice-bench --scenario=scale}, ADR 0038).
 * {@code -Dsluice.scale.distance-ms}, {@code -Dsluice.scale.chunk-size} and
 * {@code -Dsluice.scale.budget} change the figures.
 */
class ScaleIntegrationTests {

	private static final int DEFAULT_DISTANCE_MS = 40;

	private static final int DEFAULT_CHUNK_SIZE = 40;

	private static final int PHOTOS = 100_000;

	private static final int MAX_WORKERS = 4;

	/** Consumer threads per worker: each wants {@code C + 1} connections. */
	private static final int CONCURRENCY = 2;

	/** The fewest connections a worker runs with: one consumer thread and one spare. */
	private static final int SMALLEST_LEASE = 2;

	/** Connections of the budget no worker may lease: they are kept for starting ones. */
	private static final int KEPT_FOR_STARTING_WORKERS = 2;

	private static final int BUDGET = Integer.getInteger("sluice.scale.budget", 10);

	private static final Duration DISTANCE = Duration
		.ofMillis(Integer.getInteger("sluice.scale.distance-ms", DEFAULT_DISTANCE_MS));

	private static final int CHUNK_SIZE = Integer.getInteger("sluice.scale.chunk-size", DEFAULT_CHUNK_SIZE);

	/** What a worker with no lease logs. */
	private static final String WAITING_LINE = "Waiting for a connection lease";

	/** Generous: worker JVMs start in 10-20 s here, slower while the machine is busy. */
	private static final Duration WORKER_TIMEOUT = Duration.ofMinutes(3);

	/**
	 * Photos each worker count processes while workers are removed, before the next one
	 * leaves: enough for a reading of its pace.
	 */
	private static final int PHOTOS_PER_STEP_DOWN = 1_000;

	private FaultStack stack;

	@AfterEach
	void stopTheSystem() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void workersAddedOneByOneToFourAndRemovedWhileALargeJobRuns() {
		Path home = Path.of(System.getProperty("sluice.home", "..")).toAbsolutePath().normalize();
		Path target = home.resolve("faults").resolve("target");
		this.stack = FaultStack.startFarFromTheWorkers(home, target.resolve("scale"), 1, DISTANCE,
				(local) -> local.withApiEnvironment(Map.of("SLUICE_API_JOBS_CHUNKSIZE", String.valueOf(CHUNK_SIZE)))
					.withWorkerEnvironment(Map.of("SLUICE_WORKER_CONCURRENCY", String.valueOf(CONCURRENCY),
							"SLUICE_DB_CONNECTION_BUDGET", String.valueOf(BUDGET),
							"SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS", "1")));
		long started = System.nanoTime();
		List<ServiceProcess> leased = new CopyOnWriteArrayList<>(this.stack.liveWorkers());
		List<ServiceProcess> stopped = new ArrayList<>();
		List<String> steps = new ArrayList<>();
		long album = 1 + ThreadLocalRandom.current().nextInt(1_000_000_000);
		String key = UUID.randomUUID().toString();
		try (ConnectionSampler connections = ConnectionSampler.startAcrossOutages(this.stack.infrastructure(),
				"sluice-worker/%")) {
			Answer answer = this.stack.client().submit(Workload.body(album, PHOTOS), key);
			assertThat(answer.status()).as("the API accepts the job").isEqualTo(202);
			Job job = new Job(album, PHOTOS, key, answer.jobId());
			try (ThroughputLog throughput = ThroughputLog.start(this.stack.client(), job.id(), leased::size)) {
				ServiceProcess waiting = null;
				for (int count = 2; count <= MAX_WORKERS; count++) {
					ServiceProcess worker = this.stack.stack().startWorker(Map.of(), null);
					if (leaseFor(count) > 0) {
						worker.awaitReady(WORKER_TIMEOUT);
						leased.add(worker);
						steps.add(step(started, worker.name() + " ready", leased.size(), connections));
					}
					else {
						awaitWaitingForALease(worker);
						waiting = worker;
						steps.add(step(started, worker.name() + " waits for a lease", leased.size(), connections));
					}
				}
				assertThat(throughput.jobRunning()).as("the job still runs once the last worker has started").isTrue();

				while (leased.size() > 1) {
					awaitProcessed(throughput, throughput.processed() + PHOTOS_PER_STEP_DOWN);
					ServiceProcess leaving = leased.remove(leased.size() - 1);
					leaving.stop(Duration.ofSeconds(30));
					stopped.add(leaving);
					steps.add(step(started, leaving.name() + " stopped", leased.size(), connections));
					if (waiting != null) {
						waiting.awaitReady(WORKER_TIMEOUT);
						leased.add(waiting);
						steps.add(step(started, waiting.name() + " got a lease and is ready", leased.size(),
								connections));
						waiting = null;
					}
				}
				awaitProcessed(throughput, throughput.processed() + PHOTOS_PER_STEP_DOWN);
				assertThat(throughput.jobRunning()).as("the job still runs once the workers are down to one").isTrue();
				// The last worker finishes the job with the database near again: its pace
				// then is not a scaling figure, so the log stops first.
				throughput.close();
				this.stack.latency().delay(Duration.ZERO);
				steps.add(step(started, "the database is near again", leased.size(), connections));

				Verdict verdict = Verdict.of("workersAddedOneByOneToFourAndRemovedWhileALargeJobRuns", 0, this.stack,
						List.of(job), connections.peak(), BUDGET, started);
				ChunkAccounting accounting = this.stack.chunkAccounting(job.id());
				String report = report(throughput, connections, accounting, steps, started);
				System.out.println(verdict.line());
				System.out.println(report);
				write(target.resolve("scale-report.md"), report);

				assertThat(connections.samples()).as("pg_stat_activity was sampled").isPositive();
				assertThat(connections.peak()).as("the workers' connections in every sample, against the budget")
					.isLessThanOrEqualTo(BUDGET);
				assertThat(verdict.passed()).as(verdict.line()).isTrue();
				assertThat(accounting.balancedFor(PHOTOS)).as("the chunk ledger balances: " + accounting).isTrue();
				List<ServiceProcess> died = this.stack.stack()
					.workers()
					.stream()
					.filter((worker) -> !worker.isAlive() && !stopped.contains(worker))
					.toList();
				assertThat(died).as("workers that died on their own").isEmpty();
			}
		}
	}

	/**
	 * What the {@code n}th worker to start gets from the budget while the ones before it
	 * hold their leases: up to {@code C + 1} of what is left, less what is kept for
	 * starting workers.
	 */
	private static int leaseFor(int n) {
		int wanted = CONCURRENCY + 1;
		int leasable = BUDGET - KEPT_FOR_STARTING_WORKERS;
		int taken = 0;
		for (int i = 1; i < n; i++) {
			taken += grant(wanted, leasable - taken);
		}
		return grant(wanted, leasable - taken);
	}

	private static int grant(int wanted, int free) {
		int granted = Math.min(wanted, free);
		return (granted >= SMALLEST_LEASE) ? granted : 0;
	}

	private static void awaitWaitingForALease(ServiceProcess worker) {
		await().atMost(WORKER_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> !worker.isAlive() || logContains(worker, WAITING_LINE));
		assertThat(worker.isAlive()).as(worker.name() + " runs while it waits for a lease").isTrue();
		assertThat(worker.isReady()).as(worker.name() + " is not ready without a lease").isFalse();
		HttpResponse<String> readiness = readiness(worker);
		assertThat(readiness.statusCode()).as(worker.name() + "'s /readyz without a lease").isEqualTo(503);
		assertThat(readiness.body()).as(worker.name() + "'s /readyz names the lease").contains("\"lease\"");
	}

	private static HttpResponse<String> readiness(ServiceProcess worker) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.port() + "/readyz"))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not ask " + worker.name() + " whether it is ready", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Waits until the job has processed {@code photos} photos, or has ended. */
	private static void awaitProcessed(ThroughputLog throughput, int photos) {
		await().atMost(Verdict.SETTLE_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> !throughput.jobRunning() || throughput.processed() >= photos);
	}

	private static boolean logContains(ServiceProcess worker, String text) {
		try {
			return Files.readString(worker.log(), StandardCharsets.UTF_8).contains(text);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String step(long started, String what, int leased, ConnectionSampler connections) {
		String line = String.format(Locale.ROOT, "%6.1f s  %s: %d leased, worker connections peak so far %d",
				(System.nanoTime() - started) / 1e9, what, leased, connections.peak());
		System.out.println("scale: " + line);
		return line;
	}

	private static String report(ThroughputLog throughput, ConnectionSampler connections, ChunkAccounting accounting,
			List<String> steps, long started) {
		return String.format(Locale.ROOT,
				"""
						# Scale test report

						%s. One job of %,d photos in chunks of %d, one chunk per poll, every byte between the workers and
						PostgreSQL delayed %d ms each way (LatencyProxy); workers of %d consumer threads (%d connections each) under a fleet
						budget of %d; workers added one by one to %d, then removed with SIGTERM down to 1, which
						finished the job with the database near again (not counted below).

						Photos per second by workers holding a lease (read through the API every %d ms; each interval
						counts for the workers at its start):

						%s
						Worker connections in pg_stat_activity: peak %d (budget %d), %d samples, %d missed.
						Chunk ledger: %s.
						Whole test after start-up: %.0f s.

						Steps:

						```
						%s
						```
						""",
				Instant.now(), PHOTOS, CHUNK_SIZE, DISTANCE.toMillis(), CONCURRENCY, CONCURRENCY + 1, BUDGET,
				MAX_WORKERS, ThroughputLog.INTERVAL_MILLIS, throughput.table(), connections.peak(), BUDGET,
				connections.samples(), connections.missed(), accounting, (System.nanoTime() - started) / 1e9,
				String.join("\n", steps));
	}

	private static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
	}

}
