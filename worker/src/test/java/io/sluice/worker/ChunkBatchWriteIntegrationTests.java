package io.sluice.worker;

import java.util.List;

import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.job.JobStatus;
import io.sluice.worker.TestDatabase.JobRow;
import io.sluice.worker.TestDatabase.LedgerRow;
import io.sluice.worker.write.ChunkOutcome;
import io.sluice.worker.write.ChunkWriter;
import io.sluice.worker.write.UnwritableChunks;
import io.sluice.worker.write.UnknownJobException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import static io.sluice.worker.TestJob.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ChunkWriter#writeAll}, called directly (these jobs are never published): all or
 * nothing, and exactly the counts that writing the chunks one at a time would give; and
 * {@link ChunkWriter#write} and {@link UnwritableChunks} where they must agree with it.
 */
class ChunkBatchWriteIntegrationTests extends WorkerIntegrationTest {

	@Autowired
	ChunkWriter writer;

	@Autowired
	UnwritableChunks unwritableChunks;

	@Test
	void writesTheChunksOfSeveralJobsInOneGoAndFinishesTheJobsWhoseLastChunkIsAmongThem() {
		TestJob whole = queued(aJob().withPhotos(1_000).inChunksOf(250).build());
		TestJob partial = queued(aJob().withPhotos(600).inChunksOf(200).build());
		List<PhotoChunk> batch = List.of(whole.chunk(2), partial.chunk(0), whole.chunk(0), whole.chunk(3),
				partial.chunk(2), whole.chunk(1));

		List<ChunkOutcome> outcomes = this.writer.writeAll(batch);

		assertThat(outcomes).hasSize(6)
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(ChunkOutcome.Written.class));
		assertThat(this.database.job(whole.id())).isEqualTo(new JobRow("COMPLETED", 4, 1_000, 0, 0, true));
		assertThat(this.database.job(partial.id())).isEqualTo(new JobRow("RUNNING", 2, 400, 0, 0, false));
		assertThat(this.database.photosInAlbum(whole.albumId())).isEqualTo(1_000);
		assertThat(this.database.photosInAlbum(partial.albumId())).isEqualTo(400);
		assertThat(this.database.ledger(partial.id())).containsExactly(
				new LedgerRow(0, "WRITTEN", 200, 200, 0, 0, null), new LedgerRow(2, "WRITTEN", 200, 200, 0, 0, null));
	}

	@Test
	void changesNothingWhenTheSameChunksComeAgainAndWritesARepeatedChunkOnce() {
		TestJob job = queued(aJob().withPhotos(900).inChunksOf(300).build());
		List<ChunkOutcome> first = this.writer.writeAll(List.of(job.chunk(0), job.chunk(1), job.chunk(1)));
		assertThat(first).extracting(Object::getClass)
			.containsExactly(ChunkOutcome.Written.class, ChunkOutcome.Written.class, ChunkOutcome.AlreadyDone.class);

		List<ChunkOutcome> again = this.writer.writeAll(List.of(job.chunk(1), job.chunk(2), job.chunk(0)));

		assertThat(again).extracting(Object::getClass)
			.containsExactly(ChunkOutcome.AlreadyDone.class, ChunkOutcome.Written.class,
					ChunkOutcome.AlreadyDone.class);
		assertThat(this.database.job(job.id())).isEqualTo(new JobRow("COMPLETED", 3, 900, 0, 0, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(900);
		assertThat(this.database.ledger(job.id())).hasSize(3);
	}

	@Test
	void commitsNothingWhenAPhotoIsAlreadyInItsAlbum() {
		TestJob job = aJob().withPhotos(400).inChunksOf(200).build();
		this.database.insertPhotos(job.albumId(), List.of(job.photos().get(250).url()));
		queued(job);

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.writer.writeAll(List.of(job.chunk(0), job.chunk(1))));

		assertThat(this.database.job(job.id())).isEqualTo(new JobRow("QUEUED", 0, 0, 0, 0, false));
		assertThat(this.database.ledger(job.id())).isEmpty();
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(1);
	}

	@Test
	void commitsNothingWhenAChunksJobDoesNotExist() {
		TestJob job = queued(aJob().withPhotos(100).build());

		assertThatExceptionOfType(UnknownJobException.class)
			.isThrownBy(() -> this.writer.writeAll(List.of(job.chunk(0), TestJob.aChunkOfAnUnknownJob())));

		assertThat(this.database.job(job.id())).isEqualTo(new JobRow("QUEUED", 0, 0, 0, 0, false));
		assertThat(this.database.ledger(job.id())).isEmpty();
		assertThat(this.database.photosInAlbum(job.albumId())).isZero();
	}

	@Test
	void skipsTheChunksOfACancelledJobAndWritesTheOthers() {
		TestJob cancelled = queued(aJob().withPhotos(200).inChunksOf(100).build());
		TestJob running = queued(aJob().withPhotos(100).build());
		this.database.cancel(cancelled.id());

		List<ChunkOutcome> outcomes = this.writer
			.writeAll(List.of(cancelled.chunk(0), running.chunk(0), cancelled.chunk(1)));

		assertThat(outcomes).extracting(Object::getClass)
			.containsExactly(ChunkOutcome.Skipped.class, ChunkOutcome.Written.class, ChunkOutcome.Skipped.class);
		assertThat(outcomes.get(0)).isEqualTo(new ChunkOutcome.Skipped(JobStatus.CANCELLED));
		assertThat(this.database.photosInAlbum(cancelled.albumId())).isZero();
		assertThat(this.database.ledger(cancelled.id())).extracting(LedgerRow::outcome)
			.containsExactly("SKIPPED_CANCELLED", "SKIPPED_CANCELLED");
		assertThat(this.database.job(cancelled.id()).status()).isEqualTo("CANCELLED");
		assertThat(this.database.job(running.id())).isEqualTo(new JobRow("COMPLETED", 1, 100, 0, 0, true));
	}

	@Test
	void skipsTheLateChunksOfAFailedJobWithoutMovingItsCountersAndOnlyOnce() {
		TestJob failed = queued(aJob().withPhotos(300).inChunksOf(100).build());
		TestJob running = queued(aJob().withPhotos(100).build());
		this.writer.writeAll(List.of(failed.chunk(0)));
		this.database.fail(failed.id(), "No progress for 1h: chunks 1-2 of 3 never arrived");
		JobRow failedRow = this.database.job(failed.id());
		assertThat(failedRow).isEqualTo(new JobRow("FAILED", 1, 100, 0, 200, true));

		List<ChunkOutcome> outcomes = this.writer.writeAll(List.of(failed.chunk(2), running.chunk(0), failed.chunk(1)));

		assertThat(outcomes).hasSize(3);
		assertThat(outcomes.get(0)).isEqualTo(new ChunkOutcome.Skipped(JobStatus.FAILED));
		assertThat(outcomes.get(1)).isInstanceOf(ChunkOutcome.Written.class);
		assertThat(outcomes.get(2)).isEqualTo(new ChunkOutcome.Skipped(JobStatus.FAILED));
		assertThat(this.database.job(failed.id())).isEqualTo(failedRow);
		assertThat(this.database.photosInAlbum(failed.albumId())).isEqualTo(100);
		assertThat(this.database.ledger(failed.id())).containsExactly(new LedgerRow(0, "WRITTEN", 100, 100, 0, 0, null),
				new LedgerRow(1, "SKIPPED_FAILED", 100, 0, 0, 0, null),
				new LedgerRow(2, "SKIPPED_FAILED", 100, 0, 0, 0, null));
		assertThat(this.database.job(running.id())).isEqualTo(new JobRow("COMPLETED", 1, 100, 0, 0, true));

		assertThat(this.writer.writeAll(List.of(failed.chunk(1), failed.chunk(2))))
			.containsExactly(new ChunkOutcome.AlreadyDone(), new ChunkOutcome.AlreadyDone());
		assertThat(this.writer.write(failed.chunk(2))).isEqualTo(new ChunkOutcome.AlreadyDone());
		assertThat(this.database.job(failed.id())).isEqualTo(failedRow);
		assertThat(this.database.ledger(failed.id())).hasSize(3);
		assertThat(this.database.photosInAlbum(failed.albumId())).isEqualTo(100);
	}

	@Test
	void skipsALateChunkOfAFailedJobWrittenAlone() {
		TestJob failed = queued(aJob().withPhotos(200).inChunksOf(100).build());
		this.database.fail(failed.id(), "Publishing never completed");

		assertThat(this.writer.write(failed.chunk(1))).isEqualTo(new ChunkOutcome.Skipped(JobStatus.FAILED));

		assertThat(this.database.job(failed.id())).isEqualTo(new JobRow("FAILED", 0, 0, 0, 200, true));
		assertThat(this.database.ledger(failed.id()))
			.containsExactly(new LedgerRow(1, "SKIPPED_FAILED", 100, 0, 0, 0, null));
		assertThat(this.database.photosInAlbum(failed.albumId())).isZero();
		assertThat(this.writer.write(failed.chunk(1))).isEqualTo(new ChunkOutcome.AlreadyDone());
	}

	@Test
	void recordsAChunkOfAFailedJobThatCanNeverBeWrittenAsSkippedWithoutCountingItTwice() {
		TestJob failed = queued(aJob().withPhotos(200).inChunksOf(100).build());
		this.database.fail(failed.id(), "Publishing never completed");

		assertThat(this.unwritableChunks.recordFailed(failed.chunk(0), "permission denied for table photo")).isFalse();
		assertThat(this.unwritableChunks.recordFailed(failed.chunk(0), "permission denied for table photo")).isFalse();

		assertThat(this.database.job(failed.id())).isEqualTo(new JobRow("FAILED", 0, 0, 0, 200, true));
		assertThat(this.database.ledger(failed.id()))
			.containsExactly(new LedgerRow(0, "SKIPPED_FAILED", 100, 0, 0, 0, "permission denied for table photo"));
		assertThat(this.writer.write(failed.chunk(0))).isEqualTo(new ChunkOutcome.AlreadyDone());
	}

}
