package io.sluice.worker;

import java.time.Duration;

import io.sluice.worker.TestDatabase.JobRow;
import io.sluice.worker.TestDatabase.RowLock;
import org.junit.jupiter.api.Test;

import static io.sluice.worker.TestJob.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConnectionLossIntegrationTests extends WorkerIntegrationTest {

	@Test
	void completesAJobWhoseConnectionsAreTerminatedWhileItRuns() {
		TestJob job = queued(aJob().withPhotos(30_000).inChunksOf(500).build());

		// Published in four parts, so every termination but the last lands while the job
		// still has chunks to write, however fast the writes are.
		int terminated = 0;
		int terminationsMidJob = 0;
		for (int round = 1; round <= 4; round++) {
			job.chunks().subList((round - 1) * 15, round * 15).forEach(this.kafka::publish);
			int progress = (round - 1) * 15 + 8;
			await().atMost(JOB_TIMEOUT)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> this.database.job(job.id()).chunksDone() >= progress);
			int killed = this.database.terminateWorkerConnections();
			terminated += killed;
			if (killed > 0 && !this.database.job(job.id()).finished()) {
				terminationsMidJob++;
			}
		}

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED", 60, 30_000, 0, 0, true));
		assertThat(this.database.photosInAlbum(job.albumId())).isEqualTo(30_000);
		assertThat(terminated).isGreaterThan(0);
		assertThat(terminationsMidJob).isGreaterThan(0);
		assertThat(this.kafka.deadLetters(job.id().toString())).isEmpty();
	}

	@Test
	void redeliversAChunkWhileTheDatabaseRefusesItBeyondTheRetryBudget() throws Exception {
		TestJob job = queued(aJob().withPhotos(50).build());
		try (RowLock lock = this.database.lockJobRow(job.id())) {
			this.kafka.publishAll(job);
			await().atMost(JOB_TIMEOUT).until(this.database::workerWaitingOnLock);
			// 3 attempts of 500 ms lock timeout plus backoff: the budget is spent more
			// than
			// once in this window, and the record must neither land nor be dead-lettered
			await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				assertThat(this.database.job(job.id())).isEqualTo(new JobRow("QUEUED", 0, 0, 0, 0, false));
				assertThat(this.kafka.deadLetters(job.id().toString())).isEmpty();
			});
		}

		assertThat(awaitFinished(job.id())).isEqualTo(new JobRow("COMPLETED", 1, 50, 0, 0, true));
		assertThat(this.kafka.deadLetters(job.id().toString())).isEmpty();
	}

}
