package io.sluice.worker;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.worker.TestDatabase.JobRow;
import io.sluice.worker.TestDatabase.LedgerRow;
import io.sluice.embedded.EmbeddedInfrastructure;
import io.sluice.embedded.KafkaBroker;
import io.sluice.embedded.TestInfrastructure;
import io.sluice.worker.reconcile.TestReconciler;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

import static io.sluice.worker.TestJob.aJob;
import static io.sluice.worker.reconcile.TestReconciler.PROPERTIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reconciler on the real database and the real broker, with the worker writing real
 * chunks from Kafka. Test reconcilers run on their own clocks (see
 * {@link TestReconciler}); the worker's own reconciler runs too, with its long default
 * timeouts, and only competes for the lock.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReconcilerIntegrationTests extends WorkerIntegrationTest {

	/** The id of the worker's chunk listener container. */
	private static final String INTAKE = "chunk-intake";

	private final JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());

	@Autowired
	MeterRegistry meters;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void failsAPendingJobThatNeverGotAChunkAndReleasesItsIdempotencyKey() {
		UUID job = pendingJob(3);
		this.jdbc.update("UPDATE import_job SET idempotency_key = 'retry-me' WHERE id = ?", job);
		TestReconciler reconciler = reconciler();
		reconciler.watchJustShortOf(PROPERTIES.pendingTimeout());
		assertThat(status(job)).isEqualTo("PENDING");
		reconciler.watchFor(PROPERTIES.interval());

		assertThat(status(job)).isEqualTo("FAILED");
		assertThat(failureReason(job))
			.isEqualTo("Publishing never completed: the job stayed PENDING with no chunk arriving for 1m");
		assertThat(this.database.job(job)).as("every photo counted failed")
			.isEqualTo(new JobRow("FAILED", 0, 0, 0, 3, true));
		assertThat(this.jdbc.queryForObject("SELECT idempotency_key FROM import_job WHERE id = ?", String.class, job))
			.as("a retry with the same key makes a new job")
			.isNull();
	}

	@Test
	void rollsAPendingJobWithLedgerRowsUpAsRunningInsteadOfFailingItUnpublished() {
		UUID job = pendingJob(3);
		this.jdbc.update(
				"INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, written) VALUES (?, 1, 'WRITTEN', 1, 1)",
				job);
		TestReconciler reconciler = reconciler();

		reconciler.watchFor(PROPERTIES.pendingTimeout());

		assertThat(this.database.job(job)).isEqualTo(new JobRow("RUNNING", 1, 1, 0, 0, false));
		assertThat(failureReason(job)).isNull();
	}

	@Test
	void finishesAJobWhoseLastRollUpWasLost(CapturedOutput output) {
		UUID job = pendingJob(2);
		for (int index = 0; index < 2; index++) {
			this.jdbc.update("INSERT INTO import_chunk (job_id, chunk_index, outcome, photo_count, written, failed) "
					+ "VALUES (?, ?, 'WRITTEN', 1, ?, ?)", job, index, 1 - index, index);
		}

		reconciler().tickOnce();

		assertThat(this.database.job(job)).isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 2, 1, 0, 1, true));
		assertThat(output).contains("Job " + job + " finished COMPLETED_WITH_ERRORS: 1 written, 0 duplicate, 1 failed "
				+ "(rolled up by the reconciler)");
	}

	@Test
	void warnsThenFailsARunningJobNamingExactlyItsMissingChunks(CapturedOutput output) {
		TestJob job = queued(aJob().withPhotos(130).inChunksOf(10).build());
		List<Integer> missing = List.of(3, 4, 5, 6, 7, 12);
		List<RecordMetadata> published = job.chunks()
			.stream()
			.filter((chunk) -> !missing.contains(chunk.chunkIndex()))
			.map(this.kafka::publish)
			.toList();
		await().atMost(JOB_TIMEOUT).until(() -> this.kafka.consumed(published));
		assertThat(this.database.job(job.id()).chunksDone()).isEqualTo(7);
		TestReconciler reconciler = reconciler();
		reconciler.tick();

		reconciler.watchFor(PROPERTIES.stallWarning());
		assertThat(status(job.id())).isEqualTo("RUNNING");
		assertThat(reconciler.stalledGauge()).isGreaterThanOrEqualTo(1);
		assertThat(output).containsOnlyOnce("Job " + job.id()
				+ " (RUNNING) has made no progress for 2m: chunks 3-7, 12 of 13 have not arrived (7 done); it fails after 5m");

		reconciler.watchFor(PROPERTIES.stallTimeout().minus(PROPERTIES.stallWarning()));

		assertThat(status(job.id())).isEqualTo("FAILED");
		assertThat(failureReason(job.id())).isEqualTo("No progress for 5m: chunks 3-7, 12 of 13 never arrived");
		assertThat(this.database.job(job.id())).as("the missing chunks' photos counted failed")
			.isEqualTo(new JobRow("FAILED", 7, 70, 0, 60, true));
		assertThat(output).contains("Failed job " + job.id() + ": No progress for 5m");
	}

	@Test
	void skipsTheChunksThatArriveAfterAStalledJobFailed() {
		TestJob job = aJob().withPhotos(40).inChunksOf(10).build();
		this.database.insertPhotos(job.albumId(), List.of(job.photos().get(5).url()));
		queued(job);
		RecordMetadata first = this.kafka.publish(job.chunk(0));
		await().atMost(JOB_TIMEOUT).until(() -> this.kafka.consumed(List.of(first)));
		TestReconciler reconciler = reconciler();
		reconciler.tick();
		reconciler.watchFor(PROPERTIES.stallTimeout());
		JobRow failed = this.database.job(job.id());
		assertThat(failed).isEqualTo(new JobRow("FAILED", 1, 9, 1, 30, true));

		this.kafka.publish(job.chunk(2));
		this.kafka.publish(job.chunk(3));
		await().atMost(JOB_TIMEOUT)
			.untilAsserted(() -> assertThat(this.database.ledger(job.id())).extracting(LedgerRow::outcome)
				.containsExactly("WRITTEN", "SKIPPED_FAILED", "SKIPPED_FAILED"));
		RecordMetadata again = this.kafka.publish(job.chunk(2));

		await().atMost(JOB_TIMEOUT).until(() -> this.kafka.committedOffset(again.partition()) > again.offset());
		assertThat(this.database.job(job.id())).isEqualTo(failed);
		assertThat(this.database.ledger(job.id())).hasSize(3);
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(10);
	}

	@Test
	void failsAStalledJobOnlyOnceTheWorkersHaveConsumedWhatWasOnTheTopicWhenTheWatchBegan(CapturedOutput output) {
		TestJob job = queued(aJob().withPhotos(130).inChunksOf(10).build());
		List<Integer> missing = List.of(3, 4, 5, 6, 7, 12);
		this.kafka.publishInOneTransaction(
				job.chunks().stream().filter((chunk) -> !missing.contains(chunk.chunkIndex())).toList());
		await().atMost(JOB_TIMEOUT).until(() -> this.database.job(job.id()).chunksDone() == 7);
		TestJob queuedBehind = queued(aJob().withPhotos(60).inChunksOf(10).build());
		TestReconciler reconciler = reconciler();
		MessageListenerContainer intake = this.listeners.getListenerContainer(INTAKE);
		intake.stop();
		try {
			this.kafka.publishInOneTransaction(queuedBehind.chunks());
			reconciler.tick();

			reconciler.watchFor(PROPERTIES.stallTimeout().plus(PROPERTIES.interval()));

			assertThat(status(job.id())).isEqualTo("RUNNING");
			assertThat(output).containsOnlyOnce("Job " + job.id() + " (RUNNING) has made no progress for 2m: chunks "
					+ "3-7, 12 of 13 have not arrived (7 done); the workers are behind by ");
			assertThat(output).containsOnlyOnce("Job " + job.id() + " has made no progress for 5m but is not failed: "
					+ "the workers have not yet consumed everything that was on sluice.photo-chunks");
		}
		finally {
			intake.start();
		}
		assertThat(awaitFinished(queuedBehind.id()).status()).isEqualTo("COMPLETED");

		// The clock stands still: the watch that began before the backlog gives the
		// verdict.
		await().atMost(JOB_TIMEOUT).untilAsserted(() -> {
			reconciler.tick();
			assertThat(status(job.id())).isEqualTo("FAILED");
		});
		assertThat(failureReason(job.id())).isEqualTo("No progress for 5m10s: chunks 3-7, 12 of 13 never arrived");
		assertThat(this.kafka.workersShortOfTheEnd())
			.as("the workers commit up to a transaction's commit marker, not past it")
			.containsValue(1L);
	}

	@Test
	void failsAStalledJobPastAnAbortedPublishTheWorkersNeverSaw() {
		TestJob job = queued(aJob().withPhotos(30).inChunksOf(10).build());
		List<RecordMetadata> published = List.of(this.kafka.publish(job.chunk(0)), this.kafka.publish(job.chunk(2)));
		await().atMost(JOB_TIMEOUT).until(() -> this.kafka.consumed(published));
		this.kafka.publishAndAbort(aJob().withPhotos(120).inChunksOf(10).build().chunks());
		TestReconciler reconciler = reconciler();
		reconciler.tick();

		reconciler.watchFor(PROPERTIES.stallTimeout());

		assertThat(status(job.id())).isEqualTo("FAILED");
		assertThat(failureReason(job.id())).isEqualTo("No progress for 5m: chunk 1 of 3 never arrived");
		assertThat(this.kafka.workersShortOfTheEnd().values())
			.as("aborted records and their marker lie between the workers' offsets and the end")
			.anyMatch((gap) -> gap >= 2);
	}

	@Test
	void givesNoStallVerdictWhileKafkaIsDownAndGivesItFromTheSameWatchOnceKafkaIsBack(CapturedOutput output) {
		assumeTrue(TestInfrastructure.shared() instanceof EmbeddedInfrastructure, "needs a broker it can stop");
		KafkaBroker broker = ((EmbeddedInfrastructure) TestInfrastructure.shared()).kafka();
		TestJob job = queued(aJob().withPhotos(30).inChunksOf(10).build());
		List<RecordMetadata> published = List.of(this.kafka.publish(job.chunk(0)), this.kafka.publish(job.chunk(2)));
		await().atMost(JOB_TIMEOUT).until(() -> this.kafka.consumed(published));
		TestReconciler reconciler = reconciler();
		reconciler.watchJustShortOf(PROPERTIES.stallTimeout());

		broker.stop();
		try {
			Duration aTickWithoutKafka = PROPERTIES.kafkaTimeout().plusSeconds(5);
			assertThat(assertTimeoutPreemptively(aTickWithoutKafka, () -> reconciler.watchFor(PROPERTIES.interval())))
				.isZero();
			assertThat(assertTimeoutPreemptively(aTickWithoutKafka, () -> reconciler.watchFor(PROPERTIES.interval())))
				.isZero();

			assertThat(status(job.id())).isEqualTo("RUNNING");
			assertThat(output).containsOnlyOnce("Job " + job.id() + " has made no progress for 5m but is not failed: "
					+ "Kafka did not answer with the offsets sluice-workers has consumed of sluice.photo-chunks");
		}
		finally {
			broker.start();
		}

		// The clock stands still: only the watch that began before the outage can fail
		// it.
		await().atMost(JOB_TIMEOUT).untilAsserted(() -> {
			reconciler.tick();
			assertThat(status(job.id())).isEqualTo("FAILED");
		});
		assertThat(failureReason(job.id())).isEqualTo("No progress for 5m10s: chunk 1 of 3 never arrived");
	}

	@Test
	void neverFailsAJobThatKeepsProgressing() {
		TestJob job = queued(aJob().withPhotos(40).inChunksOf(10).build());
		TestReconciler reconciler = reconciler();
		for (int index = 0; index < 3; index++) {
			reconciler.watchFor(PROPERTIES.stallTimeout().minus(PROPERTIES.interval()));
			this.kafka.publish(job.chunk(index));
			int done = index + 1;
			await().atMost(JOB_TIMEOUT).until(() -> this.database.job(job.id()).chunksDone() == done);
			reconciler.tick();
		}
		reconciler.watchFor(PROPERTIES.stallTimeout().minus(PROPERTIES.interval()));
		assertThat(status(job.id())).isEqualTo("RUNNING");

		this.kafka.publish(job.chunk(3));

		assertThat(awaitFinished(job.id()).status()).isEqualTo("COMPLETED");
	}

	@Test
	void startsTheWatchOverAfterAnInterruption() {
		UUID job = pendingJob(2);
		TestReconciler reconciler = reconciler();
		reconciler.watchJustShortOf(PROPERTIES.pendingTimeout());

		reconciler.pauseFor(PROPERTIES.stallTimeout());
		reconciler.watchJustShortOf(PROPERTIES.pendingTimeout());

		assertThat(status(job)).isEqualTo("PENDING");
		reconciler.watchFor(PROPERTIES.interval());
		assertThat(status(job)).isEqualTo("FAILED");
	}

	@Test
	void twoReconcilersRacingFailAJobOnce(CapturedOutput output) throws Exception {
		UUID job = pendingJob(2);
		TestReconciler first = reconciler();
		TestReconciler second = reconciler();
		first.watchJustShortOf(PROPERTIES.pendingTimeout());
		second.watchJustShortOf(PROPERTIES.pendingTimeout());
		assertThat(status(job)).isEqualTo("PENDING");
		int failedBefore = failedJobs();
		first.pauseFor(PROPERTIES.interval());
		second.pauseFor(PROPERTIES.interval());

		CyclicBarrier start = new CyclicBarrier(2);
		CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> tickAfter(start, first));
		CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> tickAfter(start, second));
		int failedByOne = one.get(30, TimeUnit.SECONDS);
		int failedByOther = other.get(30, TimeUnit.SECONDS);

		assertThat(status(job)).isEqualTo("FAILED");
		assertThat(Math.max(failedByOne, 0) + Math.max(failedByOther, 0)).isEqualTo(failedJobs() - failedBefore);
		assertThat(output).containsOnlyOnce("Failed job " + job);
	}

	@Test
	void aTickWhileAnotherWorkerHoldsTheLockChangesNothing() {
		UUID job = pendingJob(1);
		TestReconciler reconciler = reconciler();
		reconciler.watchJustShortOf(PROPERTIES.pendingTimeout());
		reconciler.pauseFor(PROPERTIES.interval());

		Integer failed = new TransactionTemplate(new DataSourceTransactionManager(this.database.dataSource()))
			.execute((status) -> {
				this.jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, TestReconciler.LOCK_KEY);
				// On another thread: this one's transaction would lend it this very
				// session.
				return CompletableFuture.supplyAsync(reconciler::tickOnce).join();
			});

		assertThat(failed).isEqualTo(-1);
		assertThat(status(job)).isEqualTo("PENDING");
	}

	@Test
	void runsInTheWorkerAndPublishesTheStalledGauge() {
		assertThat(this.meters.get("sluice.jobs.stalled").gauge().value()).isZero();
	}

	private TestReconciler reconciler() {
		return TestReconciler.on(this.database.dataSource(), TestInfrastructure.shared().bootstrapServers(),
				TestKafka.WORKER_GROUP);
	}

	private static int tickAfter(CyclicBarrier start, TestReconciler reconciler) {
		try {
			start.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return reconciler.tickOnce();
	}

	private UUID pendingJob(int chunkCount) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO import_job (id, owner, album_id, status, total_photos, chunk_count, created_at, updated_at)
				VALUES (?, ?, 1, 'PENDING', ?, ?, now() - interval '1 hour', now() - interval '1 hour')
				""", id, TestJob.OWNER, chunkCount, chunkCount);
		return id;
	}

	private String status(UUID job) {
		return this.database.job(job).status();
	}

	private String failureReason(UUID job) {
		return this.jdbc.queryForObject("SELECT failure_reason FROM import_job WHERE id = ?", String.class, job);
	}

	private int failedJobs() {
		return this.jdbc.queryForObject("SELECT count(*) FROM import_job WHERE status = 'FAILED'", Integer.class);
	}

}
