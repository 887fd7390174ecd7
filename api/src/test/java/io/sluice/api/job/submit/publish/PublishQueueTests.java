package io.sluice.api.job.submit.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.sluice.api.job.Job;
import io.sluice.api.job.submit.publish.PublishQueue.Lane;
import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.job.JobStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublishQueueTests {

	private final PublishQueue queue = new PublishQueue();

	@Test
	void givesTheExpressLaneOnlySmallJobsThoughLargeOnesWaitedLonger() throws Exception {
		Publication large = aJob(200);
		Publication small = aJob(1);
		this.queue.offer(large, false);
		this.queue.offer(small, true);

		assertThat(this.queue.take(Lane.EXPRESS)).containsExactly(small);
		assertThat(this.queue.take(Lane.ANY)).containsExactly(large);
	}

	@Test
	void givesAGeneralLaneTheLargeJobsFirstAndTheSmallOnesWhenNoLargeOneWaits() throws Exception {
		Publication small = aJob(1);
		Publication large = aJob(10);
		this.queue.offer(small, true);
		this.queue.offer(large, false);

		assertThat(this.queue.take(Lane.ANY)).containsExactly(large);
		assertThat(this.queue.take(Lane.ANY)).containsExactly(small);
	}

	@Test
	void batchesEveryWaitingJobOfOneQueueUpToTheChunkLimitWithoutSplittingAJob() throws Exception {
		List<Publication> large = List.of(aJob(120), aJob(70), aJob(20), aJob(5));
		large.forEach((job) -> this.queue.offer(job, false));
		Publication small = aJob(1);
		this.queue.offer(small, true);

		assertThat(this.queue.take(Lane.ANY)).containsExactly(large.get(0), large.get(1));
		assertThat(this.queue.take(Lane.ANY)).containsExactly(large.get(2), large.get(3));
		assertThat(this.queue.take(Lane.ANY)).containsExactly(small);
	}

	@Test
	void putsAJobLargerThanTheLimitInATransactionOfItsOwn() throws Exception {
		Publication huge = aJob(PublishQueue.MAX_BATCH_CHUNKS + 1);
		Publication next = aJob(1);
		this.queue.offer(huge, false);
		this.queue.offer(next, false);

		assertThat(this.queue.take(Lane.ANY)).containsExactly(huge);
		assertThat(this.queue.take(Lane.ANY)).containsExactly(next);
	}

	@Test
	void keepsAnExpressLaneWaitingWhileOnlyLargeJobsWaitAndWakesItForASmallOne() throws Exception {
		this.queue.offer(aJob(50), false);
		CompletableFuture<List<Publication>> express = CompletableFuture.supplyAsync(() -> {
			try {
				return this.queue.take(Lane.EXPRESS);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		Publication small = aJob(1);
		this.queue.offer(small, true);

		assertThat(express.get(10, TimeUnit.SECONDS)).containsExactly(small);
		assertThat(this.queue.drain()).hasSize(1);
	}

	@Test
	void drainsEveryWaitingJob() {
		List<Publication> offered = new ArrayList<>();
		IntStream.range(0, 3).forEach((i) -> {
			Publication job = aJob(1 + i * 100);
			offered.add(job);
			this.queue.offer(job, i == 0);
		});

		assertThat(this.queue.drain()).containsExactlyInAnyOrderElementsOf(offered);
		assertThat(this.queue.drain()).isEmpty();
	}

	private static Publication aJob(int chunkCount) {
		UUID id = UUID.randomUUID();
		Instant now = Instant.now();
		Job pending = new Job(id, "queue-tests", 1, JobStatus.PENDING, chunkCount, chunkCount, 0, 0, 0, 0, now, now,
				null, null, now);
		List<PhotoChunk> chunks = IntStream.range(0, chunkCount)
			.mapToObj((index) -> new PhotoChunk(PhotoChunk.SCHEMA_VERSION, id, "queue-tests", 1, index, chunkCount,
					index, List.of(new ChunkPhoto("https://img.example/" + id + "/" + index + ".jpg", null))))
			.toList();
		return new Publication(pending, chunks, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
	}

}
