package io.sluice.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.sluice.worker.TestDatabase.JobRow;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static io.sluice.worker.TestJob.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A small job on the express lane is written while large jobs' chunks are still queued on
 * the main topic (ADR 0023). Nothing in the worker is slowed: the main intake is stopped
 * only while the large jobs are published, so that their backlog stands whole when it
 * starts again (otherwise the worker drains it about as fast as the test can publish).
 */
class ExpressLaneIntegrationTests extends WorkerIntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(ExpressLaneIntegrationTests.class);

	private static final String INTAKE = "chunk-intake";

	private static final int LARGE_JOBS = 8;

	private static final int LARGE_JOB_PHOTOS = 25_000;

	private static final Duration WITHIN = Duration.ofSeconds(2);

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Test
	void writesASmallJobWhileLargeJobsBacklogIsStillQueued() {
		// The express consumers have their partitions once a first small job is through.
		TestJob first = queued(aJob().withPhotos(20).build());
		this.kafka.publishToExpressLane(first.chunks());
		assertThat(awaitFinished(first.id()).status()).isEqualTo("COMPLETED");

		List<TestJob> large = new ArrayList<>();
		MessageListenerContainer intake = this.listeners.getListenerContainer(INTAKE);
		intake.stop();
		try {
			for (int i = 0; i < LARGE_JOBS; i++) {
				TestJob job = queued(aJob().withPhotos(LARGE_JOB_PHOTOS).inChunksOf(500).build());
				large.add(job);
				this.kafka.publishInOneTransaction(job.chunks());
			}
		}
		finally {
			intake.start();
		}
		int largeChunks = large.stream().mapToInt((job) -> job.chunks().size()).sum();
		await().atMost(JOB_TIMEOUT).until(() -> chunksDone(large) > 0);

		TestJob small = queued(aJob().withPhotos(20).build());
		Instant submitted = Instant.now();
		this.kafka.publishToExpressLane(small.chunks());
		await().atMost(JOB_TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.database.job(small.id()).finished());
		int largeChunksDoneThen = chunksDone(large);
		Instant smallFinished = this.database.finishedAt(small.id());

		log.info("Small job finished {} ms after its publish, with {} of the large jobs' {} chunks done",
				Duration.between(submitted, smallFinished).toMillis(), largeChunksDoneThen, largeChunks);
		assertThat(this.database.job(small.id())).isEqualTo(new JobRow("COMPLETED", 1, 20, 0, 0, true));
		assertThat(largeChunksDoneThen).as("large jobs' chunks done when the small job had finished")
			.isLessThan(largeChunks);
		assertThat(Duration.between(submitted, smallFinished)).isLessThan(WITHIN);
		Instant lastLargeFinished = Instant.MIN;
		for (TestJob job : large) {
			assertThat(awaitFinished(job.id()).status()).isEqualTo("COMPLETED");
			Instant finished = this.database.finishedAt(job.id());
			lastLargeFinished = finished.isAfter(lastLargeFinished) ? finished : lastLargeFinished;
		}
		assertThat(lastLargeFinished).isAfter(smallFinished);
	}

	private int chunksDone(List<TestJob> jobs) {
		return jobs.stream().mapToInt((job) -> this.database.job(job.id()).chunksDone()).sum();
	}

}
