package io.sluice.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.worker.TestDatabase.FailedPhotoRow;
import io.sluice.worker.TestDatabase.JobRow;
import io.sluice.worker.TestDatabase.LedgerRow;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import static io.sluice.worker.TestJob.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Photos the database rejects (here a caption holding U+0000, SQLState 22021) are
 * isolated by bisecting their chunk: the good photos are written, the bad ones recorded
 * in {@code failed_photo} with their index in the job, and nothing is dead-lettered.
 */
class PoisonPhotoIntegrationTests extends WorkerIntegrationTest {

	@Test
	void writesTheGoodPhotosOfAChunkAndRecordsTheOneBadPhoto() {
		TestJob job = queued(aJob().withPhotos(withBadCaptions(1_000, Set.of(821))).inChunksOf(500).build());
		this.kafka.publishAll(job);

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 2, 999, 0, 1, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(999);
		assertThat(this.database.ledger(job.id())).containsExactly(new LedgerRow(0, "WRITTEN", 500, 500, 0, 0, null),
				new LedgerRow(1, "WRITTEN", 500, 499, 0, 1, null));
		assertThat(this.database.failedPhotos(job.id())).singleElement().satisfies((failed) -> {
			assertThat(failed.photoIndex()).isEqualTo(821);
			assertThat(failed.chunkIndex()).isEqualTo(1);
			assertThat(failed.url()).isEqualTo(job.photos().get(821).url());
			assertThat(failed.sqlState()).isEqualTo("22021");
			assertThat(failed.reason()).startsWith("SQLState 22021: ");
		});
		assertNothingDeadLettered(job);
	}

	@Test
	void isolatesTwoBadPhotosInOneChunkAndOneInAnother() {
		TestJob job = queued(aJob().withPhotos(withBadCaptions(1_000, Set.of(10, 499, 700))).inChunksOf(500).build());
		this.kafka.publishAll(job);

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 2, 997, 0, 3, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(997);
		assertThat(this.database.ledger(job.id())).containsExactly(new LedgerRow(0, "WRITTEN", 500, 498, 0, 2, null),
				new LedgerRow(1, "WRITTEN", 500, 499, 0, 1, null));
		assertThat(this.database.failedPhotos(job.id()))
			.extracting(FailedPhotoRow::photoIndex, FailedPhotoRow::chunkIndex)
			.containsExactly(tuple(10, 0), tuple(499, 0), tuple(700, 1));
		assertNothingDeadLettered(job);
	}

	@Test
	void recordsEveryPhotoOfAChunkThatIsAllBad() {
		TestJob job = queued(
				aJob().withPhotos(withBadCaptions(40, Set.copyOf(IntStream.range(0, 40).boxed().toList()))).build());
		this.kafka.publishAll(job);

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 1, 0, 0, 40, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isZero();
		assertThat(this.database.ledger(job.id())).containsExactly(new LedgerRow(0, "WRITTEN", 40, 0, 0, 40, null));
		assertThat(this.database.failedPhotos(job.id())).extracting(FailedPhotoRow::photoIndex)
			.containsExactlyElementsOf(IntStream.range(0, 40).boxed().toList());
		assertNothingDeadLettered(job);
	}

	@Test
	void countsPhotosAlreadyInTheAlbumAsDuplicateBesideABadPhoto() {
		TestJob job = aJob().withPhotos(withBadCaptions(300, Set.of(150))).inChunksOf(300).build();
		this.database.insertPhotos(job.albumId(), job.photos().subList(0, 100).stream().map(ChunkPhoto::url).toList());
		queued(job);
		this.kafka.publishAll(job);

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 1, 199, 100, 1, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(299);
		assertThat(this.database.ledger(job.id())).containsExactly(new LedgerRow(0, "WRITTEN", 300, 199, 100, 1, null));
		assertThat(this.database.failedPhotos(job.id())).extracting(FailedPhotoRow::photoIndex).containsExactly(150);
	}

	@Test
	void changesNothingWhenABisectedChunkIsDeliveredAgain() {
		TestJob job = queued(aJob().withPhotos(withBadCaptions(500, Set.of(7, 300))).build());
		this.kafka.publishAll(job);
		JobRow finished = awaitFinished(job.id());
		assertThat(finished).isEqualTo(new JobRow("COMPLETED_WITH_ERRORS", 1, 498, 0, 2, true));
		List<FailedPhotoRow> failed = this.database.failedPhotos(job.id());

		RecordMetadata again = this.kafka.publish(job.chunk(0));

		await().atMost(JOB_TIMEOUT).until(() -> this.kafka.committedOffset(again.partition()) > again.offset());
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.database.job(job.id())).isEqualTo(finished);
			assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(498);
			assertThat(this.database.ledger(job.id())).hasSize(1);
			assertThat(this.database.failedPhotos(job.id())).isEqualTo(failed);
		});
		assertNothingDeadLettered(job);
	}

	private void assertNothingDeadLettered(TestJob job) {
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.kafka.deadLetters(job.id().toString())).isEmpty());
	}

	private static List<ChunkPhoto> withBadCaptions(int count, Set<Integer> bad) {
		long album = System.nanoTime();
		List<ChunkPhoto> photos = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String caption = bad.contains(i) ? "bad \u0000 caption " + i : "Photo " + i;
			photos.add(new ChunkPhoto("https://img.example/poison/" + album + "/" + i + ".jpg", caption));
		}
		return photos;
	}

}
