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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import io.sluice.faults.FaultClient.JobView;
import io.sluice.faults.Workload.Job;
import io.sluice.faults.hook.FreezeBeforeCommitDriver;
import io.sluice.faults.hook.FreezeInCopyDriver;
import io.sluice.faults.hook.HaltBeforeRecordingFailedDriver;
import io.sluice.local.ServiceProcess;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

import static io.sluice.faults.FaultCases.holdFor;
import static io.sluice.faults.FaultCases.pauseFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Database incidents, as a managed PostgreSQL has them, on a fault stack of their own
 * (PostgreSQL, one Kafka broker, the API and two workers as separate processes): for each
 * case a workload of 4 jobs of 6,000 photos, an incident injected into the chunk writes
 * of the running jobs (most for {@value #INCIDENT_SECONDS} s), and the {@link Verdict}.
 * Each case prints one line {@code case: PASS|FAIL lost=0 duplicated=0 jobs=N seconds=S
 * seed=X}, replayable with {@code -Dsluice.faults.seed=N}.
 *
 * <p>
 * Every SQLState the database raises for itself (full, out of memory, cancelled, I/O
 * error, internal error, read-only after a failover, a serialization failure, a lost
 * connection, starting up) and one it raises for a broken schema (a missing column) must
 * cost time and never data: every job {@code COMPLETED} with exact rows and nothing on
 * the dead-letter topic. Only a chunk the database refuses for the chunk's own data may
 * be dead-lettered, and then it is published first and recorded {@code FAILED} second.
 *
 * <p>
 * The errors are raised by triggers ({@link DatabaseIncidents}); every worker runs
 * {@link HaltBeforeRecordingFailedDriver}, which does nothing until its trigger file
 * exists. Workers run with the fault suite's short Kafka timeouts (session 6 s, poll
 * interval 15 s) and end a session idle inside a transaction after
 * {@value #IDLE_IN_TRANSACTION_SECONDS} s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseIncidentSuiteIntegrationTests {

	private static final long SEED = Long.getLong("sluice.faults.seed", System.nanoTime());

	private static final int INCIDENT_SECONDS = 20;

	/** How long an incident lasts. */
	private static final Duration INCIDENT = Duration.ofSeconds(INCIDENT_SECONDS);

	/**
	 * How long each SQLState of a case that raises several in turn lasts: three probes of
	 * each paused worker at least.
	 */
	private static final Duration STATE_IN_TURN = Duration.ofSeconds(3);

	private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

	private static final int IDLE_IN_TRANSACTION_SECONDS = 5;

	/**
	 * The workers' {@code idle_in_transaction_session_timeout}: PostgreSQL ends a frozen
	 * worker's session, and releases its locks, this long after its last statement.
	 */
	private static final Duration IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(IDLE_IN_TRANSACTION_SECONDS);

	/**
	 * How long, from the moment a worker freezes inside a chunk transaction, the other
	 * workers may take to end every job: its session ended by PostgreSQL, its partitions
	 * handed over by Kafka, and 20 s for a chunk stuck behind its locks to spend its
	 * retries, pause intake, resume and be written, and for the rest of the jobs.
	 */
	private static final Duration FROZEN_WORKER_BOUND = IDLE_IN_TRANSACTION_TIMEOUT.plus(SESSION_TIMEOUT)
		.plusSeconds(20);

	/**
	 * The workers' lease: a frozen worker's lease is reclaimed, and its sessions ended,
	 * at most {@code ttl + heartbeat} after its last heartbeat. The time to live is
	 * shorter than the default 60 s, and still leaves a 20 s incident well inside the 32
	 * s a worker writes without a heartbeat ({@code ttl - 2 x heartbeat}).
	 */
	private static final Duration LEASE_TTL = Duration.ofSeconds(40);

	private static final Duration LEASE_HEARTBEAT = Duration.ofSeconds(4);

	/**
	 * How long, from the moment a worker freezes in the middle of a {@code COPY}, the
	 * other workers may take to end every job: its lease reclaimed and its sessions
	 * ended, and 20 s for the chunk stuck behind its locks to be written, and for the
	 * rest.
	 */
	private static final Duration FROZEN_IN_COPY_BOUND = LEASE_TTL.plus(LEASE_HEARTBEAT).plusSeconds(20);

	/** What a worker logs when it ends the sessions of a worker whose lease expired. */
	private static final String SESSIONS_ENDED = "sessions (application_name";

	/** A data exception no photo causes: raised by a chunk's ledger row. */
	private static final String INVALID_PARAMETER_VALUE = "22023";

	/** What a worker's log shows for every write a read-only database refuses (25006). */
	private static final String READ_ONLY_REFUSAL = "in a read-only transaction";

	/** What the API logs when it answers 503 to a submission for the database's sake. */
	private static final String SUBMISSION_REFUSED = "Database unavailable for POST /api/v1/jobs";

	/** What a worker logs at ERROR while intake is paused for a broken schema. */
	private static final String INTAKE_PAUSED = "Chunk intake paused";

	/**
	 * How often a case reads the logs while it waits for a line: they grow to megabytes.
	 */
	private static final Duration LOG_POLL_INTERVAL = Duration.ofMillis(500);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static FaultStack stack;

	private static FaultCases cases;

	private static DatabaseIncidents database;

	private static Path haltTrigger;

	@BeforeAll
	static void startTheSystem() {
		Path home = Path.of(System.getProperty("sluice.home", "..")).toAbsolutePath().normalize();
		Path directory = home.resolve("faults").resolve("target").resolve("incidents");
		haltTrigger = directory.resolve("halt-before-recording-failed.trigger");
		System.out.println("Database incident seed: " + SEED + " (replay with -Dsluice.faults.seed=" + SEED + ")");
		stack = FaultStack.start(home, directory, 2, (local) -> local
			.withWorkerEnvironment(Map.of("SPRING_KAFKA_CONSUMER_MAX_POLL_INTERVAL", "15s",
					"SPRING_KAFKA_CONSUMER_HEARTBEAT_INTERVAL", "2s",
					"SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", String.valueOf(SESSION_TIMEOUT.toMillis()),
					// both shorter than the poll interval (SessionBounds)
					"SLUICE_WORKER_LEASE_TTL", LEASE_TTL.toSeconds() + "s", "SLUICE_WORKER_LEASE_HEARTBEAT",
					LEASE_HEARTBEAT.toSeconds() + "s", "SLUICE_WORKER_DB_STATEMENTTIMEOUT", "12s",
					"SLUICE_WORKER_DB_IDLEINTRANSACTIONTIMEOUT", IDLE_IN_TRANSACTION_SECONDS + "s",
					"SPRING_DATASOURCE_DRIVER_CLASS_NAME", HaltBeforeRecordingFailedDriver.class.getName(),
					HaltBeforeRecordingFailedDriver.TRIGGER_VARIABLE, haltTrigger.toString()))
			.withWorkerClassPath(FaultStack.hookClassPath()));
		cases = new FaultCases(stack, SEED);
		database = new DatabaseIncidents(stack);
	}

	@AfterAll
	static void stopTheSystem() {
		if (stack != null) {
			stack.close();
		}
	}

	/**
	 * Every SQLState a database raises for its own condition rather than the data's, 3 s
	 * each in turn: full on disk ({@code 53100}), out of memory ({@code 53200}),
	 * cancelling statements ({@code 57014}), failing its I/O ({@code 58030}), broken
	 * inside ({@code XX000}), and the three Sluice took as transient before this suite: a
	 * serialization failure ({@code 40001}), a lost connection ({@code 08006}) and a
	 * database starting up ({@code 57P03}).
	 */
	@Test
	@Order(1)
	void transientDatabaseErrorsOnPhotoInsertsInTurn(TestInfo test) {
		photoInsertsFail(test, "53100", "53200", "57014", "58030", "XX000", "40001", "08006", "57P03");
	}

	/**
	 * New sessions read-only and Sluice's sessions terminated, as after a failover to a
	 * primary that is still read-only; 20 s later the database is writable again, but
	 * Sluice's sessions are not terminated again: the pools must replace the read-only
	 * sessions they opened meanwhile by themselves.
	 */
	@Test
	@Order(2)
	void failoverLeavesTheDatabaseReadOnly(TestInfo test) {
		long refusedBefore = stack.linesInLogs(SUBMISSION_REFUSED);
		long readOnlyBefore = stack.linesInLogs(READ_ONLY_REFUSAL);
		cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
			holdFor(INCIDENT, database::becomeReadOnly, database::becomeWritable);
			assertThat(stack.linesInLogs(SUBMISSION_REFUSED))
				.as("the API answered 503 to submissions while the database was read-only")
				.isGreaterThan(refusedBefore);
			await().atMost(INCIDENT)
				.pollInterval(LOG_POLL_INTERVAL)
				.untilAsserted(() -> assertThat(stack.linesInLogs(READ_ONLY_REFUSAL))
					.as("the workers met the read-only database (25006)")
					.isGreaterThan(readOnlyBefore));
		});
	}

	/**
	 * A trigger raising 42703 (undefined column), as a broken migration would: not the
	 * database's trouble nor the data's, so intake pauses, a worker's readiness says why
	 * and its log says so at ERROR, and nothing is dead-lettered.
	 */
	@Test
	@Order(3)
	void brokenMigrationFailsEveryPhotoInsert(TestInfo test) {
		String undefinedColumn = "42703";
		cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
			long began = System.nanoTime();
			database.failPhotoInserts(undefinedColumn);
			try {
				await().atMost(INCIDENT)
					.pollInterval(Duration.ofMillis(500))
					.untilAsserted(() -> assertThat(stack.liveWorkers())
						.as("a worker whose /readyz answers 503 naming intake and %s, and whose log says '%s' at ERROR",
								undefinedColumn, INTAKE_PAUSED)
						.anyMatch(
								(worker) -> intakeDown(worker, undefinedColumn) && loggedIntakePausedAtError(worker)));
				pauseFor(INCIDENT.minus(Duration.ofNanos(System.nanoTime() - began)));
			}
			finally {
				database.endPhotoInsertFailures();
			}
			await().atMost(INCIDENT)
				.untilAsserted(() -> assertThat(stack.liveWorkers()).as("every worker ready again")
					.allMatch(ServiceProcess::isReady));
		});
	}

	/**
	 * A worker with one consumer thread frozen ({@code SIGSTOP}) just before it commits a
	 * chunk transaction: its session holds the chunks' ledger rows and their job's row
	 * locked. PostgreSQL ends the session once it has been idle in the transaction for
	 * {@value #IDLE_IN_TRANSACTION_SECONDS} s, Kafka hands its partitions to the other
	 * workers after its session timeout, and they write the rest, the frozen chunks
	 * included: every job ends {@code COMPLETED} with exact rows within
	 * {@link #FROZEN_WORKER_BOUND} of the freeze, while the worker is still frozen. Then
	 * it is thawed.
	 */
	@Test
	@Order(4)
	void workerFrozenInsideAChunkTransaction(TestInfo test) {
		Path trigger = stack.directory().resolve("freeze-before-commit.trigger");
		Path marker = stack.directory().resolve("freeze-before-commit.frozen");
		runWithAWorkerFrozen(test, stack.addWorkerFreezingBeforeCommit(trigger, marker), trigger, marker,
				FROZEN_WORKER_BOUND, FreezeBeforeCommitDriver.FREEZE_LINE, (pid) -> {
				});
	}

	/**
	 * A worker with one consumer thread frozen ({@code SIGSTOP}) once a chunk's
	 * {@code COPY} has started, before it sends the data: its session is {@code active},
	 * waiting for the data, with the chunks' ledger rows inserted. No server-side timeout
	 * ends it; Kafka hands its partitions to the other workers after its session timeout,
	 * and their writes of the frozen chunks wait on its locks until one of them reclaims
	 * its expired lease and ends its sessions. Every job must end {@code COMPLETED} with
	 * exact rows within {@link #FROZEN_IN_COPY_BOUND} of the freeze, while the worker is
	 * still frozen. Then it is thawed.
	 */
	@Test
	@Order(5)
	void workerFrozenInTheMiddleOfACopy(TestInfo test) {
		Path trigger = stack.directory().resolve("freeze-in-copy.trigger");
		Path marker = stack.directory().resolve("freeze-in-copy.frozen");
		long endedBefore = stack.linesInLogs(SESSIONS_ENDED);
		runWithAWorkerFrozen(test, stack.addWorkerFreezingInCopy(trigger, marker), trigger, marker,
				FROZEN_IN_COPY_BOUND, FreezeInCopyDriver.FREEZE_LINE,
				(pid) -> assertThat(database.sessionsWaitingForCopyData(pid))
					.as("the frozen worker's sessions waiting for COPY data")
					.isEqualTo(1));
		assertThat(stack.linesInLogs(SESSIONS_ENDED)).as("a worker ended the frozen worker's sessions")
			.isGreaterThan(endedBefore);
	}

	/**
	 * Runs a case whose worker freezes once {@code trigger} exists: every job must end
	 * {@code COMPLETED} with exact rows within {@code bound} of the freeze, while it is
	 * still frozen; then it is thawed and stopped.
	 * @param freezing the worker, started with a freezing driver
	 * @param frozen checks the frozen worker's state, given its process id
	 */
	private static void runWithAWorkerFrozen(TestInfo test, ServiceProcess freezing, Path trigger, Path marker,
			Duration bound, String freezeLine, Consumer<String> frozen) {
		FaultStack.awaitChunkPartitions(freezing);
		try {
			cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
				create(trigger);
				await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(marker));
				long frozenAt = System.nanoTime();
				try {
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(isStopped(freezing)).as("the worker froze").isTrue());
					frozen.accept(Files.readString(marker).strip());
					awaitEveryJobCompletedWhileFrozen(freezing, bound);
					System.out.println(FaultCases.nameOf(test) + ": every job COMPLETED with exact rows "
							+ Duration.ofNanos(System.nanoTime() - frozenAt).toMillis() + " ms after the freeze");
					assertThat(isStopped(freezing)).as("the worker still frozen when the jobs completed").isTrue();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				finally {
					freezing.signal("CONT");
				}
			});
			assertThat(freezing.logTail(Integer.MAX_VALUE)).contains(freezeLine);
		}
		finally {
			delete(trigger);
			freezing.stop(Duration.ofSeconds(30));
		}
	}

	/**
	 * A chunk the database refuses for good (its ledger row raises 22023) while the
	 * broker refuses every dead letter (the topic's {@code max.message.bytes} lowered):
	 * for ~10 s the chunk must have no {@code FAILED} ledger row, since a chunk is
	 * recorded only once its dead letter is published; once the topic is restored, both
	 * appear.
	 */
	@Test
	@Order(6)
	void deadLetterRefusedBeforeTheChunkIsRecordedFailed(TestInfo test) {
		DeadLetterTopic deadLetters = new DeadLetterTopic(stack);
		long refusedBefore = stack.linesInLogs(DeadLetterTopic.REFUSED);
		deadLetters.refuse();
		try {
			cases.run(FaultCases.nameOf(test), DatabaseIncidentSuiteIntegrationTests::jobsWithOneRefusedChunk,
					Duration.ofMillis(300), 0, (random) -> {
						try {
							await().atMost(Duration.ofMinutes(1))
								.pollInterval(LOG_POLL_INTERVAL)
								.until(() -> stack.linesInLogs(DeadLetterTopic.REFUSED) > refusedBefore);
							Job refused = refusedJob();
							await().during(Duration.ofSeconds(10))
								.atMost(Duration.ofSeconds(12))
								.untilAsserted(() -> assertThat(stack.chunkOutcome(refused.id(), refused.failedChunk()))
									.as("the ledger row of a chunk whose dead letter is refused")
									.isEmpty());
						}
						finally {
							deadLetters.accept();
						}
					});
		}
		finally {
			deadLetters.accept();
			database.endChunkRefusals();
		}
	}

	/**
	 * A chunk the database refuses for good, and the worker that dead-letters it halted
	 * (as by {@code kill -9}) as it prepares to record it {@code FAILED}: its dead letter
	 * is on the topic, its ledger row is not. The other worker gets the record, publishes
	 * it again (at least once) and records the chunk.
	 */
	@Test
	@Order(7)
	void workerHaltedBetweenTheDeadLetterAndTheFailedRecord(TestInfo test) {
		List<ServiceProcess> workers = stack.liveWorkers();
		create(haltTrigger);
		try {
			cases.run(FaultCases.nameOf(test), DatabaseIncidentSuiteIntegrationTests::jobsWithOneRefusedChunk,
					Duration.ofMillis(300), 0, (random) -> {
						await().atMost(Duration.ofMinutes(1))
							.until(() -> workers.stream().anyMatch((worker) -> !worker.isAlive()));
						Job refused = refusedJob();
						assertThat(stack.deadLettersOf(List.of(refused.id())))
							.as("the dead letter, published before the worker halted")
							.isNotEmpty();
						assertThat(stack.chunkOutcome(refused.id(), refused.failedChunk()))
							.as("the ledger row of the chunk when its worker halted")
							.isEmpty();
						ServiceProcess halted = workers.stream()
							.filter((worker) -> !worker.isAlive())
							.findFirst()
							.get();
						assertThat(halted.logTail(Integer.MAX_VALUE))
							.contains(HaltBeforeRecordingFailedDriver.HALT_LINE);
					});
		}
		finally {
			delete(haltTrigger);
			database.endChunkRefusals();
		}
	}

	/**
	 * Every insert into {@code photo} fails with each of the SQLStates in turn, for
	 * {@link #STATE_IN_TURN} each; the case checks that Sluice saw the injected errors.
	 */
	private static void photoInsertsFail(TestInfo test, String... sqlStates) {
		long injectedBefore = stack.linesInLogs(DatabaseIncidents.INJECTED + sqlStates[0]);
		Map<String, Long> raisedBefore = new LinkedHashMap<>();
		for (String sqlState : sqlStates) {
			raisedBefore.put(sqlState, database.timesRaised(sqlState));
		}
		cases.run(test, 4, 6_000, Duration.ofMillis(300), 0, (random) -> {
			try {
				for (String sqlState : sqlStates) {
					database.failPhotoInserts(sqlState);
					pauseFor(STATE_IN_TURN);
				}
			}
			finally {
				database.endPhotoInsertFailures();
			}
			assertThat(stack.linesInLogs(DatabaseIncidents.INJECTED + sqlStates[0]))
				.as("Sluice's logs show the injected %s", sqlStates[0])
				.isGreaterThan(injectedBefore);
			// while intake is paused only the first is logged; the others met its probes
			raisedBefore.forEach((sqlState, before) -> assertThat(database.timesRaised(sqlState))
				.as("Sluice's statements met the injected %s", sqlState)
				.isGreaterThan(before));
		});
	}

	/**
	 * 4 jobs of 6,000 photos; one chunk of the first, drawn at random, is refused for
	 * good from its first attempt on.
	 */
	private static List<Job> jobsWithOneRefusedChunk(Random random) {
		List<Job> jobs = new ArrayList<>(Workload.plan(random, 4, 6_000, false));
		Job refused = jobs.get(0).withFailedChunk(random.nextInt(jobs.get(0).chunks()));
		jobs.set(0, refused);
		database.refuseChunk(refused.albumId(), refused.failedChunk(), INVALID_PARAMETER_VALUE);
		return jobs;
	}

	/** The running case's job with a refused chunk, once it is accepted. */
	private static Job refusedJob() {
		return cases.workload().acceptedSoFar().stream().filter(Job::hasFailedChunk).findFirst().orElseThrow();
	}

	private static void awaitEveryJobCompletedWhileFrozen(ServiceProcess frozen, Duration bound) {
		Workload workload = cases.workload();
		try {
			await().atMost(bound).pollInterval(Duration.ofMillis(250)).until(() -> {
				if (!workload.allAccepted()) {
					return false;
				}
				for (Job job : workload.acceptedSoFar()) {
					JobView view = stack.client().read(job.id()).orElse(null);
					if (view == null || !view.status().equals("COMPLETED")
							|| stack.photosInAlbum(job.albumId()) != job.photos()) {
						return false;
					}
				}
				return true;
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("not every job COMPLETED with exact rows within " + bound.toSeconds()
					+ " s of the freeze; " + frozen.name() + " frozen: " + isStopped(frozen) + "; Sluice's sessions "
					+ "in a transaction: " + database.sessionsInTransaction(), ex);
		}
	}

	/**
	 * Whether the worker's readiness answers 503 with its {@code intake} component down,
	 * naming the SQLState.
	 */
	private static boolean intakeDown(ServiceProcess worker, String sqlState) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.port() + "/readyz"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			HttpResponse<String> readiness = http.send(request, HttpResponse.BodyHandlers.ofString());
			return readiness.statusCode() == 503 && readiness.body().contains("\"intake\"")
					&& readiness.body().contains(sqlState);
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean loggedIntakePausedAtError(ServiceProcess worker) {
		try {
			return Files.readAllLines(worker.log(), StandardCharsets.UTF_8)
				.stream()
				.anyMatch((line) -> line.contains(" ERROR ") && line.contains(INTAKE_PAUSED));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether the process is stopped by a signal ({@code T} in {@code /proc/<pid>/stat}).
	 */
	private static boolean isStopped(ServiceProcess process) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void create(Path trigger) {
		try {
			Files.createFile(trigger);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Removes a trigger file no worker took, so that no later case meets it. */
	private static void delete(Path trigger) {
		try {
			Files.deleteIfExists(trigger);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
