package io.sluice.worker.intake;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.ChunkTopics;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.job.JobStatus;
import io.sluice.worker.write.ChunkCounts;
import io.sluice.worker.write.ChunkOutcome;
import io.sluice.worker.write.JobSnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ChunkMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ChunkMetrics metrics = new ChunkMetrics(this.registry);

	@Test
	void countsAWrittenChunksPhotosByTheirOutcome() {
		this.metrics.counted(chunkOf(10), new ChunkOutcome.Written(new ChunkCounts(10, 7, 2, 1), job()));

		assertThat(photos("written")).isEqualTo(7);
		assertThat(photos("duplicate")).isEqualTo(2);
		assertThat(photos("failed")).isEqualTo(1);
		assertThat(photos("cancelled")).isZero();
	}

	@Test
	void countsASkippedChunksPhotosCancelledOrFailedAsItsJobEnded() {
		this.metrics.counted(chunkOf(4), new ChunkOutcome.Skipped(JobStatus.CANCELLED));
		this.metrics.counted(chunkOf(3), new ChunkOutcome.Skipped(JobStatus.FAILED));

		assertThat(photos("cancelled")).isEqualTo(4);
		assertThat(photos("failed")).isEqualTo(3);
	}

	@Test
	void countsNothingForAChunkWrittenBefore() {
		this.metrics.counted(chunkOf(5), new ChunkOutcome.AlreadyDone());

		assertThat(this.registry.find(ChunkMetrics.PHOTOS).counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
	}

	@Test
	void timesOneSampleForAWriteOfManyChunksByLaneAndOutcome() {
		this.metrics.timeWriteAll(ChunkTopics.PHOTO_CHUNKS, () -> List.of(new ChunkOutcome.AlreadyDone(),
				new ChunkOutcome.Written(new ChunkCounts(1, 1, 0, 0), job())));
		this.metrics.timeWrite(ChunkTopics.EXPRESS_CHUNKS, ChunkOutcome.AlreadyDone::new);

		assertThat(timed("main", "written")).isEqualTo(1);
		assertThat(timed("express", "skipped")).isEqualTo(1);
	}

	@Test
	void timesAFailedWriteAndLetsItsFailureThrough() {
		assertThatIllegalStateException().isThrownBy(() -> this.metrics.timeWrite(ChunkTopics.PHOTO_CHUNKS, () -> {
			throw new IllegalStateException("database away");
		}));

		assertThat(timed("main", "failed")).isEqualTo(1);
	}

	@Test
	void countsRetries() {
		this.metrics.retried();
		this.metrics.retried();

		assertThat(this.registry.get(ChunkMetrics.RETRIES).counter().count()).isEqualTo(2);
	}

	private double photos(String outcome) {
		return this.registry.get(ChunkMetrics.PHOTOS).tag("outcome", outcome).counter().count();
	}

	private long timed(String lane, String outcome) {
		return this.registry.get(ChunkMetrics.CHUNK_WRITE).tag("lane", lane).tag("outcome", outcome).timer().count();
	}

	private static PhotoChunk chunkOf(int photos) {
		List<ChunkPhoto> list = IntStream.range(0, photos)
			.mapToObj((i) -> new ChunkPhoto("https://img.example/metrics/" + i + ".jpg", null))
			.toList();
		return new PhotoChunk(PhotoChunk.SCHEMA_VERSION, UUID.randomUUID(), "metrics-tests", 42L, 0, 1, 0, list);
	}

	private static Optional<JobSnapshot> job() {
		return Optional.of(new JobSnapshot(UUID.randomUUID(), JobStatus.RUNNING, 1, 2, 0, 0, 0));
	}

}
