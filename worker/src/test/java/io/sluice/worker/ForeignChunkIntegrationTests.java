package io.sluice.worker;

import java.util.ArrayList;
import java.util.List;

import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.worker.TestDatabase.JobRow;
import io.sluice.worker.redrive.DeadLetterRedrive;
import io.sluice.worker.write.ChunkOutcome;
import io.sluice.worker.write.ChunkWriter;
import io.sluice.worker.write.ForeignChunkException;
import io.sluice.worker.write.UnwritableChunks;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;

import static io.sluice.worker.TestJob.aJob;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Chunks that name a real job but do not belong to it, as a producer other than the API,
 * or a hand-edited dead letter re-driven, would send: another owner's album, another
 * owner, another chunk count, an index or photos the job does not have. None is written
 * or takes a ledger row, the album it names is untouched, the job's own chunk of that
 * index is still written, and a re-drive leaves the dead letter where it is.
 */
class ForeignChunkIntegrationTests extends WorkerIntegrationTest {

	@Autowired
	ChunkWriter writer;

	@Autowired
	UnwritableChunks unwritableChunks;

	@Autowired
	DeadLetterRedrive redrive;

	@Autowired
	MeterRegistry meters;

	@ParameterizedTest
	@EnumSource(Forgery.class)
	void neitherWritesNorRecordsAChunkThatDoesNotBelongToItsJob(Forgery forgery) {
		TestJob victim = queued(aJob().withPhotos(5).build());
		this.writer.write(victim.chunk(0));
		TestJob job = queued(aJob().withPhotos(300).inChunksOf(100).build());
		PhotoChunk forged = forgery.of(job.chunk(2), victim);

		assertThatExceptionOfType(ForeignChunkException.class).isThrownBy(() -> this.writer.write(forged))
			.withMessageContaining("does not belong to job " + job.id());
		assertThat(this.unwritableChunks.recordFailed(forged, "forged")).isFalse();
		assertThatExceptionOfType(ForeignChunkException.class)
			.isThrownBy(() -> this.writer.writeAll(List.of(job.chunk(0), forged, job.chunk(1))));

		assertThat(this.database.ledger(job.id())).isEmpty();
		assertThat(this.database.job(job.id())).isEqualTo(new JobRow("QUEUED", 0, 0, 0, 0, false));
		assertThat(this.database.photosInAlbum(victim.albumId())).isEqualTo(5);
		assertThat(this.database.photosInAlbum(job.albumId())).isZero();
		assertThat(this.writer.writeAll(job.chunks()))
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(ChunkOutcome.Written.class));
		assertThat(this.database.job(job.id())).isEqualTo(new JobRow("COMPLETED", 3, 300, 0, 0, true));
		assertThat(this.database.photosInAlbum(victim.albumId())).isEqualTo(5);
	}

	@Test
	void deadLettersAChunkForgedIntoAnotherAlbumAndARedriveLeavesIt() {
		TestJob victim = queued(aJob().withPhotos(5).build());
		this.writer.write(victim.chunk(0));
		TestJob job = queued(aJob().withPhotos(200).inChunksOf(100).build());
		PhotoChunk forged = Forgery.ANOTHER_ALBUM.of(job.chunk(1), victim);
		double foreignBefore = foreignDeadLetters();

		this.kafka.publish(forged);
		this.kafka.publishAll(job);

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED", 2, 200, 0, 0, true));
		await().atMost(JOB_TIMEOUT).until(() -> this.kafka.deadLetters(forged.key()).size() == 1);
		ConsumerRecord<String, byte[]> deadLetter = this.kafka.deadLetters(forged.key()).get(0);
		assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_FQCN))
			.isEqualTo(ForeignChunkException.class.getName());
		assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("album " + victim.albumId(),
				"album " + job.albumId());
		assertThat(this.database.photosInAlbum(victim.albumId())).isEqualTo(5);
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(200);
		assertThat(foreignDeadLetters()).isGreaterThanOrEqualTo(foreignBefore + 1);

		List<String> lines = new ArrayList<>();
		DeadLetterRedrive.Report report = this.redrive.run(false, lines::add);

		assertThat(report.count(DeadLetterRedrive.Action.LEFT_FOREIGN)).isGreaterThanOrEqualTo(1);
		assertThat(lines).filteredOn((line) -> line.contains(forged.key()))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("does not belong to the job it names"));
		assertThat(this.database.job(job.id())).isEqualTo(new JobRow("COMPLETED", 2, 200, 0, 0, true));
		assertThat(this.database.photosInAlbum(victim.albumId())).isEqualTo(5);
	}

	private double foreignDeadLetters() {
		return this.meters.get("sluice.chunks.dead.lettered").tag("cause", "ForeignChunkException").counter().count();
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		return new String(record.headers().lastHeader(name).value(), UTF_8);
	}

	/** Ways to make a job's chunk not belong to it. */
	enum Forgery {

		ANOTHER_ALBUM((chunk, victim) -> with(chunk, victim.albumId(), chunk.owner(), chunk.chunkIndex(),
				chunk.chunkCount(), chunk.firstPhotoIndex(), chunk.photos())),
		ANOTHER_OWNER((chunk, victim) -> with(chunk, chunk.albumId(), "mallory", chunk.chunkIndex(), chunk.chunkCount(),
				chunk.firstPhotoIndex(), chunk.photos())),
		AN_INDEX_BEYOND_THE_JOB((chunk, victim) -> with(chunk, chunk.albumId(), chunk.owner(), chunk.chunkCount(),
				chunk.chunkCount(), chunk.firstPhotoIndex(), chunk.photos())),
		ANOTHER_CHUNK_COUNT((chunk, victim) -> with(chunk, chunk.albumId(), chunk.owner(), chunk.chunkIndex(),
				chunk.chunkCount() + 1, chunk.firstPhotoIndex(), chunk.photos())),
		PHOTOS_BEYOND_THE_JOB((chunk, victim) -> with(chunk, chunk.albumId(), chunk.owner(), chunk.chunkIndex(),
				chunk.chunkCount(), chunk.firstPhotoIndex(), morePhotos(chunk)));

		private final Forger forger;

		Forgery(Forger forger) {
			this.forger = forger;
		}

		PhotoChunk of(PhotoChunk chunk, TestJob victim) {
			return this.forger.forge(chunk, victim);
		}

		private static PhotoChunk with(PhotoChunk chunk, long albumId, String owner, int chunkIndex, int chunkCount,
				int firstPhotoIndex, List<ChunkPhoto> photos) {
			return new PhotoChunk(chunk.schemaVersion(), chunk.jobId(), owner, albumId, chunkIndex, chunkCount,
					firstPhotoIndex, photos);
		}

		private static List<ChunkPhoto> morePhotos(PhotoChunk chunk) {
			List<ChunkPhoto> photos = new ArrayList<>(chunk.photos());
			photos.add(new ChunkPhoto("https://img.example/one-too-many.jpg", "one too many"));
			return photos;
		}

		@FunctionalInterface
		private interface Forger {

			PhotoChunk forge(PhotoChunk chunk, TestJob victim);

		}

	}

}
