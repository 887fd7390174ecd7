package io.sluice.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.faults.FaultClient.Answer;
import io.sluice.faults.FaultClient.JobView;
import io.sluice.faults.Workload.Job;
import io.sluice.faults.hook.HaltAfterCommitDriver;
import io.sluice.local.ServiceProcess;
import io.sluice.embedded.ConnectionSampler;
import io.sluice.embedded.KafkaBroker;
import io.sluice.embedded.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

import static io.sluice.faults.FaultCases.holdFor;
import static io.sluice.faults.FaultCases.pauseFor;
import static io.sluice.faults.FaultCases.pick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite: PostgreSQL, one Kafka broker, the API and two workers as separate
 * processes; for each case a workload of at least 20,000 photos, a fault injected at a
 * moment drawn from a printed seed ({@code -Dsluice.faults.seed=N} replays it), and the
 * {@link Verdict}: nothing lost, nothing doubled, every job terminal, nothing transient
 * dead-lettered, connections within the cap. Each case prints one line
 * {@code case: PASS|FAIL lost=0 duplicated=0 jobs=N seconds=S seed=X}.
 *
 * <p>
 * Workers run with a short {@code max.poll.interval.ms} (15 s) and session timeout (6 s),
 * and the reconciler fails a job left {@code PENDING} after 30 s, so that the zombie and
 * the killed-API cases fit in a test run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIntegrationTests {

	private static final long SEED = Long.getLong("sluice.faults.seed", System.nanoTime());

	private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(15);

	/** How long the reconciler lets a job stay PENDING with no chunk in the suite. */
	private static final Duration PENDING_TIMEOUT = Duration.ofSeconds(30);

	/** What PostgreSQL says when it refuses a connection for want of a slot (53300). */
	private static final String TOO_MANY_CLIENTS = "too many clients already";

	private static FaultStack stack;

	private static FaultCases cases;

	@BeforeAll
	static void startTheSystem() {
		Path home = Path.of(System.getProperty("sluice.home", "..")).toAbsolutePath().normalize();
		System.out.println("Fault suite seed: " + SEED + " (replay with -Dsluice.faults.seed=" + SEED + ")");
		stack = FaultStack.start(home, home.resolve("faults").resolve("target").resolve("faults"), Map.of(
				"SPRING_KAFKA_CONSUMER_MAX_POLL_INTERVAL", MAX_POLL_INTERVAL.toSeconds() + "s",
				"SPRING_KAFKA_CONSUMER_HEARTBEAT_INTERVAL", "2s", "SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS",
				"6000", "SLUICE_WORKER_RECONCILER_INTERVAL", "5s", "SLUICE_WORKER_RECONCILER_PENDINGTIMEOUT",
				PENDING_TIMEOUT.toSeconds() + "s",
				// both must be shorter than the poll interval (SessionBounds)
				"SLUICE_WORKER_DB_STATEMENTTIMEOUT", "12s", "SLUICE_WORKER_DB_IDLEINTRANSACTIONTIMEOUT", "10s"));
		cases = new FaultCases(stack, SEED);
	}

	@AfterAll
	static void stopTheSystem() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(1)
	void workerKilled(TestInfo test) {
		cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
			ServiceProcess victim = pick(random, stack.liveWorkers());
			victim.kill();
			stack.stack().addWorker();
		});
	}

	@Test
	@Order(2)
	void workerHaltedAfterACommitBeforeItsOffsetCommit(TestInfo test) throws IOException {
		Path trigger = Files.createTempFile(stack.directory(), "halt-after-commit", ".trigger");
		Files.delete(trigger);
		ServiceProcess halting = stack.addWorkerHaltingAfterCommit(trigger);
		FaultStack.awaitChunkPartitions(halting);
		cases.run(test, 4, 6_000, Duration.ofMillis(300), 1, (random) -> {
			try {
				Files.createFile(trigger);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			await().atMost(Duration.ofMinutes(1)).until(() -> !halting.isAlive());
			stack.stack().addWorker();
		});
		assertThat(Files.readString(halting.log())).as("the worker halted right after a commit")
			.contains(HaltAfterCommitDriver.HALT_LINE);
	}

	@Test
	@Order(3)
	void workerFrozenLongerThanThePollInterval(TestInfo test) {
		cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
			ServiceProcess zombie = pick(random, stack.liveWorkers());
			holdFor(MAX_POLL_INTERVAL.plusSeconds(5), () -> zombie.signal("STOP"), () -> zombie.signal("CONT"));
		});
	}

	@Test
	@Order(4)
	void workersAddedAndRemoved(TestInfo test) {
		cases.run(test, 6, 4_000, Duration.ofMillis(500), 1, (random) -> {
			stack.stack().addWorker();
			pauseFor(Duration.ofMillis(random.nextInt(1_000)));
			pick(random, stack.liveWorkers()).stop(Duration.ofSeconds(30));
		});
	}

	@Test
	@Order(5)
	void brokerKilledAndRestarted(TestInfo test) {
		cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
			stack.infrastructure().kafka().kill();
			pauseFor(Duration.ofMillis(2_000 + random.nextInt(3_000)));
			stack.infrastructure().kafka().start();
		});
	}

	@Test
	@Order(6)
	void brokerStoppedForAMinute(TestInfo test) {
		cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
			KafkaBroker broker = stack.infrastructure().kafka();
			holdFor(Duration.ofSeconds(60), broker::stop, broker::start);
		});
	}

	@Test
	@Order(7)
	void postmasterFrozenWhileWorkerConnectionsAreCut(TestInfo test) {
		cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
			try (Connection admin = stack.connect()) {
				stack.signalPostmaster("STOP");
				try {
					stack.terminateWorkerConnections(admin);
					pauseFor(Duration.ofSeconds(30));
				}
				finally {
					stack.signalPostmaster("CONT");
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@Test
	@Order(8)
	void postgresStoppedForThirtySeconds(TestInfo test) {
		cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
			PostgresServer postgres = stack.infrastructure().postgres();
			holdFor(Duration.ofSeconds(30), postgres::stopImmediately, postgres::startAgain);
		});
	}

	@Test
	@Order(9)
	void connectionsRefusedWhileEverySlotIsTaken(TestInfo test) {
		long refusalsLoggedBefore = stack.linesInLogs(TOO_MANY_CLIENTS);
		// Taking ~90 slots takes a second or two: done before the work starts, leaving
		// one
		// for the case's connection sampler. Sluice keeps the connections it has open.
		try (ConnectionHog hog = stack.hogConnections(1)) {
			cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
				for (int round = 0; round < 20; round++) {
					hog.cutSluiceConnectionsAndTakeTheirSlots(Duration.ofMillis(500));
					pauseFor(Duration.ofMillis(500));
				}
				System.out.println("connectionsRefusedWhileEverySlotIsTaken: held " + hog.held()
						+ " connections; the server refused " + hog.refusals() + " of the hog's own attempts");
				hog.close();
			});
		}
		assertThat(stack.linesInLogs(TOO_MANY_CLIENTS)).as("Sluice's logs show its connections refused (53300)")
			.isGreaterThan(refusalsLoggedBefore);
	}

	@Test
	@Order(10)
	void proxyBetweenWorkersAndPostgresFrozen(TestInfo test) {
		stack.moveWorkersBehindAProxy();
		cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
			holdFor(Duration.ofSeconds(20), stack::freezeWorkerProxy, stack::unfreezeWorkerProxy);
		});
	}

	@Test
	@Order(11)
	void apiKilledWhileAcceptingALargeJob(TestInfo test) {
		long seed = cases.seedOf(FaultCases.nameOf(test));
		Random random = new Random(seed);
		long started = System.nanoTime();
		long album = 1 + random.nextInt(1_000_000_000);
		byte[] body = Workload.body(album, 100_000);
		String key = UUID.randomUUID().toString();
		try (ConnectionSampler connections = ConnectionSampler.startAcrossOutages(stack.infrastructure(), "sluice-%")) {
			CompletableFuture<Answer> cutShort = CompletableFuture.supplyAsync(() -> stack.client().submit(body, key));
			pauseFor(Duration.ofMillis(10 + random.nextInt(140)));
			try {
				stack.stack().api().kill();
			}
			finally {
				stack.stack().restartApi();
			}
			// Usually the request dies with the API; a warm API may have answered first.
			System.out.println("apiKilledWhileAcceptingALargeJob: the killed request "
					+ ((cutShort.join().status() == 0) ? "got no answer" : "was answered " + cutShort.join().status()));

			// The client retries with the same key until its job completes. A retry finds
			// the job the killed request left, if any: still PENDING when its publish
			// never committed, until the reconciler fails it and releases the key, after
			// which the next retry makes a new job.
			AtomicReference<UUID> current = new AtomicReference<>();
			List<UUID> seen = new ArrayList<>();
			await().atMost(PENDING_TIMEOUT.multipliedBy(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
				if (current.get() == null) {
					Answer answer = stack.client().submit(body, key);
					if (answer.status() == 202) {
						current.set(answer.jobId());
						seen.add(answer.jobId());
					}
					return false;
				}
				JobView view = stack.client().read(current.get()).orElseThrow();
				if (view.status().equals("FAILED")) {
					current.set(null);
				}
				return view.status().equals("COMPLETED");
			});
			Job job = new Job(album, 100_000, key, current.get());
			System.out.println("apiKilledWhileAcceptingALargeJob: jobs seen by the retrying client " + seen);
			cases.judge(FaultCases.nameOf(test), seed, List.of(job), connections, stack.connectionCap(), started,
					List.of());
		}
	}

	@Test
	@Order(12)
	void onePoisonPhotoInEachJobIsIsolated(TestInfo test) {
		stack.rejectPoisonPhotos();
		try {
			// The fault is in the data: one photo per job breaks a database rule.
			cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, true, (random) -> {
			});
		}
		finally {
			stack.acceptPoisonPhotos();
		}
	}

	@Test
	@Order(13)
	void unreadableRecordAndUnknownJobBesideRealWork(TestInfo test) {
		String garbageKey = "garbage-" + UUID.randomUUID();
		PhotoChunk orphan = new PhotoChunk(PhotoChunk.SCHEMA_VERSION, UUID.randomUUID(), "nobody", 1, 0, 1, 0,
				List.of(new ChunkPhoto("https://img.example/orphan.jpg", null)));
		cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
			stack.publishRaw(garbageKey, "\u0001 not a chunk".getBytes(StandardCharsets.UTF_8));
			stack.publishRaw(orphan.key(), new ChunkCodec().encode(orphan));
		});
		await().atMost(Duration.ofMinutes(1))
			.untilAsserted(() -> assertThat(stack.deadLettersOf(List.of(orphan.jobId()))).hasSize(1));
	}

	@Test
	@Order(14)
	void twentyIdenticalRequestsAtOnceMakeOneJob(TestInfo test) {
		long started = System.nanoTime();
		Random random = new Random(SEED + 7);
		long album = 1 + random.nextInt(1_000_000_000);
		byte[] body = Workload.body(album, 20_000);
		String key = UUID.randomUUID().toString();
		List<CompletableFuture<Answer>> answers = new ArrayList<>();
		try (ConnectionSampler connections = ConnectionSampler.startAcrossOutages(stack.infrastructure(), "sluice-%")) {
			for (int i = 0; i < 20; i++) {
				answers.add(CompletableFuture.supplyAsync(() -> submitUntilAdmitted(body, key)));
			}
			Set<UUID> jobs = new HashSet<>();
			for (CompletableFuture<Answer> answer : answers) {
				assertThat(answer.join().status()).isEqualTo(202);
				jobs.add(answer.join().jobId());
			}
			assertThat(jobs).hasSize(1);
			Job job = new Job(album, 20_000, key, jobs.iterator().next());
			cases.judge(FaultCases.nameOf(test), SEED + 7, List.of(job), connections, stack.connectionCap(), started,
					List.of());
		}
	}

	/**
	 * Submits as a client does that honours {@code 429}: a body of 20,000 photos is a
	 * large one, and an owner may have only two in flight (ADR 0035), so most of twenty
	 * at once are refused unread with {@code Retry-After: 2} and sent again.
	 */
	private static Answer submitUntilAdmitted(byte[] body, String key) {
		AtomicReference<Answer> answer = new AtomicReference<>();
		await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2)).until(() -> {
			answer.set(stack.client().submit(body, key));
			return answer.get().status() != 429;
		});
		return answer.get();
	}

	@Test
	@Order(15)
	void replayFromTheEarliestOffsetWritesNothingNew(TestInfo test) {
		long started = System.nanoTime();
		List<Job> allJobs = cases.judged();
		List<JobView> before = cases.views(allJobs);
		List<Integer> rowsBefore = allJobs.stream().map((job) -> stack.photosInAlbum(job.albumId())).toList();
		for (ServiceProcess worker : stack.liveWorkers()) {
			worker.stop(Duration.ofSeconds(30));
		}
		stack.resetWorkerOffsetsToEarliest();
		stack.stack().addWorker();
		stack.stack().addWorker();
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(stack::workersCaughtUp);

		List<JobView> after = cases.views(allJobs);
		List<Integer> rowsAfter = allJobs.stream().map((job) -> stack.photosInAlbum(job.albumId())).toList();
		long newRows = 0;
		for (int i = 0; i < rowsAfter.size(); i++) {
			newRows += rowsAfter.get(i) - rowsBefore.get(i);
		}
		Verdict verdict = new Verdict(FaultCases.nameOf(test), SEED, allJobs.size(), 0, newRows,
				before.equals(after) ? List.of() : List.of("job views changed by the replay"),
				Duration.ofNanos(System.nanoTime() - started).toSeconds());
		System.out.println(verdict.line());
		assertThat(verdict.passed()).as(verdict.line()).isTrue();
	}

}
