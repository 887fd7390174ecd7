package io.sluice.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.embedded.ConnectionSampler;
import io.sluice.embedded.TestInfrastructure;
import io.sluice.worker.TestDatabase.JobRow;
import io.sluice.worker.TestDatabase.LedgerRow;
import io.sluice.worker.TestDatabase.Uncommitted;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.sluice.worker.TestJob.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class ChunkWriteIntegrationTests extends WorkerIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void writesEveryPhotoOfAMultiChunkJobExactlyOnce() {
		TestJob job = queued(aJob().withPhotos(5_000).inChunksOf(500).build());
		this.kafka.publishAll(job);

		JobRow finished = awaitFinished(job.id());

		assertThat(finished).isEqualTo(new JobRow("COMPLETED", 10, 5_000, 0, 0, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(5_000);
		List<LedgerRow> ledger = this.database.ledger(job.id());
		assertThat(ledger).hasSize(10).allSatisfy((chunk) -> {
			assertThat(chunk.outcome()).isEqualTo("WRITTEN");
			assertThat(chunk.written()).isEqualTo(500);
			assertThat(chunk.duplicate()).isZero();
		});
	}

	@Test
	void countsPhotosAlreadyInTheAlbumAsDuplicate() {
		TestJob job = aJob().withPhotos(300).inChunksOf(100).build();
		this.database.insertPhotos(job.albumId(), job.photos().subList(50, 150).stream().map(ChunkPhoto::url).toList());
		queued(job);
		this.kafka.publishAll(job);

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED", 3, 200, 100, 0, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(300);
	}

	@Test
	void countsAUrlRepeatedInsideOneChunkAsDuplicate() {
		ChunkPhoto photo = new ChunkPhoto("https://img.example/repeated.jpg", "first");
		ChunkPhoto again = new ChunkPhoto("https://img.example/repeated.jpg", "second");
		ChunkPhoto other = new ChunkPhoto("https://img.example/other.jpg", null);
		TestJob job = queued(aJob().withPhotos(List.of(photo, other, again)).build());
		this.kafka.publishAll(job);

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED", 1, 2, 1, 0, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(2);
	}

	@Test
	void ignoresAChunkRecordDeliveredTwice() {
		TestJob job = queued(aJob().withPhotos(1_000).inChunksOf(500).build());
		this.kafka.publishAll(job);
		JobRow finished = awaitFinished(job.id());
		assertThat(finished).isEqualTo(new JobRow("COMPLETED", 2, 1_000, 0, 0, true));

		RecordMetadata again = this.kafka.publish(job.chunk(1));

		await().atMost(JOB_TIMEOUT).until(() -> this.kafka.committedOffset(again.partition()) > again.offset());
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.database.job(job.id())).isEqualTo(finished);
			assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(1_000);
			assertThat(this.database.ledger(job.id())).hasSize(2);
		});
	}

	@Test
	void skipsAChunkWhoseJobFailsAsItArrives() throws Exception {
		TestJob job = queued(aJob().withPhotos(200).inChunksOf(100).build());
		try (Uncommitted failing = this.database.failUncommitted(job.id(), "Publishing timed out")) {
			// The job's gate is closed: the chunk's claim waits for the failure to
			// commit, then reads the job as it ended (ADR 0036).
			this.kafka.publish(job.chunk(0));
			await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(10)).until(this.database::workerWaitingOnLock);
			failing.commit();
		}

		await().atMost(JOB_TIMEOUT)
			.untilAsserted(() -> assertThat(this.database.ledger(job.id()))
				.containsExactly(new LedgerRow(0, "SKIPPED_FAILED", 100, 0, 0, 0, null)));
		assertThat(this.database.job(job.id())).isEqualTo(new JobRow("FAILED", 0, 0, 0, 200, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isZero();
	}

	@Test
	void neverHoldsMoreThanConcurrencyPlusOneConnectionsWhileAJobRuns() throws Exception {
		TestJob job = queued(aJob().withPhotos(10_000).inChunksOf(500).build());
		try (ConnectionSampler connections = ConnectionSampler.start(TestInfrastructure.shared(),
				TestDatabase.WORKER_APPLICATION_NAME)) {
			this.kafka.publishAll(job);
			assertThat(awaitFinished(job.id()).status()).isEqualTo("COMPLETED");

			assertThat(connections.samples()).isGreaterThan(10);
			assertThat(connections.peak()).isBetween(1, CONCURRENCY + 1);
		}
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(10_000);
	}

	@Test
	void answersTheReadinessProbe() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/readyz")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("UP");
	}

}
