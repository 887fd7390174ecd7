package io.sluice.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.sluice.worker.TestDatabase.JobRow;
import io.sluice.worker.TestDatabase.LedgerRow;
import io.sluice.worker.intake.IntakePause;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.sluice.worker.TestJob.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a worker does when the database refuses its writes for a reason that is not the
 * chunk's: the SQLStates managed PostgreSQL really raises, injected from outside by a
 * trigger, a real read-only database, and a programming failure. Each pauses intake and
 * loses nothing; only a chunk's own data sends it to the dead-letter topic, and then the
 * dead letter is published before its chunk is recorded failed.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseIncidentIntegrationTests extends WorkerIntegrationTest {

	private static final Duration HELD = Duration.ofSeconds(2);

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	IntakePause pause;

	@LocalServerPort
	int port;

	@BeforeEach
	void intakeRunning() {
		await().atMost(JOB_TIMEOUT).until(() -> !this.pause.isPaused());
	}

	@ParameterizedTest(name = "SQLState {0}")
	@ValueSource(strings = { "53100", "53200", "57014", "58030", "XX000", "25006", "40001", "08006", "57P03" })
	void waitsOutATransientIncidentAndWritesEveryPhotoOnce(String sqlState) throws Exception {
		TestJob job = queued(aJob().withPhotos(2_000).inChunksOf(500).build());
		try (Injected incident = this.database.failPhotoInserts(sqlState)) {
			this.kafka.publishAll(job);
			assertPausedWithNothingWrittenOrDeadLettered(job);
			JsonNode intake = readiness().path("components").path("intake");
			assertThat(intake.path("status").asString()).isEqualTo("DOWN");
			assertThat(intake.path("details").path("sqlState").asString()).isEqualTo(sqlState);
			assertThat(intake.path("details").path("failure").asString()).startsWith("transient");
		}
		assertCompletedWithEveryPhoto(job);
	}

	@Test
	void ridesOutAFailoverToAReadOnlyServerAndReconnectsByItself() throws Exception {
		TestJob job = queued(aJob().withPhotos(2_000).inChunksOf(500).build());
		try (Injected demoted = this.database.readOnlyLikeADemotedPrimary()) {
			this.kafka.publishAll(job);
			assertPausedWithNothingWrittenOrDeadLettered(job);
			assertThat(readiness().path("components").path("intake").path("details").path("sqlState").asString())
				.isEqualTo("25006");
		}
		// Writable again for new sessions only: the pool must let its read-only ones go.
		assertCompletedWithEveryPhoto(job);
	}

	@Test
	void pausesForAProgrammingFailureSaysWhyAndResumesOnceItIsFixed(CapturedOutput output) throws Exception {
		TestJob job = queued(aJob().withPhotos(2_000).inChunksOf(500).build());
		try (Injected brokenMigration = this.database.failPhotoInserts("42703")) {
			this.kafka.publishAll(job);
			assertPausedWithNothingWrittenOrDeadLettered(job);
			JsonNode intake = readiness().path("components").path("intake");
			assertThat(intake.path("status").asString()).isEqualTo("DOWN");
			assertThat(intake.path("details").path("failure").asString()).startsWith("programming");
			assertThat(intake.path("details").path("reason").asString()).contains("injected by the worker tests");
			// plain or ECS JSON, whichever the last context started in this JVM set up
			assertThat(output.getOut().lines()).anyMatch((line) -> line.contains("ERROR")
					&& line.contains("Chunk intake paused: ") && line.contains("SQLState 42703"));
		}
		assertCompletedWithEveryPhoto(job);
		await().atMost(Duration.ofSeconds(30)).until(() -> status("/readyz") == 200);
	}

	/**
	 * Chunk transactions never touch {@code import_job}; the roll-up after them does. A
	 * privilege revoked there must pause intake as loudly as one revoked on
	 * {@code photo}, not leave every job unmoved while photos keep landing.
	 */
	@Test
	void pausesWhenJobsCannotBeRolledUpAndEndsThemOnceTheyCan(CapturedOutput output) throws Exception {
		TestJob job = queued(aJob().withPhotos(2_000).inChunksOf(500).build());
		try (Injected revoked = this.database.revokeJobUpdatesFromTheWorker()) {
			this.kafka.publishAll(job);
			await().atMost(JOB_TIMEOUT).until(this.pause::isPaused);
			await().during(HELD).atMost(HELD.multipliedBy(5)).untilAsserted(() -> {
				assertThat(this.pause.isPaused()).as("the probe fails as the roll-up does").isTrue();
				assertThat(this.database.job(job.id())).isEqualTo(new JobRow("QUEUED", 0, 0, 0, 0, false));
			});
			assertThat(this.database.ledger(job.id())).as("what was committed stays committed")
				.isNotEmpty()
				.allSatisfy((chunk) -> assertThat(chunk.outcome()).isEqualTo("WRITTEN"));
			JsonNode intake = readiness().path("components").path("intake");
			assertThat(intake.path("status").asString()).isEqualTo("DOWN");
			assertThat(intake.path("details").path("sqlState").asString()).isEqualTo("42501");
			assertThat(intake.path("details").path("failure").asString()).startsWith("programming");
			assertThat(output.getOut().lines()).anyMatch((line) -> line.contains("ERROR")
					&& line.contains("Chunk intake paused: ") && line.contains("SQLState 42501"));
		}
		assertCompletedWithEveryPhoto(job);
		await().atMost(Duration.ofSeconds(30)).until(() -> status("/readyz") == 200);
	}

	@Test
	void publishesTheDeadLetterBeforeRecordingItsChunkFailed() {
		TestJob job = queued(aJob().withPhotos(300).inChunksOf(100).build());
		String refusedKey = job.chunk(1).key();
		try (Injected refused = this.database.refuseChunkWritten(job.id(), 1)) {
			try (Injected deadLettersRefused = this.kafka.refuseDeadLetters()) {
				// Chunks 1 and 2 on one partition would leave chunk 2 behind the held-up
				// chunk 1
				this.kafka.publishAllDealt(job);
				await().atMost(JOB_TIMEOUT).until(() -> this.database.job(job.id()).chunksDone() == 2);
				await().during(HELD).atMost(HELD.multipliedBy(5)).untilAsserted(() -> {
					assertThat(this.database.ledger(job.id())).extracting(LedgerRow::chunkIndex).containsExactly(0, 2);
					assertThat(this.kafka.deadLetters(refusedKey)).isEmpty();
				});
			}
			await().atMost(JOB_TIMEOUT)
				.untilAsserted(() -> assertThat(this.kafka.deadLetters(refusedKey)).isNotEmpty());
			assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 3, 200, 0, 100, true));
		}
		assertThat(this.database.ledger(job.id()).get(1).outcome()).isEqualTo("FAILED");
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(200);
	}

	private void assertPausedWithNothingWrittenOrDeadLettered(TestJob job) throws IOException, InterruptedException {
		await().atMost(JOB_TIMEOUT).until(this.pause::isPaused);
		await().during(HELD).atMost(HELD.multipliedBy(5)).untilAsserted(() -> {
			assertThat(this.pause.isPaused()).isTrue();
			assertThat(this.database.ledger(job.id())).isEmpty();
			assertThat(this.database.photosInAlbum(job.albumId())).isZero();
			assertThat(this.kafka.deadLetters(job.id().toString())).isEmpty();
		});
		assertThat(status("/readyz")).isEqualTo(503);
	}

	private void assertCompletedWithEveryPhoto(TestJob job) {
		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED", 4, 2_000, 0, 0, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(2_000);
		assertThat(this.database.ledger(job.id())).extracting(LedgerRow::outcome).containsOnly("WRITTEN");
		assertThat(this.kafka.deadLetters(job.id().toString())).isEmpty();
	}

	private JsonNode readiness() throws IOException, InterruptedException {
		return this.json.readTree(get("/readyz").body());
	}

	private int status(String path) throws IOException, InterruptedException {
		return get(path).statusCode();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
